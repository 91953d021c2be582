import CrossfootBase

/// Lowers checked rules into the one IR that the engine evaluates.
///
/// Each check kind has its own small function, and all of them give the same thing: assertions
/// that each row must pass, and, when the kind needs them, a group with its aggregates, a join to
/// the previous year's row, or a check over sets of rows. What is common to every kind — the
/// rule's filter, its join, the columns it reads — is lowered here once.
package enum RuleLowering {
    /// A group's aggregates, by slot.
    typealias Aggregates = [(kind: IRAggregateKind, operand: IRExpr?)]

    /// Lowers one rule that passed checking.
    package static func lower(_ rule: CheckedRule) -> IRRule {
        let expressions = ExprLowering(resolutions: rule.resolutions, tolerance: .exact)
        let filter = rule.filter.map { expressions.lower($0.expr) }
        var join = rule.join.map { j in
            IRJoin(table: j.table, on: j.on, filter: j.filter.map { expressions.lower($0.expr) }, alias: j.alias, columns: [])
        }
        let lowered = lowerCheck(of: rule, expressions: expressions, filter: filter)
        if let previous = lowered.previous { join = previous }
        let (columns, joinColumns) = columnsRead(filter: filter, check: lowered, join: join)
        join?.columns = joinColumns
        return IRRule(
            id: rule.id, pack: rule.pack, description: rule.description, severity: rule.severity, check: rule.check.kind, table: rule.table,
            location: rule.location, filter: filter, join: join, group: lowered.group, assertions: lowered.assertions, missing: rule.missing,
            message: rule.message, columns: columns, sourceText: lowered.sourceText, weight: rule.weight, setCheck: lowered.setCheck)
    }

    /// Lowers the rule's expressions and hands them, with the check's settings, to its kind's
    /// function.
    private static func lowerCheck(of rule: CheckedRule, expressions: ExprLowering, filter: IRExpr?) -> Lowered {
        let tolerance = rule.tolerance
        // Aggregates are lowered exactly; only the comparisons an `expect` writes get its tolerance.
        let aggregates = rule.aggregates.map { (kind: $0.kind, operand: $0.operand.map { expressions.lower($0) }) }
        switch rule.check {
        case .range(let columns, let min, let max):
            return range(columns, min: min, max: max)
        case .required(let columns):
            return required(columns)
        case .change(let from, let to, let maxDrop, let maxRise, let maxRelativeDrop, let minBase):
            return change(from: from, to: to, maxDrop: maxDrop, maxRise: maxRise, maxRelativeDrop: maxRelativeDrop, minBase: minBase)
        case .sumDown(let columns, let groupBy, let total):
            return sumDown(columns, groupBy: groupBy, total: expressions.lower(total), tolerance: tolerance, aggregates: aggregates)
        case .sumAcross(let total, let parts):
            return sumAcross(total: total, parts: parts.map(expressions.lower), tolerance: tolerance)
        case .ratio(let column, let numerator, let denominator, let scale, let decimals):
            return ratio(
                column, numerator: expressions.lower(numerator), denominator: expressions.lower(denominator), scale: scale, decimals: decimals,
                tolerance: tolerance)
        case .expect(let condition, let groupBy):
            let written = ExprLowering(resolutions: rule.resolutions, tolerance: tolerance).lower(condition.expr)
            return expect(written, source: condition.text, groupBy: groupBy, filter: filter, tolerance: tolerance, aggregates: aggregates)
        case .outlier(let column, let by, let method, let threshold, let minGroup):
            return outlier(column, by: by, method: method, threshold: threshold, minGroup: minGroup)
        case .scale(let columns, let reference, let by, let maxValue, let minReference):
            return scale(columns, reference: reference, by: by, maxValue: maxValue, minReference: minReference)
        case .repeated(let column, let by, let across, let minIndicators, let kinds):
            return repeated(column, by: by, across: across, minIndicators: minIndicators, of: kinds)
        case .coverage(let by, let among, let across, let minOthers):
            return coverage(by: by, among: among, across: across, minOthers: minOthers)
        case .carryover(let from, let to, let key, let over):
            return carryover(from: from, to: to, key: key, over: over, table: rule.table, tolerance: tolerance)
        case .swing(let columns, let by, let over, let maxChange, let onlyReversals):
            return swing(columns, by: by, over: over, maxRelativeChange: maxChange, onlyReversals: onlyReversals, table: rule.table)
        }
    }

    /// The columns of the rule's own table that it reads, in the order it first reads them, and
    /// the partner row's columns it reads through its join.
    private static func columnsRead(filter: IRExpr?, check: Lowered, join: IRJoin?) -> (own: [String], joined: [String]) {
        var columns: [String] = []
        var joinColumns: [String] = []
        func collect(_ e: IRExpr?) {
            for c in e?.columns ?? [] {
                if let alias = c.alias, alias == join?.alias {
                    if !joinColumns.contains(c.name) { joinColumns.append(c.name) }
                } else if c.alias == nil, !c.name.isEmpty, !columns.contains(c.name) {
                    columns.append(c.name)
                }
            }
        }
        collect(filter)
        for a in check.assertions {
            collect(a.condition)
            collect(a.applies)
            collect(.column(a.cell))
        }
        check.group?.keys.forEach { collect($0) }
        check.group?.aggregates.forEach { collect($0.operand) }
        join?.on.forEach { collect(.column(IRColumn(name: $0))) }
        check.extraColumns.forEach { collect(.column(IRColumn(name: $0))) }
        if let over = join?.previous {
            // The partner of a series rule is a row of the same table.
            for name in joinColumns + (join?.on ?? []) + [over] where !columns.contains(name) { columns.append(name) }
            joinColumns = Array(Set(joinColumns + (join?.on ?? []) + [over])).sorted()
        }
        return (columns, joinColumns)
    }

    /// A column of the rule's own table.
    static func column(_ name: String) -> IRExpr { .column(IRColumn(name: name)) }
}
