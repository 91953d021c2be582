import CrossfootBase
import CrossfootRules
import CrossfootTables

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
                let l = truth(a, i)
                let r = truth(b, i)
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
                    let r = Decimal64.roundedQuotient(a.sig[i], a.exp[i], b.sig[i], b.exp[i], scale: scale, decimals: decimals)
                {
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
}
