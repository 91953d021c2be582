import CrossfootBase
import CrossfootRules
import CrossfootTables

/// Which cells other rules' findings point at, by check kind: what `flagged(column, …)` reads.
package struct FlagIndex: Sendable {
    private struct Cell: Hashable, Sendable {
        var table: String
        var line: Int
        var column: Int
    }

    private var checks: [Cell: Set<String>] = [:]

    package init(_ findings: [Finding]) {
        for finding in findings {
            guard let table = finding.table else { continue }
            checks[Cell(table: table, line: finding.location.line, column: finding.location.column), default: []].insert(finding.check)
        }
    }

    /// Whether a finding of one of `kinds` points at the cell that starts at `location`.
    package func contains(table: String, at location: SourceLocation, kinds: [String]) -> Bool {
        guard let found = checks[Cell(table: table, line: location.line, column: location.column)] else { return false }
        return kinds.contains { found.contains($0) }
    }
}

extension Evaluation.GroupState {
    /// The aggregates of a rule that reads findings, computed over the kept rows now that the
    /// findings are known.
    package func aggregatedAfterFindings(_ rule: IRRule, flags: FlagIndex) -> Evaluation.GroupState {
        guard let group = rule.group else { return self }
        var state = Evaluation.GroupState(kinds: kinds, pending: pending)
        state.pendingKeys = pendingKeys
        let table = pending.table
        func bind(_ e: IRExpr) -> BoundExpr { BoundExpr.bind(e, own: { table.columnIndex($0) }, partner: { _ in nil }, alias: nil) }
        let members = group.members.map(bind)
        let operands = group.aggregates.map { $0.operand.map(bind) }
        var evaluator = RowEvaluator(own: table, partner: nil)
        evaluator.flags = flags
        for row in 0..<table.rowCount {
            evaluator.row = row
            let (index, inserted) = state.keys.index(of: pendingKeys[row])
            if inserted { state.addGroup() }
            if let members, evaluator.evaluate(members) != .bool(true) { continue }
            let base = index * kinds.count
            for slot in kinds.indices {
                let value = operands[slot].map { evaluator.evaluate($0) }
                switch kinds[slot] {
                case .count:
                    if value.map({ !$0.isMissing }) ?? true { state.counts[base + slot] += 1 }
                case .distinct:
                    guard let value, !value.isMissing else { continue }
                    var encoded: [UInt8] = []
                    GroupKeys.encode(value, into: &encoded)
                    state.sets[base + slot].insert(encoded)
                default:
                    guard case .number(let n)? = value else { continue }
                    state.sums[base + slot] = state.sums[base + slot] + n.mid
                    state.halves[base + slot] = state.halves[base + slot] + n.mid.halfUnit
                    state.counts[base + slot] += 1
                    if kinds[slot].keepsValues { state.lists[base + slot].append(n.mid) }
                }
            }
        }
        return state
    }
}
