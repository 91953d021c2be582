import CrossfootBase
import CrossfootRules
import CrossfootTables

/// Comparison and arithmetic over lanes, with fast paths for compact decimals.
extension BatchEvaluator {
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
                                            let offset = Int(packed >> 24)
                                            let length = Int(packed & 0xFF_FFFF)
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
                let bs = cb?.0 ?? 0
                let be = cb?.1 ?? 0
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
                                                        let r = Decimal64.compare(
                                                            op, asig[i], aexp[i], bConst ? bs : bsig[i], bConst ? be : bexp[i], tolerance: t)
                                                    {
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
        guard case .constant(.number(let d)) = args[1], d.isPoint, let decimals = Int(exactly: d.lo.significand), d.lo.exponent == 0,
            (0...12).contains(decimals)
        else { return nil }
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
            let s = Int64(exactly: i.lo.significand), let x = Int8(exactly: i.lo.exponent)
        else { return nil }
        return (s, x)
    }

    package func arithmetic(_ op: BoundExpr.Arithmetic, _ a: Lane, _ b: Lane, _ selection: [Int32]) -> Lane {
        var out = Lane(count: selection.count)
        let ca = compactConstant(a)
        let cb = compactConstant(b)
        for i in 0..<selection.count {
            let ta: Lane.Tag = !a.isConstant ? a.tags[i] : (ca == nil ? .boxed : .number)
            let tb: Lane.Tag = !b.isConstant ? b.tags[i] : (cb == nil ? .boxed : .number)
            if ta == .missing || tb == .missing { continue }
            if ta == .number, tb == .number,
                let r = Decimal64.arithmetic(op, ca?.0 ?? a.sig[i], ca?.1 ?? a.exp[i], cb?.0 ?? b.sig[i], cb?.1 ?? b.exp[i])
            {
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
