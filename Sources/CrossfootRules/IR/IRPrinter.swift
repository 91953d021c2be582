import CrossfootBase

/// Prints IR as text, for `rules explain` and for tests that pin lowering down.
public enum IRPrinter {
    public static func print(_ expr: IRExpr) -> String {
        print(expr, human: nil)
    }

    /// Prints for people: columns by their labels, `×` for multiplication.
    public static func print(_ expr: IRExpr, labels: @escaping (IRColumn) -> String) -> String {
        print(expr, human: labels)
    }

    private static func print(_ expr: IRExpr, human: ((IRColumn) -> String)?) -> String {
        func print(_ e: IRExpr) -> String { IRPrinter.print(e, human: human) }
        func operand(_ e: IRExpr, above level: Int) -> String {
            precedence(e) >= level ? print(e) : "(\(print(e)))"
        }
        switch expr {
        case .number(let n): return n.description
        case .text(let s): return "\"\(s.replacingOccurrences(of: "\"", with: "\\\""))\""
        case .bool(let b): return b ? "true" : "false"
        case .missing: return "missing"
        case .column(let c): return human?(c) ?? c.description
        case .negate(let e): return "-\(operand(e, above: 6))"
        case .not(let e): return "not \(operand(e, above: 3))"
        case .add(let a, let b): return "\(operand(a, above: 4)) + \(operand(b, above: 5))"
        case .subtract(let a, let b): return "\(operand(a, above: 4)) - \(operand(b, above: 5))"
        case .multiply(let a, let b): return "\(operand(a, above: 5)) \(human == nil ? "*" : "×") \(operand(b, above: 6))"
        case .divide(let a, let b): return "\(operand(a, above: 5)) / \(operand(b, above: 6))"
        case .compare(let op, let a, let b, let tolerance):
            let suffix: String
            switch tolerance {
            case .exact: suffix = ""
            case .absolute(let t): suffix = " ±\(t)"
            case .rounding: suffix = " ±rounding"
            }
            return "\(operand(a, above: 4)) \(op.rawValue) \(operand(b, above: 4))\(suffix)"
        case .and(let a, let b): return "\(operand(a, above: 2)) and \(operand(b, above: 2))"
        case .or(let a, let b): return "\(operand(a, above: 1)) or \(operand(b, above: 1))"
        case .inList(let e, let items): return "\(operand(e, above: 4)) in [\(items.map(print).joined(separator: ", "))]"
        case .call(let f, let args): return "\(f.rawValue)(\(args.map(print).joined(separator: ", ")))"
        case .aggregate(let slot, let kind, let e):
            // People read `median(actual)`; the IR names the slot too.
            return human == nil ? "\(kind.rawValue)#\(slot)(\(e.map(print) ?? ""))" : "\(kind.rawValue)(\(e.map(print) ?? ""))"
        }
    }

    /// Binding strength: or 1, and 2, not 3, comparison 4, + - 5, * / 6, atoms 7.
    private static func precedence(_ e: IRExpr) -> Int {
        switch e {
        case .or: 1
        case .and: 2
        case .not: 3
        case .compare, .inList: 4
        case .add, .subtract: 5
        case .multiply, .divide, .negate: 6
        default: 7
        }
    }

    /// A rule as text: what it looks at, and each assertion.
    public static func print(_ rule: IRRule) -> String {
        var lines = ["rule \(rule.id) (\(rule.check.rawValue), \(rule.severity.rawValue)) on \(rule.table)"]
        if let filter = rule.filter { lines.append("  where \(print(filter))") }
        if let join = rule.join {
            var line = "  join \(join.table) as \(join.alias) on \(join.on.isEmpty ? "(all rows)" : join.on.joined(separator: ", "))"
            if let over = join.previous { line += " and \(over) - 1, across the inputs of one operation" }
            if let f = join.filter { line += " where \(print(f))" }
            lines.append(line)
        }
        if let group = rule.group {
            var line = "  group by [\(group.keys.map(print).joined(separator: ", "))]"
            if let members = group.members { line += " members \(print(members))" }
            lines.append(line)
            for (slot, aggregate) in group.aggregates.enumerated() {
                lines.append("    \(aggregate.kind.rawValue)#\(slot) = \(aggregate.kind.rawValue)(\(aggregate.operand.map(print) ?? ""))")
            }
        }
        if case .coverage(let by, let across, let minOthers)? = rule.setCheck {
            lines.append(
                "  assert per group: each [\(by.joined(separator: ", "))] with rows under every other \(across) (at least \(minOthers)) has rows under each \(across)"
            )
        }
        for assertion in rule.assertions where rule.setCheck == nil {
            var line = "  assert at \(assertion.cell.name.isEmpty ? "(row)" : assertion.cell.description)"
            if let applies = assertion.applies { line += " if \(print(applies))" }
            line += ": \(print(assertion.condition))"
            lines.append(line)
        }
        if rule.join?.onlyReversals == true { lines.append("  report a failing year only when the next year fails the other way") }
        if rule.missing == .fail { lines.append("  missing values fail") }
        return lines.joined(separator: "\n")
    }
}
