/// The values of one expression over a selection of rows, as flat arrays: what the batch
/// evaluator passes between IR nodes instead of one boxed value per row.
struct Lane {
    enum Tag: UInt8 {
        case missing = 0
        /// `sig × 10^exp`.
        case number = 1
        /// `sig` is 0 or 1.
        case bool = 2
        /// The text of the selected row in `textColumn` of the batch.
        case text = 3
        /// A value computed the slow way, in `boxed`.
        case boxed = 4
    }

    var tags: [Tag]
    var sig: [Int64]
    var exp: [Int8]
    /// The batch column text elements come from.
    var textColumn = -1
    var boxed: [Int: Value] = [:]
    /// Set when every element is this value (a constant); the arrays are then empty.
    var constant: Value?

    init(count: Int) {
        tags = Array(repeating: .missing, count: count)
        sig = Array(repeating: 0, count: count)
        exp = Array(repeating: 0, count: count)
    }

    init(constant: Value) {
        tags = []
        sig = []
        exp = []
        self.constant = constant
    }
}

/// Evaluates bound IR over a batch of rows at a time, with fast paths for what rules mostly do
/// (load a column, compare, add, combine conditions) and the row evaluator for the rest, so its
/// results are by construction those of `RowEvaluator`.
struct BatchEvaluator {
    let table: Table
    let rows: RowEvaluatorPool

    init(table: Table) {
        self.table = table
        self.rows = RowEvaluatorPool(table: table)
    }

    /// The element `i` of `lane` (for row `row`) as a `Value`.
    func value(_ lane: Lane, _ i: Int) -> Value {
        if let c = lane.constant { return c }
        switch lane.tags[i] {
        case .missing: return .missing
        case .number: return .number(Interval(Number(significand: Int128(lane.sig[i]), exponent: Int32(lane.exp[i]))))
        case .bool: return .bool(lane.sig[i] != 0)
        case .text: return .text(table.columns[lane.textColumn].text(at: Int(lane.sig[i])) ?? "")
        case .boxed: return lane.boxed[i] ?? .missing
        }
    }

    /// Evaluates `e` for each row in `selection`.
    func evaluate(_ e: BoundExpr, _ selection: [Int32]) -> Lane {
        switch e {
        case .constant(let v):
            return Lane(constant: v)
        case .absent:
            return Lane(constant: .missing)
        case .column(0, let index):
            return load(index, selection)
        case .not(let x):
            var lane = evaluate(x, selection)
            if let c = lane.constant { return Lane(constant: c.boolValue.map { .bool(!$0) } ?? .missing) }
            for i in 0..<selection.count {
                switch lane.tags[i] {
                case .bool: lane.sig[i] ^= 1
                case .boxed:
                    if case .bool(let b) = lane.boxed[i] ?? .missing {
                        lane.tags[i] = .bool
                        lane.sig[i] = b ? 0 : 1
                    } else {
                        lane.tags[i] = .missing
                    }
                default: lane.tags[i] = .missing
                }
            }
            return lane
        case .and(let x, let y), .or(let x, let y):
            let isAnd: Bool
            if case .and = e { isAnd = true } else { isAnd = false }
            let a = evaluate(x, selection)
            let b = evaluate(y, selection)
            var out = Lane(count: selection.count)
            for i in 0..<selection.count {
                let l = truth(a, i), r = truth(b, i)
                let result: Bool?
                if isAnd {
                    result = l == false || r == false ? false : (l == true && r == true ? true : nil)
                } else {
                    result = l == true || r == true ? true : (l == false && r == false ? false : nil)
                }
                if let result {
                    out.tags[i] = .bool
                    out.sig[i] = result ? 1 : 0
                }
            }
            return out
        case .compare(let op, let x, let y, let tolerance) where tolerance != .rounding:
            return compare(op, evaluate(x, selection), evaluate(y, selection), tolerance, selection)
        case .arithmetic(let op, let x, let y) where op != .divide:
            return arithmetic(op, evaluate(x, selection), evaluate(y, selection), selection)
        case .call(.present, let args) where args.count == 1, .call(.missing, let args) where args.count == 1:
            let wantPresent: Bool
            if case .call(.present, _) = e { wantPresent = true } else { wantPresent = false }
            let lane = evaluate(args[0], selection)
            if let c = lane.constant { return Lane(constant: .bool(c.isMissing != wantPresent)) }
            var out = Lane(count: selection.count)
            for i in 0..<selection.count {
                let isMissing = lane.tags[i] == .missing || (lane.tags[i] == .boxed && (lane.boxed[i] ?? .missing).isMissing)
                out.tags[i] = .bool
                out.sig[i] = isMissing != wantPresent ? 1 : 0
            }
            return out
        case .inList(let x, let items):
            let lane = evaluate(x, selection)
            var out = Lane(count: selection.count)
            let itemLanes = items.map { Lane(constant: $0) }
            for i in 0..<selection.count {
                if lane.constant == nil, lane.tags[i] == .missing { continue }
                if lane.constant?.isMissing == true { continue }
                var found = false
                for item in itemLanes where equalsFast(lane, i, item) ?? (RowEvaluator.compare(.equal, value(lane, i), value(item, i), .exact) == .bool(true)) {
                    found = true
                    break
                }
                out.tags[i] = .bool
                out.sig[i] = found ? 1 : 0
            }
            return out
        default:
            // Everything else, one row at a time.
            var out = Lane(count: selection.count)
            var evaluator = rows.evaluator
            for (i, row) in selection.enumerated() {
                evaluator.row = Int(row)
                store(evaluator.evaluate(e), into: &out, at: i)
            }
            return out
        }
    }

    func store(_ v: Value, into lane: inout Lane, at i: Int) {
        switch v {
        case .missing: lane.tags[i] = .missing
        case .bool(let b):
            lane.tags[i] = .bool
            lane.sig[i] = b ? 1 : 0
        default:
            lane.tags[i] = .boxed
            lane.boxed[i] = v
        }
    }

    /// true, false, or nil for missing / not a condition.
    @inline(__always)
    func truth(_ lane: Lane, _ i: Int) -> Bool? {
        if let c = lane.constant { return c.boolValue }
        switch lane.tags[i] {
        case .bool: return lane.sig[i] != 0
        case .boxed: return lane.boxed[i]?.boolValue
        default: return nil
        }
    }

    func load(_ index: Int, _ selection: [Int32]) -> Lane {
        let column = table.columns[index]
        var out = Lane(count: selection.count)
        out.textColumn = index
        guard column.isLoaded else {
            for (i, row) in selection.enumerated() {
                switch table.value(row: Int(row), column: index) {
                case .missing: break
                case .number(let n, _):
                    out.tags[i] = .boxed
                    out.boxed[i] = .number(Interval(n))
                case .text(let s):
                    out.tags[i] = .boxed
                    out.boxed[i] = .text(s)
                }
            }
            return out
        }
        let hasWide = !column.wide.isEmpty
        column.kinds.withUnsafeBufferPointer { kinds in
            column.payloads.withUnsafeBufferPointer { payloads in
                column.exponents.withUnsafeBufferPointer { exponents in
                    for i in 0..<selection.count {
                        let row = Int(selection[i])
                        switch kinds[row] {
                        case .missing: break
                        case .number, .percent:
                            if hasWide, let w = column.wide[row] {
                                out.tags[i] = .boxed
                                out.boxed[i] = .number(Interval(w))
                            } else {
                                out.tags[i] = .number
                                out.sig[i] = payloads[row]
                                out.exp[i] = exponents[row]
                            }
                        case .text, .rawText:
                            out.tags[i] = .text
                            out.sig[i] = Int64(row)
                        }
                    }
                }
            }
        }
        return out
    }

    /// Equality of a lane element with a constant, without boxing, when both are simple.
    @inline(__always)
    func equalsFast(_ lane: Lane, _ i: Int, _ constant: Lane) -> Bool? {
        guard lane.constant == nil, let c = constant.constant else { return nil }
        switch (lane.tags[i], c) {
        case (.text, .text(let s)):
            return table.columns[lane.textColumn].textEquals(Int(lane.sig[i]), Array(s.utf8))
        case (.number, .number(let interval)) where interval.isPoint:
            guard let s = Int64(exactly: interval.lo.significand), let x = Int8(exactly: interval.lo.exponent) else { return nil }
            return Decimal64.compare(lane.sig[i], lane.exp[i], s, x).map { $0 == 0 }
        default:
            return nil
        }
    }

    func compare(_ op: Expr.BinaryOperator, _ a: Lane, _ b: Lane, _ tolerance: IRTolerance, _ selection: [Int32]) -> Lane {
        var out = Lane(count: selection.count)
        var t: (Int64, Int8) = (0, 0)
        var exactTolerance = true
        if case .absolute(let n) = tolerance {
            if let s = Int64(exactly: n.significand), let x = Int8(exactly: n.exponent) { t = (s, x) } else { exactTolerance = false }
        }
        // A text constant compared for equality: its bytes once, not per row.
        var constantBytes: [UInt8]?
        if case .text(let s)? = b.constant { constantBytes = Array(s.utf8) }
        var bSig: Int64 = 0, bExp: Int8 = 0, bIsNumber = false
        if case .number(let i)? = b.constant, i.isPoint, let s = Int64(exactly: i.lo.significand), let x = Int8(exactly: i.lo.exponent) {
            bSig = s
            bExp = x
            bIsNumber = true
        }
        for i in 0..<selection.count {
            let ta: Lane.Tag = a.constant == nil ? a.tags[i] : .boxed
            let tb: Lane.Tag = b.constant == nil ? b.tags[i] : (bIsNumber ? .number : .boxed)
            if ta == .missing || tb == .missing {
                continue
            }
            if ta == .number, tb == .number, exactTolerance {
                let sb = b.constant == nil ? b.sig[i] : bSig
                let eb = b.constant == nil ? b.exp[i] : bExp
                if let result = Decimal64.compare(op, a.sig[i], a.exp[i], sb, eb, tolerance: t) {
                    out.tags[i] = .bool
                    out.sig[i] = result ? 1 : 0
                    continue
                }
            }
            if ta == .text, let bytes = constantBytes, op == .equal || op == .notEqual {
                let equal = table.columns[a.textColumn].textEquals(Int(a.sig[i]), bytes)
                out.tags[i] = .bool
                out.sig[i] = (equal == (op == .equal)) ? 1 : 0
                continue
            }
            store(RowEvaluator.compare(op, value(a, i), value(b, i), tolerance), into: &out, at: i)
        }
        return out
    }

    /// A constant lane's number in 64-bit form, if it has one.
    func compactConstant(_ lane: Lane) -> (Int64, Int8)? {
        guard case .number(let i)? = lane.constant, i.isPoint,
              let s = Int64(exactly: i.lo.significand), let x = Int8(exactly: i.lo.exponent) else { return nil }
        return (s, x)
    }

    func arithmetic(_ op: BoundExpr.Arithmetic, _ a: Lane, _ b: Lane, _ selection: [Int32]) -> Lane {
        var out = Lane(count: selection.count)
        let ca = compactConstant(a), cb = compactConstant(b)
        for i in 0..<selection.count {
            let ta: Lane.Tag = a.constant == nil ? a.tags[i] : (ca == nil ? .boxed : .number)
            let tb: Lane.Tag = b.constant == nil ? b.tags[i] : (cb == nil ? .boxed : .number)
            if ta == .missing || tb == .missing { continue }
            if ta == .number, tb == .number,
               let r = Decimal64.arithmetic(op, ca?.0 ?? a.sig[i], ca?.1 ?? a.exp[i], cb?.0 ?? b.sig[i], cb?.1 ?? b.exp[i]) {
                out.tags[i] = .number
                out.sig[i] = r.0
                out.exp[i] = r.1
                continue
            }
            guard case .number(let x) = value(a, i), case .number(let y) = value(b, i) else { continue }
            let r: Interval
            switch op {
            case .add: r = x + y
            case .subtract: r = x - y
            case .multiply: r = x * y
            case .divide: continue
            }
            out.tags[i] = .boxed
            out.boxed[i] = .number(r)
        }
        return out
    }
}

/// A row evaluator over one batch, handed to the slow path.
struct RowEvaluatorPool {
    let evaluator: RowEvaluator

    init(table: Table) {
        evaluator = RowEvaluator(own: table, partner: nil)
    }
}

/// Exact arithmetic on `significand × 10^exponent` pairs that fit 64 bits; `nil` when a result
/// would not fit, and the caller takes the exact 128-bit path.
enum Decimal64 {
    static let powers: [Int64] = {
        var p: [Int64] = [1]
        for _ in 1...18 { p.append(p[p.count - 1] * 10) }
        return p
    }()

    /// The two significands scaled to the smaller exponent.
    @inline(__always)
    static func align(_ a: Int64, _ ea: Int8, _ b: Int64, _ eb: Int8) -> (Int64, Int64, Int8)? {
        if ea == eb { return (a, b, ea) }
        if ea > eb {
            let d = Int(ea) - Int(eb)
            guard d <= 18 else { return nil }
            let (scaled, overflow) = a.multipliedReportingOverflow(by: powers[d])
            return overflow ? nil : (scaled, b, eb)
        }
        let d = Int(eb) - Int(ea)
        guard d <= 18 else { return nil }
        let (scaled, overflow) = b.multipliedReportingOverflow(by: powers[d])
        return overflow ? nil : (a, scaled, ea)
    }

    /// -1, 0 or 1.
    @inline(__always)
    static func compare(_ a: Int64, _ ea: Int8, _ b: Int64, _ eb: Int8) -> Int? {
        guard let (x, y, _) = align(a, ea, b, eb) else { return nil }
        return x < y ? -1 : (x == y ? 0 : 1)
    }

    /// `a op b` with an absolute tolerance, as `RowEvaluator.compare` defines it.
    @inline(__always)
    static func compare(_ op: Expr.BinaryOperator, _ a: Int64, _ ea: Int8, _ b: Int64, _ eb: Int8, tolerance t: (Int64, Int8)) -> Bool? {
        guard let (x, y, e) = align(a, ea, b, eb) else { return nil }
        let (d, overflow) = x.subtractingReportingOverflow(y)
        guard !overflow else { return nil }
        if t.0 == 0 {
            switch op {
            case .equal: return d == 0
            case .notEqual: return d != 0
            case .less: return d < 0
            case .lessOrEqual: return d <= 0
            case .greater: return d > 0
            case .greaterOrEqual: return d >= 0
            default: return nil
            }
        }
        guard let (dd, tt, _) = align(d, e, t.0, t.1) else { return nil }
        switch op {
        case .equal: return dd <= tt && -dd <= tt
        case .notEqual: return !(dd <= tt && -dd <= tt)
        case .less: return dd < tt
        case .lessOrEqual: return dd <= tt
        case .greater: return dd > -tt
        case .greaterOrEqual: return dd >= -tt
        default: return nil
        }
    }

    @inline(__always)
    static func arithmetic(_ op: BoundExpr.Arithmetic, _ a: Int64, _ ea: Int8, _ b: Int64, _ eb: Int8) -> (Int64, Int8)? {
        switch op {
        case .add, .subtract:
            guard let (x, y, e) = align(a, ea, b, eb) else { return nil }
            let (r, overflow) = op == .add ? x.addingReportingOverflow(y) : x.subtractingReportingOverflow(y)
            return overflow ? nil : (r, e)
        case .multiply:
            let (r, overflow) = a.multipliedReportingOverflow(by: b)
            let e = Int(ea) + Int(eb)
            guard !overflow, let exponent = Int8(exactly: e) else { return nil }
            return (r, exponent)
        case .divide:
            return nil
        }
    }
}
