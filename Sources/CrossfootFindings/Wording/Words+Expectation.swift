import CrossfootBase
import CrossfootEngine
import CrossfootRules
import CrossfootTables

/// What was expected against what was found, for people.
extension Words {
    package func expectation() -> String? {
        let found = value.isEmpty ? "an empty cell" : value
        switch assertion.detail {
        case .required:
            return "expected a value, found an empty cell"
        case .range(let min, let max):
            let p = cellStyle.percent ? "%" : ""
            switch (min, max) {
            case (let lo?, let hi?): return "expected \(lo)\(p) to \(hi)\(p), found \(found)"
            case (let lo?, nil): return "expected at least \(lo)\(p), found \(found)"
            case (nil, let hi?): return "expected at most \(hi)\(p), found \(found)"
            default: return nil
            }
        case .change(let from, let maxDrop, let maxRise, let maxRelativeDrop, _):
            let fromText = display(from) ?? ""
            let unit = cellStyle.percent ? " points" : ""
            var bounds: [String] = []
            if let maxDrop { bounds.append("at most \(maxDrop)\(unit) below") }
            if let maxRise { bounds.append("at most \(maxRise)\(unit) above") }
            if let r = maxRelativeDrop { bounds.append("no more than \(Words.decimal((r * Number(100)).doubleValue, places: 0))% below") }
            return "expected \(bounds.joined(separator: " and ")) the \(builder.label(from)) \(fromText), found \(found)"
        case .sum(let parts, let tolerance, let down):
            var slack: Number?
            // The sum's own rounding: each part may be off by half a unit of its last decimal.
            if case .rounding = tolerance, let reach = expectedReach() {
                slack = reach
            }
            if case .absolute(let t) = tolerance { slack = t }
            let count: Int
            if down, case .aggregate(let slot, _, _)? = assertion.expected { count = evaluator.aggregates?.counts[slot] ?? 0 } else { count = parts.count }
            let plusMinus = slack.map { " ± \($0.normalized)" } ?? ""
            let how = tolerance == .rounding ? "sum of \(count) rounded part\(count == 1 ? "" : "s")" : "sum of \(count) part\(count == 1 ? "" : "s")"
            let off = delta.map { ", off by \(Words.trimmed(cellStyle.format($0.magnitude, percentSign: false)))" } ?? ""
            return "expected \(sumText)\(plusMinus) (\(how)), found \(found)\(off)"
        case .ratio(let numerator, let denominator, let scale, let decimals, _):
            var formula = "\(builder.describe(numerator)) / \(builder.describe(denominator))"
            if scale != .one { formula += " × \(scale)" }
            if let decimals { formula += ", to \(decimals) decimal\(decimals == 1 ? "" : "s")" }
            guard case .number(let e) = expected else { return nil }
            return "expected \(cellStyle.format(e.mid.rounded(toDecimals: cellStyle.decimals))) (\(formula)), found \(found)"
        case .expect(_, let tolerance):
            guard case .compare(let op, _, let b, _) = assertion.condition else { return nil }
            var text = "expected \(Words.verb(op).replacingOccurrences(of: "be ", with: "")) \(Words.operand(b, value: expected, words: self))"
            if case .absolute(let t) = tolerance { text += " ± \(t)" }
            if case .rounding = tolerance { text += " (allowing for rounding)" }
            return text + ", found \(found)"
        case .outlier(let method, let threshold, _, let count, let center, let spread):
            guard let score = outlierScore, let c = aggregate(center) else { return nil }
            let n = aggregate(count).map { Int($0.doubleValue) } ?? 0
            let centre = cellStyle.format(c.rounded(toDecimals: cellStyle.decimals))
            switch method {
            case .modifiedZ:
                let mad = aggregate(spread).map { cellStyle.format($0.rounded(toDecimals: cellStyle.decimals), percentSign: false) } ?? ""
                return
                    "expected within ±\(threshold) robust deviations of the median \(centre) of \(n) values (MAD \(mad)), found \(found) at \(Words.decimal(score))"
            case .z:
                return "expected within ±\(threshold) standard deviations of the mean \(centre) of \(n) values, found \(found) at \(Words.decimal(score))"
            case .iqr:
                let q3 = aggregate(spread).map { cellStyle.format($0.rounded(toDecimals: cellStyle.decimals)) } ?? ""
                return "expected within \(threshold) × IQR of the quartiles \(centre)–\(q3) of \(n) values, found \(found)"
            }
        case .scale:
            guard let reference = scaleReference else { return nil }
            return "expected a value comparable to \(reference.text.replacingOccurrences(of: " is ", with: " ")), found \(found) — or \(asPercentage)?"
        case .repeated:
            let list = repeatedIndicators
            return "expected an unusual value once, found \(found) in \(list.isEmpty ? "several rows" : Words.list(list))"
        case .carryover(let from, _):
            return "expected the \(builder.label(IRColumn(name: from.name))) of \(previousYear ?? "the year before"), \(display(from) ?? ""), found \(found)"
        case .swing(let maxChange, _):
            guard let p = swingPercent else { return nil }
            return
                "expected a change within ±\(Words.decimal((maxChange * Number(100)).doubleValue, places: 0))% of \(display(IRColumn(alias: "previous", name: cell.name)) ?? "") (\(previousYear ?? "")), found \(found) (\(p >= 0 ? "+" : "")\(Words.decimal(p))%)"
        case .coverage:
            return nil
        }
    }

    /// Evidence to show beside the finding.
    package func notes() -> [FindingNote] {
        switch assertion.detail {
        case .carryover(let from, _):
            guard let partner = builder.partner, evaluator.partnerRow >= 0, let index = partner.columnIndex(from.name) else { return [] }
            let at = partner.locations(row: evaluator.partnerRow, column: index).start
            return [FindingNote("\(previousYear ?? "the year before"): \(builder.label(IRColumn(name: from.name))) \(display(from) ?? "")", at: at)]
        case .swing:
            guard let partner = builder.partner, evaluator.partnerRow >= 0, let index = partner.columnIndex(cell.name) else { return [] }
            let at = partner.locations(row: evaluator.partnerRow, column: index).start
            return [FindingNote("\(previousYear ?? "the year before"): \(label) \(display(IRColumn(alias: "previous", name: cell.name)) ?? "")", at: at)]
        default:
            return []
        }
    }

    /// The rounding slack of the finding's own cell.
    package func cellSlack() -> Number {
        guard case .number(let i) = evaluate(.column(cell)) else { return .zero }
        return RoundingSlack.of([i.mid])
    }

    /// How far the rounded operands let the expected value lie from the exact one; nil when
    /// either is not a number.
    package func expectedReach() -> Number? {
        guard case .number(let widened) = evaluate(assertion.expected ?? .missing, rounding: true), case .number(let exact) = expected else { return nil }
        return RoundingSlack.reach(exact: exact, widened: widened)
    }

    package static func verb(_ op: Expr.BinaryOperator) -> String {
        switch op {
        case .equal: "equal"
        case .notEqual: "differ from"
        case .less: "be less than"
        case .lessOrEqual: "be at most"
        case .greater: "be more than"
        case .greaterOrEqual: "be at least"
        default: op.rawValue
        }
    }

    package static func operand(_ e: IRExpr, value: Value, words: Words) -> String {
        if case .column(let c) = e {
            let shown = words.display(c) ?? ""
            return "\(words.builder.label(c)) \(shown.isEmpty ? "(empty)" : shown)"
        }
        switch e {
        case .number, .text, .bool: return words.show(value, like: e)
        default: return "\(words.builder.describe(e)) = \(words.show(value, like: e))"
        }
    }
}
