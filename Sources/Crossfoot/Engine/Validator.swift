/// The compiled validator: runs every rule of a rule set over a dataset's tables.
public struct Validator: Sendable {
    public let ruleSet: RuleSet

    public init(ruleSet: RuleSet) {
        self.ruleSet = ruleSet
    }

    /// Checks one dataset (one input file) and returns its findings, sorted.
    public func validate(_ dataset: Dataset) -> ValidationResult {
        var result = ValidationResult(rows: dataset.rowCount)
        for issue in dataset.issues {
            let location = dataset.source.location(ofOffset: issue.offset)
            result.findings.append(Finding(rule: issue.rule, check: "input", severity: issue.severity, message: issue.message, location: location, table: issue.table, column: issue.column))
        }
        for table in dataset.tables {
            for rule in ruleSet.rules where Glob.matches(rule.table, table.name) {
                run(rule, on: table, in: dataset, into: &result)
            }
        }
        result.findings.sort(by: Finding.ordered)
        return result
    }

    private func run(_ rule: IRRule, on table: Table, in dataset: Dataset, into result: inout ValidationResult) {
        let absent = rule.columns.filter { table.columnIndex($0) == nil }
        if !absent.isEmpty {
            if rule.table == table.name {
                result.notes.append(Diagnostic(.note, "rule \(rule.id) was not applied to table '\(table.name)': it has no column \(absent.map { "'\($0)'" }.joined(separator: ", "))", path: dataset.source.path))
            }
            return
        }
        var partnerTable: Table?
        if let join = rule.join {
            guard let joined = dataset.table(named: join.table) else {
                result.notes.append(Diagnostic(.note, "rule \(rule.id) was not applied to table '\(table.name)': this file has no table '\(join.table)' to join", path: dataset.source.path))
                return
            }
            let missingJoinColumns = (join.columns + join.on).filter { joined.columnIndex($0) == nil }
            if !missingJoinColumns.isEmpty {
                result.notes.append(Diagnostic(.note, "rule \(rule.id) was not applied to table '\(table.name)': table '\(join.table)' has no column \(missingJoinColumns.map { "'\($0)'" }.joined(separator: ", "))", path: dataset.source.path))
                return
            }
            partnerTable = joined
        }
        let alias = rule.join?.alias
        let bind: (IRExpr) -> BoundExpr = { expr in
            BoundExpr.bind(expr, own: { table.columnIndex($0) }, partner: { partnerTable?.columnIndex($0) }, alias: alias)
        }
        let filter = rule.filter.map(bind)
        let assertions = rule.assertions.map { BoundAssertion(ir: $0, applies: $0.applies.map(bind), condition: bind($0.condition)) }
        var evaluator = RowEvaluator(own: table, partner: partnerTable)

        // The join: an index of the partner rows by their `on` values.
        var partnerIndex: [[Value]: Int] = [:]
        var ownKeys: [BoundExpr] = []
        if let join = rule.join, let joined = partnerTable {
            let joinFilter = join.filter.map { BoundExpr.bind($0, own: { joined.columnIndex($0) }, partner: { _ in nil }, alias: nil) }
            let partnerKeys = join.on.map { name in BoundExpr.column(side: 0, index: joined.columnIndex(name) ?? 0) }
            var partnerEvaluator = RowEvaluator(own: joined, partner: nil)
            for r in 0..<joined.rowCount {
                partnerEvaluator.row = r
                if let joinFilter, partnerEvaluator.evaluate(joinFilter) != .bool(true) { continue }
                let key = partnerKeys.map { partnerEvaluator.evaluate($0) }
                if partnerIndex[key] == nil { partnerIndex[key] = r }
            }
            ownKeys = join.on.map { name in BoundExpr.column(side: 0, index: table.columnIndex(name) ?? 0) }
        }

        // Groups: aggregates over each group's member rows.
        var groups: [[Value]: GroupAggregates] = [:]
        var groupKeys: [BoundExpr] = []
        if let group = rule.group {
            groupKeys = group.keys.map(bind)
            let members = group.members.map(bind)
            let operands = group.aggregates.map { ($0.kind, $0.operand.map(bind)) }
            let empty = GroupAggregates(exact: Array(repeating: .missing, count: operands.count), rounded: Array(repeating: .missing, count: operands.count), counts: Array(repeating: 0, count: operands.count))
            for r in 0..<table.rowCount {
                evaluator.row = r
                if let filter, evaluator.evaluate(filter) != .bool(true) { continue }
                if let members, evaluator.evaluate(members) != .bool(true) { continue }
                let key = groupKeys.map { evaluator.evaluate($0) }
                var aggregates = groups[key] ?? empty
                for (slot, (kind, operand)) in operands.enumerated() {
                    switch kind {
                    case .count:
                        let present = operand.map { !evaluator.evaluate($0).isMissing } ?? true
                        if present {
                            aggregates.counts[slot] += 1
                            let n = Value.number(Interval(Number(aggregates.counts[slot])))
                            aggregates.exact[slot] = n
                            aggregates.rounded[slot] = n
                        }
                    case .sum:
                        guard let operand,
                              case .number(let exact) = evaluator.evaluate(operand),
                              case .number(let widened) = evaluator.evaluate(operand, rounding: true) else { continue }
                        aggregates.counts[slot] += 1
                        aggregates.exact[slot] = .number((aggregates.exact[slot].interval.map { $0 + exact }) ?? exact)
                        aggregates.rounded[slot] = .number((aggregates.rounded[slot].interval.map { $0 + widened }) ?? widened)
                    }
                }
                groups[key] = aggregates
            }
        }

        let builder = FindingBuilder(rule: rule, table: table, partner: partnerTable, presentation: ruleSet.presentation(for: table.name), partnerPresentation: partnerTable.map { ruleSet.presentation(for: $0.name) })
        for r in 0..<table.rowCount {
            evaluator.row = r
            evaluator.partnerRow = -1
            evaluator.aggregates = nil
            if let filter, evaluator.evaluate(filter) != .bool(true) { continue }
            if rule.join != nil {
                let key = ownKeys.map { evaluator.evaluate($0) }
                guard let partnerRow = partnerIndex[key] else {
                    result.findings.append(builder.noPartner(row: r, evaluator: evaluator))
                    continue
                }
                evaluator.partnerRow = partnerRow
            }
            if rule.group != nil {
                let key = groupKeys.map { evaluator.evaluate($0) }
                evaluator.aggregates = groups[key]
            }
            for assertion in assertions {
                if let applies = assertion.applies, evaluator.evaluate(applies) != .bool(true) { continue }
                switch evaluator.evaluate(assertion.condition) {
                case .bool(true):
                    continue
                case .bool(false):
                    result.findings.append(builder.finding(for: assertion.ir, row: r, evaluator: evaluator, missing: false))
                default:
                    if rule.missing == .fail {
                        result.findings.append(builder.finding(for: assertion.ir, row: r, evaluator: evaluator, missing: true))
                    }
                }
            }
        }
    }
}

struct BoundAssertion {
    var ir: IRAssertion
    var applies: BoundExpr?
    var condition: BoundExpr
}
