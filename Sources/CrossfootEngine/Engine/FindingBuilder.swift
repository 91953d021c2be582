import CrossfootBase
import CrossfootRules
import CrossfootTables

/// Makes a finding from what the engine found: where the cell is, the row's cells as written,
/// the values evaluated; the wording turns those facts into the message, notes and magnitude.
package struct FindingBuilder {
    package let rule: IRRule
    package let table: Table
    package let partner: Table?
    package let presentation: TablePresentation
    package let partnerPresentation: TablePresentation?
    /// Whether findings carry the expected-against-found line for people (`RuleSet.explains`).
    package var explains = true
    package let wording: any FindingWording

    package init(
        rule: IRRule, table: Table, partner: Table?, presentation: TablePresentation, partnerPresentation: TablePresentation?, explains: Bool = true,
        wording: any FindingWording
    ) {
        self.rule = rule
        self.table = table
        self.partner = partner
        self.presentation = presentation
        self.partnerPresentation = partnerPresentation
        self.explains = explains
        self.wording = wording
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

    /// A row's texts, one per column of the table (`table.columnNames`).
    package func rowTexts(_ texts: [String]) -> [String] {
        texts.count == table.columns.count ? texts : table.columns.indices.map { $0 < texts.count ? texts[$0] : "" }
    }

    package func noPartner(row: Int, evaluator: RowEvaluator) -> Finding {
        let cell = rule.assertions.first?.cell ?? IRColumn(name: table.columns.first?.name ?? "")
        let (start, end) = location(cell, row: row, partnerRow: -1)
        guard let join = rule.join else {
            let message = wording.noPartner(NoPartnerFacts(table: nil, filter: nil, keys: [], subject: nil))
            var finding = Finding(rule: rule.id, check: rule.check.rawValue, severity: rule.severity, message: message, location: start)
            finding.rowPosition = table.rowPosition(row: row)
            return finding
        }
        let keys = join.on.map { name -> (label: String, value: String) in
            (presentation.label(name), table.columnIndex(name).map { Self.displayText(table, row: row, column: $0) } ?? "")
        }
        let facts = NoPartnerFacts(table: join.table, filter: join.filter.map { IRPrinter.print($0) }, keys: keys, subject: subject(row: row))
        var finding = Finding(
            rule: rule.id, check: rule.check.rawValue, severity: rule.severity, message: wording.noPartner(facts), location: start, endLocation: end,
            table: table.name, column: cell.name.isEmpty ? nil : cell.name, rowNames: table.columnNames, rowTexts: rowTexts(row))
        finding.rowPosition = table.rowPosition(row: row)
        return finding
    }

    package func finding(for assertion: IRAssertion, row: Int, evaluator: RowEvaluator, missing: Bool) -> Finding {
        let partnerRow = evaluator.partnerRow
        var cell = assertion.cell
        if cell.name.isEmpty { cell = IRColumn(name: table.columns.first?.name ?? "") }
        let (start, end) = location(cell, row: row, partnerRow: partnerRow)
        let actual =
            assertion.actual.map {
                evaluator.evaluate(BoundExpr.bind($0, own: { table.columnIndex($0) }, partner: { partner?.columnIndex($0) }, alias: rule.join?.alias))
            } ?? .missing
        let expected =
            assertion.expected.map {
                evaluator.evaluate(BoundExpr.bind($0, own: { table.columnIndex($0) }, partner: { partner?.columnIndex($0) }, alias: rule.join?.alias))
            } ?? .missing
        let texts = rowTexts(row)
        let words = wording.words(
            for: AssertionFacts(
                cells: self, assertion: assertion, cell: cell, row: row, evaluator: evaluator, actual: actual, expected: expected,
                texts: texts, missing: missing))
        var finding = Finding(
            rule: rule.id, check: rule.check.rawValue, severity: rule.severity, message: words.message, location: start, endLocation: end,
            table: table.name, column: cell.name, rowNames: table.columnNames, rowTexts: rowTexts(texts), actual: actual.findingValue,
            expected: expected.findingValue)
        finding.rowPosition = table.rowPosition(row: row)
        if !missing {
            finding.magnitude = words.magnitude
            finding.expectation = words.expectation
            finding.notes = words.notes
        }
        return finding
    }
}
