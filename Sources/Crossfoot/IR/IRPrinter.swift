/// Prints IR as text, for `rules explain` and for tests that pin lowering down.
public enum IRPrinter {
    public static func print(_ expr: IRExpr) -> String {
        switch expr {
        case .number(let n): return n.description
        case .text(let s): return "\"\(s.replacingOccurrences(of: "\"", with: "\\\""))\""
        case .bool(let b): return b ? "true" : "false"
        case .missing: return "missing"
        case .column(let c): return c.description
        case .negate(let e): return "-\(wrapped(e))"
        case .not(let e): return "not \(wrapped(e))"
        case .add(let a, let b): return "\(wrapped(a)) + \(wrapped(b))"
        case .subtract(let a, let b): return "\(wrapped(a)) - \(wrapped(b))"
        case .multiply(let a, let b): return "\(wrapped(a)) * \(wrapped(b))"
        case .divide(let a, let b): return "\(wrapped(a)) / \(wrapped(b))"
        case .compare(let op, let a, let b, let tolerance):
            let suffix: String
            switch tolerance {
            case .exact: suffix = ""
            case .absolute(let t): suffix = " ±\(t)"
            case .rounding: suffix = " ±rounding"
            }
            return "\(wrapped(a)) \(op.rawValue) \(wrapped(b))\(suffix)"
        case .and(let a, let b): return "\(wrapped(a, unless: .and)) and \(wrapped(b, unless: .and))"
        case .or(let a, let b): return "\(wrapped(a, unless: .or)) or \(wrapped(b, unless: .or))"
        case .inList(let e, let items): return "\(wrapped(e)) in [\(items.map(print).joined(separator: ", "))]"
        case .call(let f, let args): return "\(f.rawValue)(\(args.map(print).joined(separator: ", ")))"
        case .aggregate(let slot, let kind, let e): return "\(kind.rawValue)#\(slot)(\(e.map(print) ?? ""))"
        }
    }

    private enum Chain { case and, or }

    private static func wrapped(_ e: IRExpr, unless chain: Chain? = nil) -> String {
        switch e {
        case .number, .text, .bool, .missing, .column, .call, .aggregate: return print(e)
        case .and where chain == .and: return print(e)
        case .or where chain == .or: return print(e)
        default: return "(\(print(e)))"
        }
    }

    /// A rule as text: what it looks at, and each assertion.
    public static func print(_ rule: IRRule) -> String {
        var lines = ["rule \(rule.id) (\(rule.check.rawValue), \(rule.severity.rawValue)) on \(rule.table)"]
        if let filter = rule.filter { lines.append("  where \(print(filter))") }
        if let join = rule.join {
            var line = "  join \(join.table) as \(join.alias) on \(join.on.joined(separator: ", "))"
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
        for assertion in rule.assertions {
            var line = "  assert at \(assertion.cell.name.isEmpty ? "(row)" : assertion.cell.description)"
            if let applies = assertion.applies { line += " if \(print(applies))" }
            line += ": \(print(assertion.condition))"
            lines.append(line)
        }
        if rule.missing == .fail { lines.append("  missing values fail") }
        return lines.joined(separator: "\n")
    }
}
