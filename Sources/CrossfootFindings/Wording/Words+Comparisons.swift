import CrossfootBase
import CrossfootEngine
import CrossfootRules
import CrossfootTables

/// Wording of the kinds that compare a value with others.
extension Words {
    /// The aggregate in `slot`, as a number.
    package func aggregate(_ slot: Int) -> Number? {
        guard case .number(let i)? = evaluator.aggregates?.exact(slot) else { return nil }
        return i.mid
    }

    /// How many standard (or robust) deviations the value is from the centre of its group; for
    /// `iqr`, how many interquartile ranges it is outside the quartiles.
    package var outlierScore: Double? {
        guard case .outlier(let method, _, _, _, let center, let spread) = assertion.detail,
            case .number(let v) = actual, let c = aggregate(center), let d = aggregate(spread)
        else { return nil }
        let x = v.mid.doubleValue
        switch method {
        case .modifiedZ:
            guard !d.isZero else { return nil }
            return 0.6745 * (x - c.doubleValue) / d.doubleValue
        case .z:
            guard !d.isZero else { return nil }
            return (x - c.doubleValue) / d.doubleValue.squareRoot()
        case .iqr:
            let iqr = d.doubleValue - c.doubleValue
            guard iqr > 0 else { return nil }
            if x < c.doubleValue { return (x - c.doubleValue) / iqr }
            return max(0, x - d.doubleValue) / iqr
        }
    }

    /// Codes in the order people number them: 1.2 before 3.3 before 10.1, 4.2a before 4.2b.
    package static func naturalOrder(_ a: String, _ b: String) -> Bool {
        func parts(_ s: String) -> [(Int?, String)] {
            var result: [(Int?, String)] = []
            var current = ""
            var digits = false
            for ch in s {
                let isDigit = ch.isASCII && ch.isNumber
                if !current.isEmpty, isDigit != digits {
                    result.append((digits ? Int(current) : nil, current))
                    current = ""
                }
                digits = isDigit
                current.append(ch)
            }
            if !current.isEmpty { result.append((digits ? Int(current) : nil, current)) }
            return result
        }
        for (x, y) in zip(parts(a), parts(b)) where x.1 != y.1 {
            if let i = x.0, let j = y.0, i != j { return i < j }
            return x.1 < y.1
        }
        return a.count < b.count
    }

    package static func decimal(_ x: Double, places: Int = 1) -> String {
        let scale = [1.0, 10, 100, 1000][min(places, 3)]
        let rounded = (x * scale).rounded() / scale
        var text = String(rounded)
        if let dot = text.firstIndex(of: "."), places > 0 {
            let have = text.distance(from: dot, to: text.endIndex) - 1
            if have < places { text += String(repeating: "0", count: places - have) }
        } else if text.hasSuffix(".0"), places == 0 {
            text.removeLast(2)
        }
        return (rounded < 0 ? "−" + text.dropFirst() : Substring(text)).description
    }

    /// The reference a `scale` check compared with, and what it was.
    package var scaleReference: (text: String, value: Number)? {
        guard case .scale(let reference, _, _) = assertion.detail, case .number(let r) = evaluate(reference) else { return nil }
        var candidates: [IRExpr] = [reference]
        if case .call(.coalesce, let args) = reference { candidates = args }
        for candidate in candidates {
            switch candidate {
            case .column(let c):
                if let shown = display(c), !shown.isEmpty, !evaluate(candidate).isMissing { return ("the \(builder.label(c)) is \(shown)", r.mid) }
            case .aggregate:
                if case .number(let m) = evaluate(candidate) {
                    return ("the median of the same \(label) elsewhere is \(cellStyle.format(m.mid.rounded(toDecimals: max(cellStyle.decimals, 0))))", r.mid)
                }
            default: continue
            }
        }
        return ("the reference is \(cellStyle.format(r.mid))", r.mid)
    }

    /// The value read as a fraction: 0.06 → 6.
    package var asPercentage: String {
        guard case .number(let v) = actual else { return "" }
        let n = (v.mid * Number(100)).normalized
        return NumberStyle(decimals: max(0, -Int(n.exponent)), grouping: false, percent: cellStyle.percent).format(n)
    }

    /// What names the row's group for `repeated`: its last `by` column (the country).
    package var repeatedGroup: String {
        let keys = builder.rule.group?.keys.dropLast() ?? []
        guard let last = keys.last, case .column(let c) = last else { return "" }
        return display(c) ?? ""
    }

    /// The `across` values a repeated value appears under.
    package var repeatedIndicators: [String] {
        guard case .repeated(_, _, let slot) = assertion.detail, let set = evaluator.aggregates?.sets[slot] else { return [] }
        return set.compactMap(GroupKeys.decodeText).sorted(by: Words.naturalOrder)
    }

    package var previousYear: String? {
        guard let over = builder.rule.join?.previous else { return nil }
        return display(IRColumn(alias: "previous", name: over))
    }

    package var thisYear: String? {
        guard let over = builder.rule.join?.previous else { return nil }
        return display(IRColumn(name: over))
    }

    /// The relative change of a `swing`, in percent.
    package var swingPercent: Double? {
        guard case .number(let v) = actual, case .number(let p) = expected, !p.mid.isZero else { return nil }
        return (v.mid.doubleValue - p.mid.doubleValue) / abs(p.mid.doubleValue) * 100
    }
}
