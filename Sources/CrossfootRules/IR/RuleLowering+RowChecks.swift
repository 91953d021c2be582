import CrossfootBase

/// The checks that hold a row to its own figures, or a total row to its group's: range,
/// required, change, sum, ratio and expect.
extension RuleLowering {
    static func range(_ columns: [String], min: Number?, max: Number?) -> Lowered {
        Lowered(
            assertions: columns.map { name in
                let c = column(name)
                var bounds: [IRExpr] = []
                if let min { bounds.append(.compare(.greaterOrEqual, c, .number(min), .exact)) }
                if let max { bounds.append(.compare(.lessOrEqual, c, .number(max), .exact)) }
                return IRAssertion(
                    cell: IRColumn(name: name), applies: nil, condition: IRExpr.all(bounds) ?? .bool(true), actual: c, expected: nil,
                    detail: .range(min: min, max: max))
            })
    }

    static func required(_ columns: [String]) -> Lowered {
        Lowered(
            assertions: columns.map { name in
                let c = column(name)
                return IRAssertion(cell: IRColumn(name: name), applies: nil, condition: .call(.present, [c]), actual: c, expected: nil, detail: .required)
            })
    }

    static func change(from fromName: String, to toName: String, maxDrop: Number?, maxRise: Number?, maxRelativeDrop: Number?, minBase: Number?) -> Lowered {
        let from = column(fromName)
        let to = column(toName)
        var conditions: [IRExpr] = []
        if let maxDrop { conditions.append(.compare(.lessOrEqual, .subtract(from, to), .number(maxDrop), .exact)) }
        if let maxRise { conditions.append(.compare(.lessOrEqual, .subtract(to, from), .number(maxRise), .exact)) }
        if let maxRelativeDrop {
            let relative = IRExpr.compare(.lessOrEqual, .subtract(from, to), .multiply(.number(maxRelativeDrop), from), .exact)
            // Below `min_base`, a relative drop says little: a fall from 2 to 0 is 100%.
            conditions.append(minBase.map { .or(.compare(.less, from, .number($0), .exact), relative) } ?? relative)
        }
        return Lowered(assertions: [
            IRAssertion(
                cell: IRColumn(name: toName), applies: nil, condition: IRExpr.all(conditions) ?? .bool(true), actual: to, expected: nil,
                detail: .change(from: IRColumn(name: fromName), maxDrop: maxDrop, maxRise: maxRise, maxRelativeDrop: maxRelativeDrop, minBase: minBase))
        ])
    }

    /// Each total row (where `total` holds) equals, column by column, the sum of its group's
    /// other rows: one aggregate slot per column, after any the expressions use.
    static func sumDown(_ columns: [String], groupBy: [String], total: IRExpr, tolerance: IRTolerance, aggregates: Aggregates) -> Lowered {
        var slots = aggregates
        var assertions: [IRAssertion] = []
        for name in columns {
            let c = column(name)
            let sum = IRExpr.aggregate(slot: slots.count, .sum, c)
            slots.append((kind: .sum, operand: c))
            assertions.append(
                IRAssertion(
                    cell: IRColumn(name: name), applies: total, condition: .compare(.equal, c, sum, tolerance), actual: c, expected: sum,
                    detail: .sum(parts: [c], tolerance: tolerance, down: true)))
        }
        let group = IRGroup(keys: groupBy.map(column), members: .not(total), aggregateCount: slots.count, aggregates: slots)
        return Lowered(assertions: assertions, group: group)
    }

    static func sumAcross(total totalName: String, parts: [IRExpr], tolerance: IRTolerance) -> Lowered {
        let total = column(totalName)
        let sum = IRExpr.call(.addPresent, parts)
        return Lowered(assertions: [
            IRAssertion(
                cell: IRColumn(name: totalName), applies: nil, condition: .compare(.equal, total, sum, tolerance), actual: total, expected: sum,
                detail: .sum(parts: parts, tolerance: tolerance, down: false))
        ])
    }

    static func ratio(_ name: String, numerator: IRExpr, denominator: IRExpr, scale: Number, decimals: Int?, tolerance: IRTolerance) -> Lowered {
        let ratio = column(name)
        var recomputed = IRExpr.divide(numerator, denominator)
        if scale != .one { recomputed = .multiply(recomputed, .number(scale)) }
        if let decimals { recomputed = .call(.round, [recomputed, .number(Number(decimals))]) }
        return Lowered(assertions: [
            IRAssertion(
                cell: IRColumn(name: name), applies: nil, condition: .compare(.equal, ratio, recomputed, tolerance), actual: ratio, expected: recomputed,
                detail: .ratio(numerator: numerator, denominator: denominator, scale: scale, decimals: decimals, tolerance: tolerance))
        ])
    }

    /// One assertion per `and`-ed part of the condition, each pointing at its own cell: the
    /// first own column of a comparison's left side, else of the part, of the whole condition,
    /// or of the rule's filter.
    static func expect(_ condition: IRExpr, source: String, groupBy: [String], filter: IRExpr?, tolerance: IRTolerance, aggregates: Aggregates) -> Lowered {
        let fallback = condition.columns.first { $0.alias == nil } ?? filter?.columns.first { $0.alias == nil } ?? IRColumn(name: "")
        var assertions: [IRAssertion] = []
        for conjunct in conjuncts(condition) {
            var actual: IRExpr?
            var expected: IRExpr?
            var cell = conjunct.columns.first { $0.alias == nil } ?? fallback
            if case .compare(_, let a, let b, _) = conjunct {
                actual = a
                expected = b
                if let own = a.columns.first(where: { $0.alias == nil }) { cell = own }
            }
            assertions.append(
                IRAssertion(
                    cell: cell, applies: nil, condition: conjunct, actual: actual, expected: expected, detail: .expect(source: source, tolerance: tolerance)))
        }
        var group: IRGroup?
        if !groupBy.isEmpty {
            group = IRGroup(keys: groupBy.map(column), members: nil, aggregateCount: aggregates.count, aggregates: aggregates)
        }
        return Lowered(assertions: assertions, group: group, sourceText: source)
    }

    /// The top-level `and` operands of a condition, so each can point at its own cell.
    static func conjuncts(_ e: IRExpr) -> [IRExpr] {
        if case .and(let a, let b) = e { return conjuncts(a) + conjuncts(b) }
        return [e]
    }
}
