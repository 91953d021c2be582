import CrossfootBase
import CrossfootRules
import CrossfootTables

/// Words a finding for a reporting officer: which row (the table's subject template), which
/// cell, the values as written, and what was expected.
package struct FindingBuilder {
    package let rule: IRRule
    package let table: Table
    package let partner: Table?
    package let presentation: TablePresentation
    package let partnerPresentation: TablePresentation?
    /// Whether findings carry the expected-against-found line for people (`RuleSet.explains`).
    package var explains = true

    package init(rule: IRRule, table: Table, partner: Table?, presentation: TablePresentation, partnerPresentation: TablePresentation?, explains: Bool = true) {
        self.rule = rule
        self.table = table
        self.partner = partner
        self.presentation = presentation
        self.partnerPresentation = partnerPresentation
        self.explains = explains
    }

    // MARK: Cells

    /// A cell as a person reads it: numbers as written (`100.00%`, `6,409,690`), text as text.
    package static func displayText(_ table: Table, row: Int, column: Int) -> String {
        if case .fixed = table.origins { return table.rawText(row: row, column: column) }
        guard table.columns[column].isLoaded else { return table.rawText(row: row, column: column).trimmingSpaces }
        switch table.columns[column].kinds[row] {
        case .missing: return ""
        case .text, .rawText: return table.columns[column].text(at: row) ?? ""
        case .number, .percent:
            let raw = table.rawText(row: row, column: column).trimmingSpaces
            if raw.isEmpty, let n = table.columns[column].number(at: row) {
                return table.columns[column].kinds[row] == .percent ? "\(n)%" : n.description
            }
            return raw
        }
    }

    package func display(_ column: IRColumn, row: Int, partnerRow: Int) -> String? {
        if let alias = column.alias {
            guard alias == rule.join?.alias, let partner, partnerRow >= 0, let index = partner.columnIndex(column.name) else { return nil }
            return Self.displayText(partner, row: partnerRow, column: index)
        }
        guard let index = table.columnIndex(column.name) else { return nil }
        return Self.displayText(table, row: row, column: index)
    }

    package func style(_ column: IRColumn, row: Int, partnerRow: Int) -> NumberStyle {
        display(column, row: row, partnerRow: partnerRow).map { NumberStyle(written: $0) } ?? .plain
    }

    /// The combined style of every cell an expression reads.
    package func style(of expr: IRExpr, row: Int, partnerRow: Int) -> NumberStyle? {
        let styles = expr.columns.map { style($0, row: row, partnerRow: partnerRow) }
        guard var result = styles.first else { return nil }
        for s in styles.dropFirst() { result = result.merged(with: s) }
        return result
    }

    package func label(_ column: IRColumn) -> String {
        if let alias = column.alias {
            if partner?.name == table.name {
                return "\(alias) \(presentation.label(column.name))"
            }
            if let label = partnerPresentation?.labels[column.name] { return label }
            return column.description
        }
        return presentation.label(column.name)
    }

    /// Names an IR operand for a message: a column's label, or its printed form.
    package func describe(_ expr: IRExpr) -> String {
        if case .column(let c) = expr { return label(c) }
        return IRPrinter.print(expr) { label($0) }
    }

    /// Text from the data as quoted in a message: at most 80 characters, so a hostile or broken
    /// cell cannot flood a report, with its control characters, line breaks included, escaped.
    package static func quoted(_ text: String) -> String {
        DisplayText.escaped(text.utf8.count > 80 && text.count > 80 ? String(text.prefix(79)) + "…" : text)
    }

    package func subject(row: Int, texts: [String]? = nil) -> String? {
        guard let template = presentation.subject else { return nil }
        let text = MessageTemplate.render(template) { name in
            guard let index = table.columnIndex(name) else { return nil }
            if let texts, index < texts.count { return Self.quoted(texts[index]) }
            return Self.quoted(Self.displayText(table, row: row, column: index))
        }
        return text.trimmingSpaces.isEmpty ? nil : text
    }

    // MARK: Findings

    package func location(_ column: IRColumn, row: Int, partnerRow: Int) -> (SourceLocation, SourceLocation) {
        if let alias = column.alias, alias == rule.join?.alias, let partner, partnerRow >= 0, let index = partner.columnIndex(column.name) {
            return partner.locations(row: partnerRow, column: index)
        }
        let index = table.columnIndex(column.name) ?? 0
        return table.locations(row: row, column: index)
    }

    /// Every cell of the row as a person reads it, computed once per finding.
    package func rowTexts(_ row: Int) -> [String] {
        table.rowTexts(row: row) ?? table.columns.indices.map { Self.displayText(table, row: row, column: $0) }
    }

    package func rowCells(_ row: Int) -> [(name: String, text: String)] {
        rowCells(rowTexts(row))
    }

    package func rowCells(_ texts: [String]) -> [(name: String, text: String)] {
        table.columns.indices.map { (table.columns[$0].name, $0 < texts.count ? texts[$0] : "") }
    }

    package func noPartner(row: Int, evaluator: RowEvaluator) -> Finding {
        let cell = rule.assertions.first?.cell ?? IRColumn(name: table.columns.first?.name ?? "")
        let (start, end) = location(cell, row: row, partnerRow: -1)
        guard let join = rule.join else {
            return Finding(rule: rule.id, check: rule.check.rawValue, severity: rule.severity, message: "no matching row", location: start)
        }
        var text = "no row of '\(join.table)'"
        if let filter = join.filter { text += " where \(IRPrinter.print(filter))" }
        let values = join.on.map { name -> String in
            let shown = table.columnIndex(name).map { Self.displayText(table, row: row, column: $0) } ?? ""
            return "\(presentation.label(name)) \(shown)"
        }
        text += " has the same \(values.joined(separator: ", ")) to compare with"
        return Finding(rule: rule.id, check: rule.check.rawValue, severity: rule.severity, message: prefixed(text, row: row), location: start, endLocation: end,
                       table: table.name, column: cell.name.isEmpty ? nil : cell.name, row: rowCells(row))
    }

    package func prefixed(_ text: String, row: Int, texts: [String]? = nil) -> String {
        subject(row: row, texts: texts).map { "\($0): \(text)" } ?? text
    }

    package func finding(for assertion: IRAssertion, row: Int, evaluator: RowEvaluator, missing: Bool) -> Finding {
        let partnerRow = evaluator.partnerRow
        var cell = assertion.cell
        if cell.name.isEmpty { cell = IRColumn(name: table.columns.first?.name ?? "") }
        let (start, end) = location(cell, row: row, partnerRow: partnerRow)
        let actual = assertion.actual.map { evaluator.evaluate(BoundExpr.bind($0, own: { table.columnIndex($0) }, partner: { partner?.columnIndex($0) }, alias: rule.join?.alias)) } ?? .missing
        let expected = assertion.expected.map { evaluator.evaluate(BoundExpr.bind($0, own: { table.columnIndex($0) }, partner: { partner?.columnIndex($0) }, alias: rule.join?.alias)) } ?? .missing
        let texts = rowTexts(row)
        let words = Words(builder: self, assertion: assertion, cell: cell, row: row, evaluator: evaluator, actual: actual, expected: expected, texts: texts)
        let body: String
        if let template = rule.message {
            let rendered = MessageTemplate.render(template) { words.placeholder($0) }
            body = template.contains("{subject}") ? rendered : prefixed(rendered, row: row, texts: texts)
        } else if missing {
            body = prefixed(words.missingText(), row: row, texts: texts)
        } else {
            body = prefixed(words.defaultText(), row: row, texts: texts)
        }
        var finding = Finding(rule: rule.id, check: rule.check.rawValue, severity: rule.severity, message: body, location: start, endLocation: end,
                              table: table.name, column: cell.name, row: rowCells(texts), actual: actual.findingValue, expected: expected.findingValue)
        if !missing {
            finding.magnitude = words.magnitude
            if explains { finding.expectation = words.expectation() }
            finding.notes = words.notes()
        }
        return finding
    }
}

/// The default wording of each check kind.
package struct Words {
    package let builder: FindingBuilder
    package let assertion: IRAssertion
    package let cell: IRColumn
    package let row: Int
    package let evaluator: RowEvaluator
    package let actual: Value
    package let expected: Value
    /// The row's cells as written.
    package let texts: [String]

    package var partnerRow: Int { evaluator.partnerRow }
    package var label: String { builder.label(cell) }
    package var value: String { display(cell) ?? "" }
    package var cellStyle: NumberStyle { display(cell).map { NumberStyle(written: $0) } ?? .plain }

    /// A cell of the row (or of its partner) as written.
    package func display(_ column: IRColumn) -> String? {
        if column.alias == nil, let index = builder.table.columnIndex(column.name), index < texts.count { return FindingBuilder.quoted(texts[index]) }
        return builder.display(column, row: row, partnerRow: partnerRow).map(FindingBuilder.quoted)
    }

    package func evaluate(_ e: IRExpr, rounding: Bool = false) -> Value {
        evaluator.evaluate(BoundExpr.bind(e, own: { builder.table.columnIndex($0) }, partner: { builder.partner?.columnIndex($0) }, alias: builder.rule.join?.alias), rounding: rounding)
    }

    /// Shows a computed number in the style of the cells it came from.
    package func show(_ v: Value, like expr: IRExpr? = nil) -> String {
        switch v {
        case .missing: return "nothing"
        case .bool(let b): return b ? "true" : "false"
        case .text(let s): return "\"\(FindingBuilder.quoted(s))\""
        case .number(let i):
            var style = expr.flatMap { builder.style(of: $0, row: row, partnerRow: partnerRow) } ?? cellStyle
            // A statistic of a group (a median of whole numbers can be 11.5) keeps up to two more
            // decimals than the cells it came from.
            var aggregated = false
            expr?.visit { if case .aggregate = $0 { aggregated = true } }
            if aggregated { style.decimals = max(style.decimals, min(style.decimals + 2, max(0, -Int(i.mid.normalized.exponent)))) }
            return style.format(i.mid)
        }
    }

    package var expectedText: String { show(expected, like: assertion.expected) }

    /// A computed sum shown like the total it is compared with.
    package var sumText: String {
        guard case .number(let i) = expected else { return show(expected) }
        return cellStyle.format(i.mid)
    }

    /// Trailing zeros after the second decimal removed: `0.10000000` → `0.10`.
    package static func trimmed(_ text: String) -> String {
        guard let dot = text.firstIndex(of: ".") else { return text }
        var result = text
        while result.hasSuffix("0"), result.distance(from: dot, to: result.endIndex) > 3 { result.removeLast() }
        return result
    }

    package var delta: Number? {
        guard let a = actual.interval?.mid, let e = expected.interval?.mid else { return nil }
        return a - e
    }

    package func placeholder(_ name: String) -> String? {
        switch name {
        case "column": return label
        case "value": return value
        case "expected": return expected.isMissing ? "" : expectedText
        case "delta":
            if case .change(let from, _, _, _, _) = assertion.detail,
               case .number(let f) = evaluate(.column(from)), case .number(let t) = actual {
                return cellStyle.merged(with: builder.style(from, row: row, partnerRow: partnerRow)).format((t.mid - f.mid).magnitude, percentSign: false)
            }
            return delta.map { cellStyle.format($0.magnitude, percentSign: false) } ?? ""
        case "subject": return builder.subject(row: row) ?? ""
        default:
            let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
            let column = parts.count == 2 ? IRColumn(alias: parts[0], name: parts[1]) : IRColumn(name: name)
            return display(column)
        }
    }

    package func missingText() -> String {
        let empty = assertion.condition.columns.filter { evaluate(.column($0)).isMissing }.map { builder.label($0) }
        if empty.isEmpty { return "\(label) could not be checked" }
        return "\(label) could not be checked: \(Words.list(empty)) \(empty.count == 1 ? "is" : "are") empty"
    }

    package static func list(_ items: [String]) -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + last
    }

    package func toleranceText(_ tolerance: IRTolerance, slack: Number?) -> String {
        switch tolerance {
        case .exact: return ""
        case .absolute(let t): return "; the tolerance is \(t)"
        case .rounding:
            guard let slack else { return "" }
            return "; rounding explains at most \(slack.normalized)"
        }
    }

    package func defaultText() -> String {
        switch assertion.detail {
        case .required:
            return "\(label) is empty"
        case .range(let min, let max):
            let percent = cellStyle.percent ? "%" : ""
            if case .number(let v) = actual {
                if let max, v.mid > max { return "\(label) \(value) is above the maximum of \(max)\(percent)" }
                if let min, v.mid < min { return "\(label) \(value) is below the minimum of \(min)\(percent)" }
            }
            return "\(label) \(value) is outside \(min.map { "\($0)" } ?? "−∞")–\(max.map { "\($0)" } ?? "∞")\(percent)"
        case .change(let from, let maxDrop, _, let maxRelativeDrop, let minBase):
            let fromLabel = builder.label(from)
            let fromText = display(from) ?? ""
            guard case .number(let f) = evaluate(.column(from)), case .number(let t) = actual else {
                return "\(label) \(value) changed too much from the \(fromLabel) \(fromText)"
            }
            let fromStyle = display(from).map { NumberStyle(written: $0) } ?? .plain
            let style = cellStyle.merged(with: fromStyle)
            let change = t.mid - f.mid
            let unit = cellStyle.percent && fromStyle.percent ? " points" : ""
            let amount = style.format(change.magnitude, percentSign: false)
            let direction = change.isNegative ? "below" : "above"
            var text = "\(label) \(value) is \(amount)\(unit) \(direction) the \(fromLabel) \(fromText)"
            if change.isNegative, let r = maxRelativeDrop, !f.mid.isZero, f.mid >= (minBase ?? .zero) {
                let beyondAbsolute = maxDrop.map { (-change) > $0 } ?? false
                let share = (Number.divide(-change * Number(100), f.mid) ?? .zero).rounded(toDecimals: 1)
                if !beyondAbsolute, -change > r * f.mid {
                    text += " (a drop of \(share.plain(decimals: 1, grouping: false))%)"
                }
            }
            return text
        case .sum(let parts, let tolerance, let down):
            var slack: Number?
            if case .rounding = tolerance, case .number(let widened) = evaluate(assertion.expected ?? .missing, rounding: true), case .number(let exact) = expected {
                slack = (widened.hi - exact.mid) + (actual.interval.map { _ in evaluatedHalfUnit() } ?? .zero)
            }
            let off = delta.map { "off by \(Words.trimmed(cellStyle.format($0.magnitude, percentSign: false)))" } ?? ""
            if down {
                let count = evaluator.aggregates.flatMap { agg -> Int? in
                    if case .aggregate(let slot, _, _) = assertion.expected { return agg.counts[slot] }
                    return nil
                } ?? 0
                return "\(label) \(value) does not match the sum of the \(count) other row\(count == 1 ? "" : "s"), \(sumText) (\(off)\(toleranceText(tolerance, slack: slack)))"
            }
            let names = parts.map { builder.describe($0) }
            return "\(label) \(value) does not match the sum of \(Words.list(names)), \(sumText) (\(off)\(toleranceText(tolerance, slack: slack)))"
        case .ratio(let numerator, let denominator, let scale, _, _):
            var formula = "\(builder.describe(numerator)) / \(builder.describe(denominator))"
            if scale != .one { formula += " × \(scale)" }
            var expectedShown = expected
            if case .number(let i) = expected { expectedShown = .number(Interval(i.mid.rounded(toDecimals: cellStyle.decimals))) }
            return "\(label) \(value) does not recompute: \(formula) = \(cellStyle.format(expectedShown.interval?.mid ?? .zero))"
        case .expect(_, let tolerance):
            if case .compare(let op, let a, let b, _) = assertion.condition {
                let left = Words.operand(a, value: actual, words: self)
                let right = Words.operand(b, value: expected, words: self)
                var text = "\(left) should \(Words.verb(op)) \(right)"
                if case .absolute(let t) = tolerance { text += " (within \(t))" }
                if case .rounding = tolerance { text += " (allowing for rounding)" }
                return text
            }
            return "the condition \(builder.describe(assertion.condition)) does not hold"
        case .outlier(let method, let threshold, _, let count, let center, _):
            let n = aggregate(count).map { Int($0.doubleValue) } ?? 0
            let centre = aggregate(center).map { cellStyle.format($0.rounded(toDecimals: cellStyle.decimals)) } ?? ""
            let score = outlierScore.map { Words.decimal($0) } ?? ""
            switch method {
            case .modifiedZ:
                return "\(label) \(value) is far from the \(n - 1) other values of its group (median \(centre); robust z-score \(score), beyond ±\(threshold))"
            case .z:
                return "\(label) \(value) is far from the \(n - 1) other values of its group (mean \(centre); z-score \(score), beyond ±\(threshold))"
            case .iqr:
                return "\(label) \(value) is far outside the middle half of the \(n) values of its group (median-free quartile fence \(threshold) × IQR; \(score) IQRs out)"
            }
        case .scale:
            let reference = scaleReference.map { " (\($0.text))" } ?? ""
            return "\(label) \(value) looks like a fraction written as a percentage: \(value) — or \(asPercentage)?\(reference)"
        case .repeated(_, _, _):
            let list = repeatedIndicators
            let group = repeatedGroup
            return "\(label) \(value) is unusual here and the same value is unusual in \(list.count) indicators\(group.isEmpty ? "" : " of \(group)") (\(Words.list(list))): one figure in several places is more likely a slip than several real changes"
        case .coverage:
            return ""
        case .carryover(let from, _):
            let previous = display(from) ?? ""
            return "\(label) \(value)\(thisYear.map { " in \($0)" } ?? "") is not the \(builder.label(IRColumn(name: from.name))) of \(previousYear ?? "the year before"), \(previous.isEmpty ? "(empty)" : previous)"
        case .swing(let maxChange, _):
            let before = display(IRColumn(alias: "previous", name: cell.name)) ?? ""
            guard let p = swingPercent else { return "\(label) \(value) changed too much from \(before)" }
            let direction = p < 0 ? "falls" : "rises"
            return "\(label) \(direction) \(Words.decimal(abs(p)))% from \(before)\(previousYear.map { " in \($0)" } ?? "") to \(value)\(thisYear.map { " in \($0)" } ?? "") (more than the \(Words.decimal((maxChange * Number(100)).doubleValue, places: 0))% allowed)"
        }
    }

    // MARK: Kinds that compare a value with others

    /// The aggregate in `slot`, as a number.
    package func aggregate(_ slot: Int) -> Number? {
        guard case .number(let i)? = evaluator.aggregates?.exact(slot) else { return nil }
        return i.mid
    }

    /// How many standard (or robust) deviations the value is from the centre of its group; for
    /// `iqr`, how many interquartile ranges it is outside the quartiles.
    package var outlierScore: Double? {
        guard case .outlier(let method, _, _, _, let center, let spread) = assertion.detail,
              case .number(let v) = actual, let c = aggregate(center), let d = aggregate(spread) else { return nil }
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
            var current = "", digits = false
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

    // MARK: Triage

    /// How far off the value is, in [0, 1].
    package var magnitude: Double {
        func clamp(_ x: Double) -> Double { min(1, max(0, x)) }
        switch assertion.detail {
        case .change(let from, _, _, _, _):
            guard case .number(let f) = evaluate(.column(from)), case .number(let t) = actual else { return 0.5 }
            return clamp(abs((f.mid - t.mid).doubleValue) / 100)
        case .scale:
            guard case .number(let v) = actual, let r = scaleReference?.value, !r.isZero else { return 0.5 }
            return clamp(1 - v.mid.doubleValue / r.doubleValue)
        case .outlier:
            return outlierScore.map { clamp(abs($0) / 10) } ?? 0.5
        case .sum(_, let tolerance, _), .ratio(_, _, _, _, let tolerance):
            guard let d = delta?.magnitude.doubleValue else { return 0.5 }
            var allowed = 0.0
            switch tolerance {
            case .absolute(let t): allowed = t.doubleValue
            case .rounding:
                if case .number(let widened) = evaluate(assertion.expected ?? .missing, rounding: true), case .number(let exact) = expected {
                    allowed = (widened.hi - exact.mid).doubleValue + evaluatedHalfUnit().doubleValue
                }
            case .exact: break
            }
            if allowed <= 0 { allowed = max(evaluatedHalfUnit().doubleValue, 0.005) }
            return clamp(d / allowed / 10)
        default:
            return 0.5
        }
    }

    // MARK: Expected against found

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
            if case .rounding = tolerance, case .number(let widened) = evaluate(assertion.expected ?? .missing, rounding: true), case .number(let exact) = expected {
                slack = widened.hi - exact.mid
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
                return "expected within ±\(threshold) robust deviations of the median \(centre) of \(n) values (MAD \(mad)), found \(found) at \(Words.decimal(score))"
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
            return "expected a change within ±\(Words.decimal((maxChange * Number(100)).doubleValue, places: 0))% of \(display(IRColumn(alias: "previous", name: cell.name)) ?? "") (\(previousYear ?? "")), found \(found) (\(p >= 0 ? "+" : "")\(Words.decimal(p))%)"
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

    /// Half a unit of the total cell's last written decimal.
    package func evaluatedHalfUnit() -> Number {
        guard case .number(let i) = evaluate(.column(cell)) else { return .zero }
        return i.mid.halfUnit
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
