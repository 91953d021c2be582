import CrossfootBase
import CrossfootRules
import CrossfootTables
// One file on purpose: the evaluator is the hot loop of every lint (rows in batches, grouped
// rules, joins, snapshots for rules across years); keeping its state and its passes together keeps
// what one pass leaves for the next in view.
import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checking one input file, or one chunk of a large one: findings of row-by-row rules are made
/// while each batch's bytes are at hand; grouped and joined rules keep only what they need (the
/// aggregates of each group, and copies of the few rows they must still look at) until every
/// row has been seen. Chunks of one file are checked apart and then appended in order.
package struct Evaluation: Sendable {
    package let ruleSet: RuleSet
    /// Turns what the checks find into findings' words.
    package let wording: any FindingWording
    package let path: String
    private(set) var findings: [Finding] = []
    private(set) var notes: [Diagnostic] = []
    private var noteSet: Set<String> = []
    private(set) var rows = 0
    /// Per rule and table: the aggregates of each group, and the rows whose assertions use them.
    private var groups: [StateKey: GroupState] = [:]
    /// Per rule and table: the rows to compare with a partner.
    private var joins: [StateKey: SnapshotRows] = [:]
    /// Per rule: the candidate partner rows, first by key.
    private var partners: [Int: PartnerState] = [:]
    /// The tables seen, with their columns, so a join can say its partner table is absent.
    private var tablesSeen: [String: [String]] = [:]
    /// Per rule across years and table: the rows to compare with the previous year's, keyed by
    /// their `on` columns and then the year. Checked once every input has been read.
    private(set) var series: [StateKey: SnapshotRows] = [:]
    /// The operation the file is about (its first `operation` cell): inputs of one operation
    /// form a series across years.
    private(set) var operation: String?
    /// Threads the checks that wait for the whole file may share.
    package var jobs = 1
    /// The findings of a row-by-row rule listed at most (`--max-findings-per-rule`), when no
    /// rule, baseline or accepted exception reads the others: once a rule has this many, the
    /// rest are counted, not made. A chunk of rows is made whole or not at all, so the rule's
    /// first findings in file order are all among those made.
    package var cap: Int?
    /// Per rule: the findings made so far.
    private var made: [String: Int] = [:]
    /// Per rule, and per severity: the findings past `cap`, counted and not made.
    private(set) var unmade: [String: Int] = [:]
    private(set) var unmadeBySeverity: [Severity: Int] = [:]
    private(set) var unmadeSeverity: [String: Severity] = [:]

    package struct StateKey: Hashable, Sendable {
        package var rule: Int
        package var table: String
    }

    package struct GroupState: Sendable {
        package var keys = GroupKeys()
        package let kinds: [IRAggregateKind]
        /// Per group and slot (`group * slots + slot`): sums, half-units and counts; the values
        /// of order statistics; the distinct values seen.
        package var sums: [Number] = []
        package var halves: [Number] = []
        package var counts: [Int] = []
        package var lists: [[Number]] = []
        package var sets: [Set<[UInt8]>] = []
        /// Rows whose assertions wait for the aggregates, with their group's key.
        package var pending: SnapshotRows
        package var pendingKeys: [[UInt8]] = []
        /// For sums down the rows: the parts of each group, kept (up to `evidenceCap` rows) to
        /// say which cell is likely wrong when a total does not add up; how many each group had.
        package var parts: SnapshotRows?
        package var partKeys: [[UInt8]] = []
        package var partsSeen: [Int] = []

        /// Whether an aggregate needs the values themselves (`lists`, `sets`).
        package let keepsValues: Bool

        package init(kinds: [IRAggregateKind], pending: SnapshotRows) {
            self.kinds = kinds
            self.pending = pending
            keepsValues = GroupAggregates.keepsValues(kinds)
        }

        package mutating func addGroup() {
            for _ in kinds.indices {
                sums.append(.zero)
                halves.append(.zero)
                counts.append(0)
                if keepsValues {
                    lists.append([])
                    sets.append([])
                }
            }
            partsSeen.append(0)
        }

        package func aggregates(_ group: Int) -> GroupAggregates {
            var result = GroupAggregates(kinds: kinds)
            load(group, into: &result)
            return result
        }

        /// The aggregates of `group`, written over `result` (made for these kinds), so a row
        /// after row check allocates nothing per group.
        package func load(_ group: Int, into result: inout GroupAggregates) {
            let base = group * kinds.count
            for slot in kinds.indices {
                result.sums[slot] = sums[base + slot]
                result.halves[slot] = halves[base + slot]
                result.counts[slot] = counts[base + slot]
                if keepsValues {
                    result.lists[slot] = lists[base + slot]
                    result.sets[slot] = sets[base + slot]
                }
            }
            result.prepare()
        }

        /// Adds another chunk's aggregates of the group with key index `k` in `other`.
        package mutating func absorb(_ other: GroupState, group k: Int) {
            let (index, inserted) = keys.index(of: other.keys.key(k))
            if inserted { addGroup() }
            let mine = index * kinds.count
            let theirs = k * kinds.count
            for slot in kinds.indices {
                sums[mine + slot] = sums[mine + slot] + other.sums[theirs + slot]
                halves[mine + slot] = halves[mine + slot] + other.halves[theirs + slot]
                counts[mine + slot] += other.counts[theirs + slot]
                if keepsValues {
                    lists[mine + slot] += other.lists[theirs + slot]
                    sets[mine + slot].formUnion(other.sets[theirs + slot])
                }
            }
            partsSeen[index] += other.partsSeen[k]
        }
    }

    package struct PartnerState: Sendable {
        package var rows: SnapshotRows
        package var index: [[Value]: Int] = [:]
    }

    package static let chunkRows = 4096
    /// The most part rows of a sum kept per rule and table for evidence.
    package static let evidenceCap = 4_096

    package init(ruleSet: RuleSet, path: String, wording: any FindingWording) {
        self.ruleSet = ruleSet
        self.path = path
        self.wording = wording
    }

    private mutating func note(_ message: String) {
        if noteSet.insert(message).inserted {
            notes.append(Diagnostic(.note, message, path: path))
        }
    }

    /// Adds findings made outside the rules (reader issues).
    package mutating func add(_ extra: [Finding]) {
        findings += extra
    }

    // MARK: Batches

    /// Checks one batch of one table.
    package mutating func process(_ batch: Table) {
        rows += batch.rowCount
        if tablesSeen[batch.name] == nil { tablesSeen[batch.name] = batch.columnNames }
        var rowRules: [IRRule] = []
        if operation == nil, let c = batch.columnIndex("operation"), batch.rowCount > 0 {
            let text = FindingBuilder.displayText(batch, row: 0, column: c)
            if !text.isEmpty { operation = text }
        }
        for (index, rule) in ruleSet.rules.enumerated() {
            if let join = rule.join, join.table == batch.name, !rule.isSeries {
                collectPartners(rule, index, batch)
            }
            guard Glob.matches(rule.table, batch.name) else { continue }
            let absent = rule.columns.filter { batch.columnIndex($0) == nil }
            if !absent.isEmpty {
                if rule.table == batch.name {
                    note("rule \(rule.id) was not applied to table '\(batch.name)': it has no column \(absent.map { "'\($0)'" }.joined(separator: ", "))")
                }
                continue
            }
            if rule.isSeries {
                collectSeriesRows(rule, index, batch)
            } else if rule.join != nil {
                collectJoinRows(rule, index, batch)
            } else if rule.group != nil {
                accumulateGroups(rule, index, batch)
            } else {
                rowRules.append(rule)
            }
        }
        if !rowRules.isEmpty { checkRows(rowRules, batch) }
    }

    private func bind(_ e: IRExpr, _ table: Table) -> BoundExpr {
        BoundExpr.bind(e, own: { table.columnIndex($0) }, partner: { _ in nil }, alias: nil)
    }

    /// The rows of `batch` in chunks, narrowed to those where `filter` holds.
    private func selections(_ batch: Table, _ filter: BoundExpr?, _ evaluator: BatchEvaluator) -> [[Int32]] {
        var result: [[Int32]] = []
        var start = 0
        while start < batch.rowCount {
            let end = min(start + Self.chunkRows, batch.rowCount)
            var selection = (start..<end).map { Int32($0) }
            if let filter {
                selection = evaluator.narrow(selection, by: evaluator.evaluate(filter, selection))
            }
            if !selection.isEmpty { result.append(selection) }
            start = end
        }
        return result
    }

    /// Row-by-row rules: evaluated together over chunks of the batch, so a filter or a column
    /// that several rules share is computed once; findings made at once.
    private mutating func checkRows(_ rules: [IRRule], _ batch: Table) {
        let evaluator = BatchEvaluator(table: batch)
        struct Bound {
            var rule: IRRule
            var filter: BoundExpr?
            var assertions: [(ir: IRAssertion, applies: BoundExpr?, condition: BoundExpr)]
            var builder: FindingBuilder
        }
        let bound = rules.map { rule in
            Bound(
                rule: rule, filter: rule.filter.map { bind($0, batch) },
                assertions: rule.assertions.map { (ir: $0, applies: $0.applies.map { bind($0, batch) }, condition: bind($0.condition, batch)) },
                builder: FindingBuilder(
                    rule: rule, table: batch, partner: nil, presentation: ruleSet.presentation(for: batch.name), partnerPresentation: nil,
                    explains: ruleSet.explains, wording: wording))
        }
        var rowEvaluator = RowEvaluator(own: batch, partner: nil)
        var found: [Finding] = []
        var start = 0
        while start < batch.rowCount {
            let end = min(start + Self.chunkRows, batch.rowCount)
            let all = (start..<end).map { Int32($0) }
            var filtered: [IRExpr: [Int32]] = [:]
            for b in bound {
                var selection = all
                if let filter = b.filter, let ir = b.rule.filter {
                    if let cached = filtered[ir] {
                        selection = cached
                    } else {
                        evaluator.memo.reset(all)
                        selection = evaluator.narrow(all, by: evaluator.evaluate(filter, all))
                        filtered[ir] = selection
                    }
                }
                if selection.isEmpty { continue }
                evaluator.memo.reset(selection)
                // Past the cap, this chunk's findings of the rule are only counted.
                let counting = cap.map { made[b.rule.id, default: 0] >= $0 } ?? false
                let before = found.count
                var counted = 0
                for assertion in b.assertions {
                    var rows = selection
                    if let applies = assertion.applies {
                        rows = evaluator.narrow(rows, by: evaluator.evaluate(applies, rows))
                        evaluator.memo.reset(rows)
                    }
                    let lane = evaluator.evaluate(assertion.condition, rows)
                    if counting {
                        for i in rows.indices {
                            switch evaluator.truth(lane, i) {
                            case true?: continue
                            case false?: counted += 1
                            case nil: if b.rule.missing == .fail { counted += 1 }
                            }
                        }
                        if assertion.applies != nil { evaluator.memo.reset(selection) }
                        continue
                    }
                    for i in rows.indices {
                        switch evaluator.truth(lane, i) {
                        case true?: continue
                        case false?:
                            rowEvaluator.row = Int(rows[i])
                            found.append(b.builder.finding(for: assertion.ir, row: Int(rows[i]), evaluator: rowEvaluator, missing: false))
                        case nil:
                            if b.rule.missing == .fail {
                                rowEvaluator.row = Int(rows[i])
                                found.append(b.builder.finding(for: assertion.ir, row: Int(rows[i]), evaluator: rowEvaluator, missing: true))
                            }
                        }
                    }
                    if assertion.applies != nil { evaluator.memo.reset(selection) }
                }
                if cap != nil { made[b.rule.id, default: 0] += found.count - before }
                if counted > 0 {
                    unmade[b.rule.id, default: 0] += counted
                    unmadeBySeverity[b.rule.severity, default: 0] += counted
                    unmadeSeverity[b.rule.id] = b.rule.severity
                }
            }
            start = end
        }
        findings += found
    }

    /// Grouped rules, first pass: each group's aggregates, and copies of the rows to check.
    private mutating func accumulateGroups(_ rule: IRRule, _ index: Int, _ batch: Table) {
        guard let group = rule.group else { return }
        let key = StateKey(rule: index, table: batch.name)
        var state = groups.removeValue(forKey: key) ?? GroupState(kinds: group.aggregates.map(\.kind), pending: SnapshotRows(like: batch))
        let keepsParts = rule.check == .sum && group.members != nil
        if keepsParts, state.parts == nil { state.parts = SnapshotRows(like: batch) }
        let evaluator = BatchEvaluator(table: batch)
        let filter = rule.filter.map { bind($0, batch) }
        let members = group.members.map { bind($0, batch) }
        let keys = group.keys.map { bind($0, batch) }
        let kinds = group.aggregates.map(\.kind)
        let operands = group.aggregates.map { $0.operand.map { bind($0, batch) } }
        // The rows some assertion applies to wait for the aggregates: each different condition
        // evaluated once (a sum's assertions usually share theirs), every row when one has none.
        let everyRow = rule.assertions.contains { $0.applies == nil }
        var conditions: [IRExpr] = []
        for case let condition? in rule.assertions.map(\.applies) where !conditions.contains(condition) { conditions.append(condition) }
        let applies = everyRow ? [] : conditions.map { bind($0, batch) }
        // Rules that read other rules' findings, and checks over sets of rows, keep every row
        // and do their work once the file's other findings are known.
        let deferred = rule.readsFindings || rule.setCheck != nil
        var keyBytes: [UInt8] = []
        keyBytes.reserveCapacity(128)
        let missingLane = Lane(constant: .missing)
        for selection in selections(batch, filter, evaluator) {
            let keyLanes = keys.map { evaluator.evaluate($0, selection) }
            let memberLane = members.map { evaluator.evaluate($0, selection) } ?? Lane(constant: .bool(true))
            let operandLanes = operands.map { $0.map { evaluator.evaluate($0, selection) } ?? missingLane }
            let hasOperand = operands.map { $0 != nil }
            let appliesLanes = applies.map { evaluator.evaluate($0, selection) }
            // First each row's group (and the rows kept for later), then each aggregate over
            // the rows column by column: reading a lane out of an array inside the row loop
            // would copy it (and retain its arrays) on every row.
            var groupOf = [Int](repeating: 0, count: selection.count)
            var member = [Bool](repeating: false, count: selection.count)
            if !deferred { evaluator.markTrue(memberLane, count: selection.count, into: &member) }
            var applying = [Bool](repeating: deferred || everyRow, count: selection.count)
            for lane in appliesLanes { evaluator.markTrue(lane, count: selection.count, into: &applying) }
            // Each key column's encodings, row after row, then joined per row.
            var fragments: [[UInt8]] = []
            var fragmentEnds: [[Int]] = []
            for lane in keyLanes {
                var bytes: [UInt8] = []
                var ends: [Int] = []
                ends.reserveCapacity(selection.count)
                for i in selection.indices {
                    GroupKeys.encode(lane, i, evaluator, into: &bytes)
                    ends.append(bytes.count)
                }
                fragments.append(bytes)
                fragmentEnds.append(ends)
            }
            for i in selection.indices {
                // Rows of one group usually come together: the same key as the row before is
                // the same group, found without joining and hashing the key again.
                if i > 0, Self.sameKey(fragments, fragmentEnds, i) {
                    groupOf[i] = groupOf[i - 1]
                } else {
                    keyBytes.removeAll(keepingCapacity: true)
                    for k in fragments.indices {
                        keyBytes.append(contentsOf: fragments[k][(i == 0 ? 0 : fragmentEnds[k][i - 1])..<fragmentEnds[k][i]])
                    }
                    let (groupIndex, inserted) = state.keys.index(of: keyBytes)
                    if inserted { state.addGroup() }
                    groupOf[i] = groupIndex
                }
                let groupIndex = groupOf[i]
                if member[i] {
                    if keepsParts {
                        state.partsSeen[groupIndex] += 1
                        if state.partKeys.count < Self.evidenceCap {
                            state.parts?.append(from: batch, row: Int(selection[i]), key: [])
                            state.partKeys.append(keyBytes)
                        }
                    }
                }
                if applying[i] {
                    state.pending.append(from: batch, row: Int(selection[i]), key: [])
                    state.pendingKeys.append(keyBytes)
                }
            }
            guard !deferred else { continue }
            for (slot, lane) in operandLanes.enumerated() {
                let kind = kinds[slot]
                let present = hasOperand[slot]
                if !present, kind != .count { continue }
                let fast = !lane.isConstant
                let tags = lane.tags
                let sig = lane.sig
                let exp = lane.exp
                for i in selection.indices where member[i] {
                    let at = groupOf[i] * kinds.count + slot
                    switch kind {
                    case .count:
                        if !present || !evaluator.value(lane, i).isMissing { state.counts[at] += 1 }
                    case .distinct:
                        guard !evaluator.value(lane, i).isMissing else { continue }
                        var encoded: [UInt8] = []
                        GroupKeys.encode(lane, i, evaluator, into: &encoded)
                        state.sets[at].insert(encoded)
                    default:
                        let value: Number
                        if fast, tags[i] == .number {
                            value = Number(significand: Int128(sig[i]), exponent: Int32(exp[i]))
                        } else if case .number(let boxed) = evaluator.value(lane, i) {
                            value = boxed.mid
                        } else {
                            continue
                        }
                        state.sums[at] = state.sums[at] + value
                        state.halves[at] = state.halves[at] + value.halfUnit
                        state.counts[at] += 1
                        if kind.keepsValues { state.lists[at].append(value) }
                    }
                }
            }
        }
        groups[key] = state
    }

    /// Whether row `i` (> 0) has the key of row `i - 1`: the same encoded value in each key column.
    private static func sameKey(_ fragments: [[UInt8]], _ ends: [[Int]], _ i: Int) -> Bool {
        for k in fragments.indices {
            let start = i >= 2 ? ends[k][i - 2] : 0
            let middle = ends[k][i - 1]
            let end = ends[k][i]
            guard end - middle == middle - start else { return false }
            let same = fragments[k].withUnsafeBufferPointer { b -> Bool in
                guard let base = b.baseAddress else { return true }
                return memcmp(base + start, base + middle, end - middle) == 0
            }
            if !same { return false }
        }
        return true
    }

    /// Joined rules: copies of the rows to check, keyed by their `on` columns.
    private mutating func collectJoinRows(_ rule: IRRule, _ index: Int, _ batch: Table) {
        guard let join = rule.join else { return }
        let key = StateKey(rule: index, table: batch.name)
        var own = joins.removeValue(forKey: key) ?? SnapshotRows(like: batch)
        let evaluator = BatchEvaluator(table: batch)
        let filter = rule.filter.map { bind($0, batch) }
        let on = join.on.map { BoundExpr.column(side: 0, index: batch.columnIndex($0) ?? 0) }
        for selection in selections(batch, filter, evaluator) {
            let lanes = on.map { evaluator.evaluate($0, selection) }
            for i in selection.indices {
                own.append(from: batch, row: Int(selection[i]), key: lanes.map { evaluator.value($0, i) })
            }
        }
        joins[key] = own
    }

    /// Rules across years: copies of the rows, keyed by their `on` columns and their year.
    private mutating func collectSeriesRows(_ rule: IRRule, _ index: Int, _ batch: Table) {
        guard let join = rule.join, let over = join.previous else { return }
        let key = StateKey(rule: index, table: batch.name)
        var own = series.removeValue(forKey: key) ?? SnapshotRows(like: batch)
        let evaluator = BatchEvaluator(table: batch)
        let filter = rule.filter.map { bind($0, batch) }
        let columns = (join.on + [over]).map { BoundExpr.column(side: 0, index: batch.columnIndex($0) ?? 0) }
        for selection in selections(batch, filter, evaluator) {
            let lanes = columns.map { evaluator.evaluate($0, selection) }
            for i in selection.indices {
                own.append(from: batch, row: Int(selection[i]), key: lanes.map { evaluator.value($0, i) })
            }
        }
        series[key] = own
    }

    /// The rows of a join's table that may be partners: those its `where` picks, first by key.
    private mutating func collectPartners(_ rule: IRRule, _ index: Int, _ batch: Table) {
        guard let join = rule.join else { return }
        guard join.on.allSatisfy({ batch.columnIndex($0) != nil }), join.columns.allSatisfy({ batch.columnIndex($0) != nil }) else { return }
        var state = partners.removeValue(forKey: index) ?? PartnerState(rows: SnapshotRows(like: batch))
        let evaluator = BatchEvaluator(table: batch)
        let filter = join.filter.map { bind($0, batch) }
        let on = join.on.map { BoundExpr.column(side: 0, index: batch.columnIndex($0) ?? 0) }
        for selection in selections(batch, filter, evaluator) {
            let lanes = on.map { evaluator.evaluate($0, selection) }
            for i in selection.indices {
                let key = lanes.map { evaluator.value($0, i) }
                guard state.index[key] == nil else { continue }
                state.index[key] = state.rows.count
                state.rows.append(from: batch, row: Int(selection[i]), key: key)
            }
        }
        partners[index] = state
    }

    // MARK: Chunks

    /// Moves every line of this chunk down by `lines`.
    package mutating func shiftLines(by lines: Int) {
        guard lines != 0 else { return }
        for i in findings.indices {
            findings[i].location.line += lines
            findings[i].endLocation.line += lines
            findings[i].rowPosition?.line += lines
        }
        for key in groups.keys {
            groups[key]?.pending.shiftLines(by: lines)
            groups[key]?.parts?.shiftLines(by: lines)
        }
        for key in joins.keys { joins[key]?.shiftLines(by: lines) }
        for key in partners.keys { partners[key]?.rows.shiftLines(by: lines) }
        for key in series.keys { series[key]?.shiftLines(by: lines) }
    }

    /// Appends the evaluation of the chunk that follows this one in the file.
    package mutating func append(_ later: Evaluation) {
        findings += later.findings
        for (rule, n) in later.unmade { unmade[rule, default: 0] += n }
        for (severity, n) in later.unmadeBySeverity { unmadeBySeverity[severity, default: 0] += n }
        unmadeSeverity.merge(later.unmadeSeverity) { first, _ in first }
        for (rule, n) in later.made { made[rule, default: 0] += n }
        for n in later.notes where noteSet.insert(n.message).inserted { notes.append(n) }
        rows += later.rows
        for (name, columns) in later.tablesSeen where tablesSeen[name] == nil { tablesSeen[name] = columns }
        for (key, state) in later.groups {
            guard var mine = groups[key] else {
                groups[key] = state
                continue
            }
            for k in 0..<state.keys.count {
                mine.absorb(state, group: k)
            }
            mine.pending.append(state.pending)
            mine.pendingKeys += state.pendingKeys
            if let parts = state.parts {
                mine.parts?.append(parts)
                mine.partKeys += state.partKeys
            }
            groups[key] = mine
        }
        for (key, rows) in later.joins {
            if joins[key] == nil { joins[key] = rows } else { joins[key]?.append(rows) }
        }
        for (key, rows) in later.series {
            if series[key] == nil { series[key] = rows } else { series[key]?.append(rows) }
        }
        if operation == nil { operation = later.operation }
        for (rule, state) in later.partners {
            guard var mine = partners[rule] else {
                partners[rule] = state
                continue
            }
            // Earlier rows win: add only keys not seen before.
            let laterTable = state.rows.table
            var extra = SnapshotRows(like: laterTable)
            for (key, row) in state.index.sorted(by: { $0.value < $1.value }) where mine.index[key] == nil {
                mine.index[key] = mine.rows.count + extra.count
                extra.append(from: laterTable, row: row, key: key)
            }
            mine.rows.append(extra)
            partners[rule] = mine
        }
    }

    // MARK: Finishing

    /// Checks what waited for the whole file, and returns every finding, sorted: grouped and
    /// joined rules first, then checks over sets of rows, then the rules that read those
    /// findings (`repeated`).
    package mutating func finish() -> ValidationResult {
        let ordered = groups.sorted { ($0.key.rule, $0.key.table) < ($1.key.rule, $1.key.table) }
        for (key, state) in ordered {
            let rule = ruleSet.rules[key.rule]
            guard !rule.readsFindings, rule.setCheck == nil else { continue }
            findings += checkGroup(rule, state, flags: nil)
        }
        for (key, own) in joins.sorted(by: { ($0.key.rule, $0.key.table) < ($1.key.rule, $1.key.table) }) {
            findings += checkJoin(key, own)
        }
        for (key, state) in ordered {
            let rule = ruleSet.rules[key.rule]
            if case .coverage(let by, let across, let minOthers)? = rule.setCheck {
                let name = state.pending.name
                findings += Coverage.check(
                    rule, state, by: by, across: across, minOthers: minOthers, presentation: ruleSet.presentation(for: name), wording: wording)
            }
        }
        // Which cells other rules flagged: built only when a rule reads it.
        let flags = ordered.contains { ruleSet.rules[$0.key.rule].readsFindings } ? FlagIndex(findings) : FlagIndex([])
        for (key, state) in ordered {
            let rule = ruleSet.rules[key.rule]
            guard rule.readsFindings, rule.setCheck == nil else { continue }
            findings += checkGroup(rule, state.aggregatedAfterFindings(rule, flags: flags), flags: flags)
        }
        groups = [:]
        joins = [:]
        partners = [:]
        findings = Finding.sorted(findings)
        var result = ValidationResult(findings: findings, notes: notes, rows: rows)
        result.unmade = unmade
        result.unmadeBySeverity = unmadeBySeverity
        result.unmadeSeverity = unmadeSeverity
        result.series = series
        result.operation = operation
        return result
    }

    /// A grouped rule's findings, its groups' aggregates known.
    /// A grouped rule's findings, once every row has been seen. The rows to check are
    /// independent, so a long list is checked in parts on several threads (`jobs`), and the
    /// parts' findings joined in row order.
    private func checkGroup(_ rule: IRRule, _ state: GroupState, flags: FlagIndex?) -> [Finding] {
        let table = state.pending.table
        let evidence = SumEvidenceIndex(state)
        let rows = table.rowCount
        let parts = jobs > 1 && rows >= Self.parallelGroupRows ? min(jobs, rows / (Self.parallelGroupRows / 2)) : 1
        guard parts > 1 else { return checkGroup(rule, state, table, evidence, flags: flags, rows: 0..<rows) }
        let ranges = Self.split(rows, into: parts)
        let results = Locked<[Int: [Finding]]>([:])
        DispatchQueue.concurrentPerform(iterations: ranges.count) { part in
            let found = self.checkGroup(rule, state, table, evidence, flags: flags, rows: ranges[part])
            results.withLock { $0[part] = found }
        }
        let done = results.withLock { $0 }
        return ranges.indices.flatMap { done[$0] ?? [] }
    }

    /// `0..<count` in at most `parts` ranges of (nearly) equal size, none empty.
    package static func split(_ count: Int, into parts: Int) -> [Range<Int>] {
        guard count > 0 else { return [] }
        let size = (count + max(parts, 1) - 1) / max(parts, 1)
        return stride(from: 0, to: count, by: size).map { $0..<min(count, $0 + size) }
    }

    /// Rows to check before a grouped rule's check is shared among threads.
    package static let parallelGroupRows = 1_024

    private func checkGroup(_ rule: IRRule, _ state: GroupState, _ table: Table, _ evidence: SumEvidenceIndex, flags: FlagIndex?, rows: Range<Int>) -> [Finding]
    {
        let builder = FindingBuilder(
            rule: rule, table: table, partner: nil, presentation: ruleSet.presentation(for: table.name), partnerPresentation: nil, explains: ruleSet.explains,
            wording: wording)
        var evaluator = RowEvaluator(own: table, partner: nil)
        evaluator.flags = flags
        let assertions = BoundAssertions(rule) { bind($0, table) }
        var result: [Finding] = []
        var failedRatios: [String: Set<[Int]>]?
        // Sums and counts: one set of aggregates, loaded with each row's group in place. Value
        // lists (medians, spreads) are sorted once per group and kept.
        let empty = GroupAggregates(kinds: state.kinds)
        var prepared: [Int: GroupAggregates] = [:]
        var current: Int?
        for row in rows {
            evaluator.row = row
            let group = state.keys.find(state.pendingKeys[row])
            if let group, group == current, evaluator.aggregates != nil {
                // The same group as the row before: its aggregates are loaded.
            } else if let group, state.keepsValues {
                if prepared[group] == nil { prepared[group] = state.aggregates(group) }
                evaluator.aggregates = prepared[group]
            } else if let group {
                var view = evaluator.aggregates ?? empty
                evaluator.aggregates = nil  // so `view` is the only reference, written in place
                state.load(group, into: &view)
                evaluator.aggregates = view
            } else {
                evaluator.aggregates = nil
            }
            current = group
            var found = check(rule, assertions, row: row, evaluator: evaluator, builder: builder)
            if let group, let parts = state.parts, let rows = evidence.rows[group], !found.isEmpty {
                if failedRatios == nil { failedRatios = SumEvidence.failedRatios(findings) }
                for i in found.indices {
                    found[i].notes += sumNotes(
                        found[i], rule: rule, totalRow: row, totals: table, parts: parts, partRows: rows, failedRatios: failedRatios?[table.name] ?? [])
                }
            }
            result += found
        }
        return result
    }

    /// Which kept part rows belong to each group whose parts were all kept.
    package struct SumEvidenceIndex {
        package var rows: [Int: [Int]] = [:]

        package init(_ state: GroupState) {
            guard state.parts != nil else { return }
            for (row, key) in state.partKeys.enumerated() {
                if let group = state.keys.find(key) { rows[group, default: []].append(row) }
            }
            for (group, kept) in rows where kept.count != state.partsSeen[group] || kept.count > 64 { rows[group] = nil }
        }
    }

    /// Evidence for a total that does not add up: which part is likely wrong.
    private func sumNotes(
        _ finding: Finding, rule: IRRule, totalRow: Int, totals: Table, parts: SnapshotRows, partRows: [Int], failedRatios: Set<[Int]>
    ) -> [FindingNote] {
        guard finding.check == CheckKind.sum.rawValue, let name = finding.column, case .number(let total) = finding.actual,
            case .number(let sum) = finding.expected,
            let assertion = rule.assertions.first(where: { $0.cell.name == name }), case .sum(_, let tolerance, true) = assertion.detail
        else { return [] }
        let table = parts.table
        guard let column = table.columnIndex(name), let totalColumn = totals.columnIndex(name) else { return [] }
        let values = partRows.compactMap { row -> SumEvidence.Part? in
            guard let n = table.value(row: row, column: column).number else { return nil }
            return SumEvidence.Part(row: row, value: n, text: FindingBuilder.displayText(table, row: row, column: column))
        }
        var slack = Number.zero
        switch tolerance {
        case .absolute(let t): slack = t
        case .rounding: slack = RoundingSlack.of([total] + values.map(\.value))
        case .exact: break
        }
        let schema = ruleSet.schemas[table.name]
        let groupColumns = Set(rule.group?.keys.flatMap(\.columns).map(\.name) ?? [])
        let labelColumn = (schema?.keyColumns ?? []).first { !groupColumns.contains($0) && table.columnIndex($0) != nil }.flatMap { table.columnIndex($0) }
        let evidence = SumEvidence(parts: table, column: column, ruleSet: ruleSet, failedRatios: failedRatios) { row in
            guard let labelColumn else { return "line \(table.location(row: row, column: column).line)" }
            let text = FindingBuilder.displayText(table, row: row, column: labelColumn)
            // A code before a colon names the row well enough: "OA8: Well-Being…" → "OA8".
            if let colon = text.firstIndex(of: ":"), text.distance(from: text.startIndex, to: colon) <= 8 { return String(text[..<colon]) }
            return FindingBuilder.quoted(text)
        }
        return wording.notes(
            evidence.clues(
                total: total, totalText: FindingBuilder.displayText(totals, row: totalRow, column: totalColumn), sum: sum, slack: slack,
                parts: values, totalLocation: totals.locations(row: totalRow, column: totalColumn).start))
    }

    /// A joined rule's findings.
    private mutating func checkJoin(_ key: StateKey, _ own: SnapshotRows) -> [Finding] {
        let rule = ruleSet.rules[key.rule]
        guard let join = rule.join else { return [] }
        guard let partnerColumns = tablesSeen[join.table] else {
            note("rule \(rule.id) was not applied to table '\(key.table)': this file has no table '\(join.table)' to join")
            return []
        }
        let lacking = (join.columns + join.on).filter { !partnerColumns.contains($0) }
        if !lacking.isEmpty {
            note(
                "rule \(rule.id) was not applied to table '\(key.table)': table '\(join.table)' has no column \(lacking.map { "'\($0)'" }.joined(separator: ", "))"
            )
            return []
        }
        let partnerState = partners[key.rule]
        let table = own.table
        let partnerTable = partnerState?.rows.table
        let builder = FindingBuilder(
            rule: rule, table: table, partner: partnerTable, presentation: ruleSet.presentation(for: table.name),
            partnerPresentation: partnerTable.map { ruleSet.presentation(for: $0.name) }, explains: ruleSet.explains, wording: wording)
        var evaluator = RowEvaluator(own: table, partner: partnerTable)
        let bindJoined: (IRExpr) -> BoundExpr = { e in
            BoundExpr.bind(e, own: { table.columnIndex($0) }, partner: { partnerTable?.columnIndex($0) }, alias: join.alias)
        }
        let assertions = BoundAssertions(rule, bind: bindJoined)
        var result: [Finding] = []
        for row in 0..<table.rowCount {
            evaluator.row = row
            guard let partnerRow = partnerState?.index[own.keys[row]] else {
                evaluator.partnerRow = -1
                result.append(builder.noPartner(row: row, evaluator: evaluator))
                continue
            }
            evaluator.partnerRow = partnerRow
            result += check(rule, assertions, row: row, evaluator: evaluator, builder: builder)
        }
        return result
    }

    /// A rule's assertions bound to a table, as three arrays: reading one field of an array of
    /// tuples copies the whole tuple, on every row.
    package struct BoundAssertions {
        package var irs: [IRAssertion]
        package var applies: [BoundExpr?]
        package var conditions: [BoundExpr]

        package init(_ rule: IRRule, bind: (IRExpr) -> BoundExpr) {
            irs = rule.assertions
            applies = rule.assertions.map { $0.applies.map(bind) }
            conditions = rule.assertions.map { bind($0.condition) }
        }
    }

    /// The findings of one row against a rule's assertions.
    package func check(_ rule: IRRule, _ assertions: BoundAssertions, row: Int, evaluator: RowEvaluator, builder: FindingBuilder) -> [Finding] {
        var result: [Finding] = []
        for k in assertions.conditions.indices {
            if let applies = assertions.applies[k], evaluator.evaluate(applies) != .bool(true) { continue }
            switch evaluator.evaluate(assertions.conditions[k]) {
            case .bool(true):
                continue
            case .bool(false):
                result.append(builder.finding(for: assertions.irs[k], row: row, evaluator: evaluator, missing: false))
            default:
                if rule.missing == .fail {
                    result.append(builder.finding(for: assertions.irs[k], row: row, evaluator: evaluator, missing: true))
                }
            }
        }
        return result
    }
}
