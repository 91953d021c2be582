/// Words a finding for a reporting officer: which row (the table's subject template), which
/// cell, the values as written, and what was expected.
struct FindingBuilder {
    let rule: IRRule
    let table: Table
    let partner: Table?
    let presentation: TablePresentation
    let partnerPresentation: TablePresentation?

    // MARK: Cells

    /// A cell as a person reads it: numbers as written (`100.00%`, `6,409,690`), text as text.
    static func displayText(_ table: Table, row: Int, column: Int) -> String {
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

    func display(_ column: IRColumn, row: Int, partnerRow: Int) -> String? {
        if let alias = column.alias {
            guard alias == rule.join?.alias, let partner, partnerRow >= 0, let index = partner.columnIndex(column.name) else { return nil }
            return Self.displayText(partner, row: partnerRow, column: index)
        }
        guard let index = table.columnIndex(column.name) else { return nil }
        return Self.displayText(table, row: row, column: index)
    }

    func style(_ column: IRColumn, row: Int, partnerRow: Int) -> NumberStyle {
        display(column, row: row, partnerRow: partnerRow).map { NumberStyle(written: $0) } ?? .plain
    }

    /// The combined style of every cell an expression reads.
    func style(of expr: IRExpr, row: Int, partnerRow: Int) -> NumberStyle? {
        let styles = expr.columns.map { style($0, row: row, partnerRow: partnerRow) }
        guard var result = styles.first else { return nil }
        for s in styles.dropFirst() { result = result.merged(with: s) }
        return result
    }

    func label(_ column: IRColumn) -> String {
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
    func describe(_ expr: IRExpr) -> String {
        if case .column(let c) = expr { return label(c) }
        return IRPrinter.print(expr) { label($0) }
    }

    /// Text from the data as quoted in a message: at most 80 characters, so a hostile or broken
    /// cell cannot flood a report.
    static func quoted(_ text: String) -> String {
        guard text.utf8.count > 80, text.count > 80 else { return text }
        return String(text.prefix(79)) + "…"
    }

    func subject(row: Int, texts: [String]? = nil) -> String? {
        guard let template = presentation.subject else { return nil }
        let text = MessageTemplate.render(template) { name in
            guard let index = table.columnIndex(name) else { return nil }
            if let texts, index < texts.count { return Self.quoted(texts[index]) }
            return Self.quoted(Self.displayText(table, row: row, column: index))
        }
        return text.trimmingSpaces.isEmpty ? nil : text
    }

    // MARK: Findings

    func location(_ column: IRColumn, row: Int, partnerRow: Int) -> (SourceLocation, SourceLocation) {
        if let alias = column.alias, alias == rule.join?.alias, let partner, partnerRow >= 0, let index = partner.columnIndex(column.name) {
            return partner.locations(row: partnerRow, column: index)
        }
        let index = table.columnIndex(column.name) ?? 0
        return table.locations(row: row, column: index)
    }

    /// Every cell of the row as a person reads it, computed once per finding.
    func rowTexts(_ row: Int) -> [String] {
        table.rowTexts(row: row) ?? table.columns.indices.map { Self.displayText(table, row: row, column: $0) }
    }

    func rowCells(_ row: Int) -> [(name: String, text: String)] {
        rowCells(rowTexts(row))
    }

    func rowCells(_ texts: [String]) -> [(name: String, text: String)] {
        table.columns.indices.map { (table.columns[$0].name, $0 < texts.count ? texts[$0] : "") }
    }

    func noPartner(row: Int, evaluator: RowEvaluator) -> Finding {
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

    func prefixed(_ text: String, row: Int, texts: [String]? = nil) -> String {
        subject(row: row, texts: texts).map { "\($0): \(text)" } ?? text
    }

    func finding(for assertion: IRAssertion, row: Int, evaluator: RowEvaluator, missing: Bool) -> Finding {
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
        return Finding(rule: rule.id, check: rule.check.rawValue, severity: rule.severity, message: body, location: start, endLocation: end,
                       table: table.name, column: cell.name, row: rowCells(texts), actual: actual.findingValue, expected: expected.findingValue)
    }
}

/// The default wording of each check kind.
private struct Words {
    let builder: FindingBuilder
    let assertion: IRAssertion
    let cell: IRColumn
    let row: Int
    let evaluator: RowEvaluator
    let actual: Value
    let expected: Value
    /// The row's cells as written.
    let texts: [String]

    var partnerRow: Int { evaluator.partnerRow }
    var label: String { builder.label(cell) }
    var value: String { display(cell) ?? "" }
    var cellStyle: NumberStyle { display(cell).map { NumberStyle(written: $0) } ?? .plain }

    /// A cell of the row (or of its partner) as written.
    func display(_ column: IRColumn) -> String? {
        if column.alias == nil, let index = builder.table.columnIndex(column.name), index < texts.count { return FindingBuilder.quoted(texts[index]) }
        return builder.display(column, row: row, partnerRow: partnerRow).map(FindingBuilder.quoted)
    }

    func evaluate(_ e: IRExpr, rounding: Bool = false) -> Value {
        evaluator.evaluate(BoundExpr.bind(e, own: { builder.table.columnIndex($0) }, partner: { builder.partner?.columnIndex($0) }, alias: builder.rule.join?.alias), rounding: rounding)
    }

    /// Shows a computed number in the style of the cells it came from.
    func show(_ v: Value, like expr: IRExpr? = nil) -> String {
        switch v {
        case .missing: return "nothing"
        case .bool(let b): return b ? "true" : "false"
        case .text(let s): return "\"\(FindingBuilder.quoted(s))\""
        case .number(let i):
            let style = expr.flatMap { builder.style(of: $0, row: row, partnerRow: partnerRow) } ?? cellStyle
            return style.format(i.mid)
        }
    }

    var expectedText: String { show(expected, like: assertion.expected) }

    /// A computed sum shown like the total it is compared with.
    var sumText: String {
        guard case .number(let i) = expected else { return show(expected) }
        return cellStyle.format(i.mid)
    }

    /// Trailing zeros after the second decimal removed: `0.10000000` → `0.10`.
    static func trimmed(_ text: String) -> String {
        guard let dot = text.firstIndex(of: ".") else { return text }
        var result = text
        while result.hasSuffix("0"), result.distance(from: dot, to: result.endIndex) > 3 { result.removeLast() }
        return result
    }

    var delta: Number? {
        guard let a = actual.interval?.mid, let e = expected.interval?.mid else { return nil }
        return a - e
    }

    func placeholder(_ name: String) -> String? {
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

    func missingText() -> String {
        let empty = assertion.condition.columns.filter { evaluate(.column($0)).isMissing }.map { builder.label($0) }
        if empty.isEmpty { return "\(label) could not be checked" }
        return "\(label) could not be checked: \(Words.list(empty)) \(empty.count == 1 ? "is" : "are") empty"
    }

    static func list(_ items: [String]) -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + last
    }

    func toleranceText(_ tolerance: IRTolerance, slack: Number?) -> String {
        switch tolerance {
        case .exact: return ""
        case .absolute(let t): return "; the tolerance is \(t)"
        case .rounding:
            guard let slack else { return "" }
            return "; rounding explains at most \(slack.normalized)"
        }
    }

    func defaultText() -> String {
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
        }
    }

    /// Half a unit of the total cell's last written decimal.
    func evaluatedHalfUnit() -> Number {
        guard case .number(let i) = evaluate(.column(cell)) else { return .zero }
        return i.mid.halfUnit
    }

    static func verb(_ op: Expr.BinaryOperator) -> String {
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

    static func operand(_ e: IRExpr, value: Value, words: Words) -> String {
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
