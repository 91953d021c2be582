import CrossfootBase
import CrossfootEngine
import CrossfootReports
import CrossfootRules
import CrossfootTables

/// Reviewed exceptions from the project config, compiled: each waives the findings of one rule
/// whose row satisfies its condition, with the reason shown in every report.
public struct Acceptances: Sendable {
    package struct Compiled: Sendable {
        package var entry: Acceptance
        package var condition: IRExpr?
    }

    package let compiled: [Compiled]

    /// Compiles the config's `accept` entries against the loaded rules.
    ///
    /// - Returns: the acceptances, or the errors (unknown rule, bad condition) with positions.
    public static func compile(_ entries: [Acceptance], ruleSet: RuleSet) -> Result<Acceptances, DiagnosticList> {
        var diagnostics: [Diagnostic] = []
        var compiled: [Compiled] = []
        let all = ruleSet.rules + ruleSet.disabled
        for entry in entries {
            guard let rule = all.first(where: { $0.id == entry.rule.value }) else {
                var message = "no loaded rule is called '\(entry.rule.value)'"
                if let guess = suggestion(for: entry.rule.value, among: ruleSet.knownIDs) { message += "; did you mean '\(guess)'?" }
                diagnostics.append(.error(message, at: entry.rule.location))
                continue
            }
            var condition: IRExpr?
            if let source = entry.condition {
                let schema = ruleSet.schemas[rule.table]
                var checker = ExpressionChecker(
                    scope: ExpressionChecker.Scope(
                        schema: schema, tableName: rule.table, alias: nil, aliasSchema: nil, aliasTable: nil, allowsAggregates: false))
                checker.check(source, expecting: .bool)
                diagnostics += checker.diagnostics
                condition = ExprLowering(resolutions: checker.resolutions, tolerance: .exact).lower(source.expr)
            }
            compiled.append(Compiled(entry: entry, condition: condition))
        }
        if !diagnostics.isEmpty { return .failure(DiagnosticList(diagnostics)) }
        return .success(Acceptances(compiled: compiled))
    }

    /// The acceptance that waives `finding`, if any (the first that matches).
    public func acceptance(for finding: Finding, schemas: [String: TableSchema]) -> (index: Int, reason: String)? {
        for (i, item) in compiled.enumerated() where item.entry.rule.value == finding.rule {
            guard let condition = item.condition else { return (i, item.entry.reason) }
            let table = Self.rowTable(finding, schemas: schemas)
            let bound = BoundExpr.bind(condition, own: { table.columnIndex($0) }, partner: { _ in nil }, alias: nil)
            var evaluator = RowEvaluator(own: table, partner: nil)
            evaluator.row = 0
            if evaluator.evaluate(bound) == .bool(true) { return (i, item.entry.reason) }
        }
        return nil
    }

    public var entries: [Acceptance] { compiled.map(\.entry) }

    /// The finding's row as a one-row table, typed as its table's schema says.
    package static func rowTable(_ finding: Finding, schemas: [String: TableSchema]) -> Table {
        let schema = finding.table.flatMap { schemas[$0] }
        let columns = finding.row.map { cell -> Column in
            var column = Column(name: cell.name)
            if cell.text.isEmpty {
                column.appendMissing()
            } else if schema?.type(of: cell.name) == .text {
                column.appendText(cell.text)
            } else {
                column.append(CellValue(parsing: cell.text))
            }
            return column
        }
        let cells = finding.row.map { [FixedCell(text: $0.text, start: finding.location, end: finding.location)] }
        return Table(name: finding.table ?? "", path: finding.location.path, columns: columns, rowCount: 1, origins: .fixed(cells))
    }
}
