import CrossfootBase

/// The checks that compare a value with others: its peers in a group (outlier, scale), other
/// rules' findings (repeated), the rows that should be there (coverage), and the previous year's
/// row (carryover, swing).
extension RuleLowering {
    /// The value lies near its group's centre, or its group is too small or has no spread to
    /// judge by. Slot 0 counts the group, slot 1 is its centre and slot 2 its spread.
    static func outlier(_ name: String, by: [String], method: OutlierMethod, threshold: Number, minGroup: Int) -> Lowered {
        let v = column(name)
        let small = IRExpr.compare(.less, .aggregate(slot: 0, .count, v), .number(Number(minGroup)), .exact)
        let condition: IRExpr
        let slots: Aggregates
        switch method {
        case .modifiedZ:
            slots = [(.count, v), (.median, v), (.mad, v)]
            let median = IRExpr.aggregate(slot: 1, .median, v)
            let mad = IRExpr.aggregate(slot: 2, .mad, v)
            let score = IRExpr.divide(.multiply(.number(Number(significand: 6745, exponent: -4)), .subtract(v, median)), mad)
            condition = .or(small, .or(.compare(.equal, mad, .number(.zero), .exact), .compare(.lessOrEqual, .call(.abs, [score]), .number(threshold), .exact)))
        case .z:
            slots = [(.count, v), (.mean, v), (.variance, v)]
            let mean = IRExpr.aggregate(slot: 1, .mean, v)
            let variance = IRExpr.aggregate(slot: 2, .variance, v)
            let deviation = IRExpr.subtract(v, mean)
            condition = .or(
                small,
                .or(
                    .compare(.equal, variance, .number(.zero), .exact),
                    .compare(.lessOrEqual, .multiply(deviation, deviation), .multiply(.number(threshold * threshold), variance), .exact)))
        case .iqr:
            slots = [(.count, v), (.q1, v), (.q3, v)]
            let q1 = IRExpr.aggregate(slot: 1, .q1, v)
            let q3 = IRExpr.aggregate(slot: 2, .q3, v)
            let fence = IRExpr.multiply(.number(threshold), .subtract(q3, q1))
            condition = .or(
                small,
                .or(
                    .compare(.equal, q3, q1, .exact),
                    .and(.compare(.greaterOrEqual, v, .subtract(q1, fence), .exact), .compare(.lessOrEqual, v, .add(q3, fence), .exact))))
        }
        return Lowered(
            assertions: [
                IRAssertion(
                    cell: IRColumn(name: name), applies: nil, condition: condition, actual: v, expected: .aggregate(slot: 1, slots[1].kind, v),
                    detail: .outlier(method: method, threshold: threshold, minGroup: minGroup, count: 0, center: 1, spread: 2))
            ],
            group: IRGroup(keys: by.map(column), members: nil, aggregateCount: slots.count, aggregates: slots)
        )
    }

    /// A value from 0 to `maxValue` where its reference — the row's `reference` column, else the
    /// median of its peers leaving itself out — is at least `minReference`: a fraction typed
    /// into a percentage field.
    static func scale(_ columns: [String], reference: String?, by: [String], maxValue: Number, minReference: Number) -> Lowered {
        var slots: Aggregates = []
        var assertions: [IRAssertion] = []
        for name in columns {
            let v = column(name)
            var references: [IRExpr] = []
            if let reference { references.append(column(reference)) }
            if !by.isEmpty {
                references.append(.aggregate(slot: slots.count, .medianOthers, v))
                slots.append((.medianOthers, v))
            }
            let r = references.count == 1 ? references[0] : IRExpr.call(.coalesce, references)
            let suspicious = IRExpr.and(
                .and(.compare(.greater, v, .number(.zero), .exact), .compare(.lessOrEqual, v, .number(maxValue), .exact)),
                .compare(.greaterOrEqual, r, .number(minReference), .exact))
            assertions.append(
                IRAssertion(
                    cell: IRColumn(name: name), applies: nil, condition: .not(suspicious), actual: v, expected: r,
                    detail: .scale(reference: r, maxValue: maxValue, minReference: minReference)))
        }
        let group = by.isEmpty ? nil : IRGroup(keys: by.map(column), members: nil, aggregateCount: slots.count, aggregates: slots)
        return Lowered(assertions: assertions, group: group)
    }

    /// A value other rules flagged is not found under `minIndicators` or more `across` values of
    /// its group: the group is its `by` values and the value itself, its members the flagged rows.
    static func repeated(_ name: String, by: [String], across: String, minIndicators: Int, of kinds: [String]) -> Lowered {
        let v = column(name)
        let flagged = IRExpr.call(.flagged, [v] + kinds.map { .text($0) })
        let acrossColumn = column(across)
        let distinct = IRExpr.aggregate(slot: 0, .distinct, acrossColumn)
        return Lowered(
            assertions: [
                IRAssertion(
                    cell: IRColumn(name: name), applies: nil,
                    condition: .or(.not(flagged), .compare(.less, distinct, .number(Number(minIndicators)), .exact)),
                    actual: v, expected: nil, detail: .repeated(across: across, minIndicators: minIndicators, slot: 0))
            ],
            group: IRGroup(keys: by.map(column) + [v], members: flagged, aggregateCount: 1, aggregates: [(.distinct, acrossColumn)])
        )
    }

    /// What coverage asserts is about absent rows, so it is a set check; its assertion only
    /// names the cell a finding points at.
    static func coverage(by: [String], among: [String], across: String, minOthers: Int) -> Lowered {
        Lowered(
            assertions: [IRAssertion(cell: IRColumn(name: across), applies: nil, condition: .bool(true), actual: nil, expected: nil, detail: .coverage)],
            group: IRGroup(keys: among.map(column), members: nil, aggregateCount: 0, aggregates: []),
            setCheck: .coverage(by: by, across: across, minOthers: minOthers),
            extraColumns: by + [across]
        )
    }

    /// This year's `to` equals the previous year's `from` in the row with the same `key`.
    static func carryover(from: String, to toName: String, key: [String], over: String, table: String, tolerance: IRTolerance) -> Lowered {
        let to = column(toName)
        let previous = IRColumn(alias: "previous", name: from)
        return Lowered(
            assertions: [
                IRAssertion(
                    cell: IRColumn(name: toName), applies: nil, condition: .compare(.equal, to, .column(previous), tolerance), actual: to,
                    expected: .column(previous), detail: .carryover(from: previous, tolerance: tolerance))
            ],
            previous: IRJoin(table: table, on: key, filter: nil, alias: "previous", columns: [], previous: over),
            extraColumns: [over]
        )
    }

    /// Each value changed by at most `maxRelativeChange` of the previous year's value in the row
    /// with the same `by` values. With `onlyReversals`, a failing year is reported only when the
    /// next year fails too, the other way: a spike or a dip of one year, not a new level.
    static func swing(_ columns: [String], by: [String], over: String, maxRelativeChange: Number, onlyReversals: Bool, table: String) -> Lowered {
        Lowered(
            assertions: columns.map { name in
                let v = column(name)
                let before = IRExpr.column(IRColumn(alias: "previous", name: name))
                let change = IRExpr.call(.abs, [.subtract(v, before)])
                return IRAssertion(
                    cell: IRColumn(name: name), applies: nil,
                    condition: .compare(.lessOrEqual, change, .multiply(.number(maxRelativeChange), .call(.abs, [before])), .exact),
                    actual: v, expected: before, detail: .swing(maxRelativeChange: maxRelativeChange, over: over))
            },
            previous: IRJoin(table: table, on: by, filter: nil, alias: "previous", columns: [], previous: over, onlyReversals: onlyReversals),
            extraColumns: [over]
        )
    }
}
