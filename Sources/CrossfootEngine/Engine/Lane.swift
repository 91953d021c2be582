import CrossfootBase
import CrossfootRules
import CrossfootTables

/// The values of one expression over a selection of rows, as flat arrays: what the batch
/// evaluator passes between IR nodes instead of one boxed value per row.
package struct Lane {
    package enum Tag: UInt8 {
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

    package var tags: [Tag]
    package var sig: [Int64]
    package var exp: [Int8]
    /// The batch column text elements come from.
    package var textColumn = -1
    package var boxed: [Int: Value] = [:]
    /// Set when every element is this value (a constant); the arrays are then empty.
    package let constant: Value?
    package let isConstant: Bool
    /// The constant's truth, looked up once rather than per row.
    package let constantTruth: Bool?

    package init(count: Int) {
        tags = Array(repeating: .missing, count: count)
        // Read only where a tag says so: no need to clear them.
        sig = Array(unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
        exp = Array(unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
        constant = nil
        isConstant = false
        constantTruth = nil
    }

    package init(constant: Value) {
        tags = []
        sig = []
        exp = []
        self.constant = constant
        isConstant = true
        constantTruth = constant.boolValue
    }
}

/// Evaluates bound IR over a batch of rows at a time, with fast paths for what rules mostly do
/// (load a column, compare, add, combine conditions) and the row evaluator for the rest, so its
/// results are by construction those of `RowEvaluator`.
package struct BatchEvaluator {
    package let table: Table
    package let rows: RowEvaluatorPool
    /// Column lanes already loaded for the current selection, shared by the rules of a chunk.
    package let memo = LaneMemo()

    package init(table: Table) {
        self.table = table
        self.rows = RowEvaluatorPool(table: table)
    }

    /// The element `i` of `lane` (for row `row`) as a `Value`.
    package func value(_ lane: Lane, _ i: Int) -> Value {
        if lane.isConstant, let c = lane.constant { return c }
        switch lane.tags[i] {
        case .missing: return .missing
        case .number: return .number(Interval(Number(significand: Int128(lane.sig[i]), exponent: Int32(lane.exp[i]))))
        case .bool: return .bool(lane.sig[i] != 0)
        case .text: return .text(table.columns[lane.textColumn].text(at: Int(lane.sig[i])) ?? "")
        case .boxed: return lane.boxed[i] ?? .missing
        }
    }

    /// Evaluates `e` for each row in `selection`.
    package func evaluate(_ e: BoundExpr, _ selection: [Int32]) -> Lane {
        switch e {
        case .constant(let v):
            return Lane(constant: v)
        case .absent:
            return Lane(constant: .missing)
        case .column(0, let index):
            if let cached = memo.lanes[index], memo.selection == selection { return cached }
            let lane = load(index, selection)
            if memo.selection == selection { memo.lanes[index] = lane }
            return lane
        case .not(let x):
            var lane = evaluate(x, selection)
            if lane.isConstant { return Lane(constant: lane.constantTruth.map { .bool(!$0) } ?? .missing) }
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
            // Short-circuit on a constant left side.
            if a.isConstant, let t = a.constantTruth, t == !isAnd { return a }
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
            if lane.isConstant { return Lane(constant: .bool((lane.constant?.isMissing ?? true) != wantPresent)) }
            var out = Lane(count: selection.count)
            for i in 0..<selection.count {
                let isMissing = lane.tags[i] == .missing || (lane.tags[i] == .boxed && (lane.boxed[i] ?? .missing).isMissing)
                out.tags[i] = .bool
                out.sig[i] = isMissing != wantPresent ? 1 : 0
            }
            return out
        case .call(.round, let args) where args.count == 2 && roundedQuotientParts(args) != nil:
            // round(a / b × scale, decimals), exactly, in integers: how ratios are checked.
            guard let (numerator, denominator, scale, decimals) = roundedQuotientParts(args) else { return Lane(constant: .missing) }
            let a = evaluate(numerator, selection)
            let b = evaluate(denominator, selection)
            var out = Lane(count: selection.count)
            for i in 0..<selection.count {
                if !a.isConstant, !b.isConstant, a.tags[i] == .number, b.tags[i] == .number,
                   let r = Decimal64.roundedQuotient(a.sig[i], a.exp[i], b.sig[i], b.exp[i], scale: scale, decimals: decimals) {
                    if let (sig, exp) = r {
                        out.tags[i] = .number
                        out.sig[i] = sig
                        out.exp[i] = exp
                    }
                    continue
                }
                var evaluator = rows.evaluator
                evaluator.row = Int(selection[i])
                store(evaluator.evaluate(e), into: &out, at: i)
            }
            return out
        case .inList(let x, let items):
            let lane = evaluate(x, selection)
            var out = Lane(count: selection.count)
            let itemLanes = items.map { Lane(constant: $0) }
            for i in 0..<selection.count {
                if !lane.isConstant, lane.tags[i] == .missing { continue }
                if lane.isConstant, lane.constant?.isMissing == true { continue }
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

    package func store(_ v: Value, into lane: inout Lane, at i: Int) {
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
    package func truth(_ lane: Lane, _ i: Int) -> Bool? {
        if lane.isConstant { return lane.constantTruth }
        switch lane.tags[i] {
        case .bool: return lane.sig[i] != 0
        case .boxed: return lane.boxed[i]?.boolValue
        default: return nil
        }
    }

    /// Whether each of the first `count` elements of `lane` is true (not false, not missing),
    /// or-ed into `flags`.
    package func markTrue(_ lane: Lane, count: Int, into flags: inout [Bool]) {
        if lane.isConstant {
            if lane.constantTruth == true { for i in 0..<count { flags[i] = true } }
            return
        }
        for i in 0..<count where !flags[i] {
            switch lane.tags[i] {
            case .bool: flags[i] = lane.sig[i] != 0
            case .boxed: flags[i] = lane.boxed[i] == .bool(true)
            default: break
            }
        }
    }

    /// The rows of `selection` where `lane` is true.
    package func narrow(_ selection: [Int32], by lane: Lane) -> [Int32] {
        if lane.isConstant { return lane.constantTruth == true ? selection : [] }
        var result: [Int32] = []
        result.reserveCapacity(selection.count)
        lane.tags.withUnsafeBufferPointer { t in
            lane.sig.withUnsafeBufferPointer { v in
                for i in 0..<selection.count {
                    if t[i] == .bool {
                        if v[i] != 0 { result.append(selection[i]) }
                    } else if t[i] == .boxed, lane.boxed[i] == .bool(true) {
                        result.append(selection[i])
                    }
                }
            }
        }
        return result
    }

    package func load(_ index: Int, _ selection: [Int32]) -> Lane {
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
    package func equalsFast(_ lane: Lane, _ i: Int, _ constant: Lane) -> Bool? {
        guard !lane.isConstant, let c = constant.constant else { return nil }
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

    package func compare(_ op: Expr.BinaryOperator, _ a: Lane, _ b: Lane, _ tolerance: IRTolerance, _ selection: [Int32]) -> Lane {
        let n = selection.count
        var out = Lane(count: n)
        var t: (Int64, Int8) = (0, 0)
        var exactTolerance = true
        if case .absolute(let x) = tolerance {
            if let s = Int64(exactly: x.significand), let e = Int8(exactly: x.exponent) { t = (s, e) } else { exactTolerance = false }
        }
        var slow: [Int] = []
        if !a.isConstant, exactTolerance {
            let cb = compactConstant(b)
            if case .text(let constantText)? = b.constant, op == .equal || op == .notEqual, a.textColumn >= 0 {
                // A text column against a text constant: compare bytes, no String per row.
                let bytes = Array(constantText.utf8)
                let column = table.columns[a.textColumn]
                let want: Int64 = op == .equal ? 1 : 0
                column.raw.withUnsafeBufferPointer { raw in
                    column.kinds.withUnsafeBufferPointer { kinds in
                        column.payloads.withUnsafeBufferPointer { payloads in
                            bytes.withUnsafeBufferPointer { target in
                                for i in 0..<n {
                                    switch a.tags[i] {
                                    case .missing: continue
                                    case .text:
                                        let row = Int(a.sig[i])
                                        let equal: Bool
                                        if kinds[row] == .rawText {
                                            let packed = payloads[row]
                                            let offset = Int(packed >> 24), length = Int(packed & 0xFF_FFFF)
                                            if length != target.count {
                                                equal = false
                                            } else {
                                                var k = 0
                                                while k < length, raw[offset + k] == target[k] { k += 1 }
                                                equal = k == length
                                            }
                                        } else {
                                            equal = column.textEquals(row, bytes)
                                        }
                                        out.tags[i] = .bool
                                        out.sig[i] = equal ? want : 1 - want
                                    default: slow.append(i)
                                    }
                                }
                            }
                        }
                    }
                }
            } else if let (bs, be) = cb, t.0 == 0 {
                // A column against a number: the common range and threshold checks.
                var lastExponent = be
                var scaled = bs
                var scaledValid = true
                a.tags.withUnsafeBufferPointer { at in
                    a.sig.withUnsafeBufferPointer { asig in
                        a.exp.withUnsafeBufferPointer { aexp in
                            out.tags.withUnsafeMutableBufferPointer { ot in
                                out.sig.withUnsafeMutableBufferPointer { osig in
                                    for i in 0..<n {
                                        let ta = at[i]
                                        if ta != .number {
                                            if ta != .missing { slow.append(i) }
                                            continue
                                        }
                                        let ea = aexp[i]
                                        if ea != lastExponent {
                                            lastExponent = ea
                                            if ea <= be, Int(be) - Int(ea) <= 18 {
                                                let (v, overflow) = bs.multipliedReportingOverflow(by: Decimal64.power(Int(be) - Int(ea)))
                                                scaled = v
                                                scaledValid = !overflow
                                            } else {
                                                scaledValid = false
                                            }
                                        }
                                        guard scaledValid else {
                                            slow.append(i)
                                            continue
                                        }
                                        let x = asig[i]
                                        let r: Bool
                                        switch op {
                                        case .equal: r = x == scaled
                                        case .notEqual: r = x != scaled
                                        case .less: r = x < scaled
                                        case .lessOrEqual: r = x <= scaled
                                        case .greater: r = x > scaled
                                        default: r = x >= scaled
                                        }
                                        ot[i] = .bool
                                        osig[i] = r ? 1 : 0
                                    }
                                }
                            }
                        }
                    }
                }
            } else if !b.isConstant || cb != nil {
                let bConst = cb != nil
                let bs = cb?.0 ?? 0, be = cb?.1 ?? 0
                a.tags.withUnsafeBufferPointer { at in
                    a.sig.withUnsafeBufferPointer { asig in
                        a.exp.withUnsafeBufferPointer { aexp in
                            b.tags.withUnsafeBufferPointer { bt in
                                b.sig.withUnsafeBufferPointer { bsig in
                                    b.exp.withUnsafeBufferPointer { bexp in
                                        out.tags.withUnsafeMutableBufferPointer { ot in
                                            out.sig.withUnsafeMutableBufferPointer { osig in
                                                for i in 0..<n {
                                                    let ta = at[i]
                                                    let tb = bConst ? Lane.Tag.number : bt[i]
                                                    if ta == .missing || tb == .missing { continue }
                                                    if ta == .number, tb == .number,
                                                       let r = Decimal64.compare(op, asig[i], aexp[i], bConst ? bs : bsig[i], bConst ? be : bexp[i], tolerance: t) {
                                                        ot[i] = .bool
                                                        osig[i] = r ? 1 : 0
                                                    } else {
                                                        slow.append(i)
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            } else {
                slow = Array(0..<n)
            }
        } else {
            slow = Array(0..<n)
        }
        for i in slow {
            store(RowEvaluator.compare(op, value(a, i), value(b, i), tolerance), into: &out, at: i)
        }
        return out
    }

    /// `round(x / y, d)` or `round(x / y * s, d)` with constant `s` and whole `d`: its parts.
    package func roundedQuotientParts(_ args: [BoundExpr]) -> (BoundExpr, BoundExpr, (Int64, Int8), Int)? {
        guard case .constant(.number(let d)) = args[1], d.isPoint, let decimals = Int(exactly: d.lo.significand), d.lo.exponent == 0, (0...12).contains(decimals) else { return nil }
        switch args[0] {
        case .arithmetic(.divide, let x, let y):
            return (x, y, (1, 0), decimals)
        case .arithmetic(.multiply, .arithmetic(.divide, let x, let y), .constant(.number(let s))),
             .arithmetic(.multiply, .constant(.number(let s)), .arithmetic(.divide, let x, let y)):
            guard s.isPoint, let sig = Int64(exactly: s.lo.significand), let exp = Int8(exactly: s.lo.exponent) else { return nil }
            return (x, y, (sig, exp), decimals)
        default:
            return nil
        }
    }

    /// A constant lane's number in 64-bit form, if it has one.
    package func compactConstant(_ lane: Lane) -> (Int64, Int8)? {
        guard case .number(let i)? = lane.constant, i.isPoint,
              let s = Int64(exactly: i.lo.significand), let x = Int8(exactly: i.lo.exponent) else { return nil }
        return (s, x)
    }

    package func arithmetic(_ op: BoundExpr.Arithmetic, _ a: Lane, _ b: Lane, _ selection: [Int32]) -> Lane {
        var out = Lane(count: selection.count)
        let ca = compactConstant(a), cb = compactConstant(b)
        for i in 0..<selection.count {
            let ta: Lane.Tag = !a.isConstant ? a.tags[i] : (ca == nil ? .boxed : .number)
            let tb: Lane.Tag = !b.isConstant ? b.tags[i] : (cb == nil ? .boxed : .number)
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

/// Column lanes loaded for one selection, so rules that read the same column over the same
/// rows load it once.
package final class LaneMemo: @unchecked Sendable {
    package var selection: [Int32] = []
    package var lanes: [Int: Lane] = [:]

    package func reset(_ selection: [Int32]) {
        if self.selection != selection {
            self.selection = selection
            lanes = [:]
        }
    }
}

/// A row evaluator over one batch, handed to the slow path.
package struct RowEvaluatorPool {
    package let evaluator: RowEvaluator

    package init(table: Table) {
        evaluator = RowEvaluator(own: table, partner: nil)
    }
}
