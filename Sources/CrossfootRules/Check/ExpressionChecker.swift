import CrossfootBase

/// Resolves the names in one expression and infers its types, writing both to side tables
/// keyed by node id; the syntax tree itself is never rewritten.
package struct ExpressionChecker {
    /// What a name refers to.
    package enum Resolution: Equatable {
        case column(IRColumn)
        case aggregate(slot: Int)
    }

    package struct Scope {
        /// The schema of the rule's own table, when known.
        package var schema: TableSchema?
        package var tableName: String
        /// The join alias and the joined table's schema.
        package var alias: String?
        package var aliasSchema: TableSchema?
        package var aliasTable: String?
        package var allowsAggregates: Bool

        package init(schema: TableSchema?, tableName: String, alias: String?, aliasSchema: TableSchema?, aliasTable: String?, allowsAggregates: Bool) {
            self.schema = schema
            self.tableName = tableName
            self.alias = alias
            self.aliasSchema = aliasSchema
            self.aliasTable = aliasTable
            self.allowsAggregates = allowsAggregates
        }
    }

    package var types: [Int: ExprType] = [:]
    package var resolutions: [Int: Resolution] = [:]
    package var diagnostics: [Diagnostic] = []
    /// Aggregates found, in slot order.
    package var aggregates: [(kind: IRAggregateKind, operand: Expr?)] = []
    package let scope: Scope

    package init(scope: Scope) {
        self.scope = scope
    }

    private mutating func error(_ message: String, _ expr: Expr, in source: ExpressionSource) {
        diagnostics.append(.error(message, at: source.location(ofOffset: expr.offset)))
    }

    /// Checks `source`, expecting a result of `expected` type when given.
    package mutating func check(_ source: ExpressionSource, expecting expected: ExprType?) {
        let type = infer(source.expr, in: source)
        if let expected, let type, !compatible(type, expected) {
            error("this should be \(expected), but it is \(type)", source.expr, in: source)
        }
    }

    private func compatible(_ actual: ExprType, _ expected: ExprType) -> Bool {
        if actual == expected { return true }
        if actual == .value { return expected == .number || expected == .text }
        if expected == .value { return actual == .number || actual == .text }
        return false
    }

    /// Infers the type of `expr`; `nil` after an error.
    @discardableResult
    package mutating func infer(_ expr: Expr, in source: ExpressionSource) -> ExprType? {
        let type = inferUncached(expr, in: source)
        if let type { types[expr.id] = type }
        return type
    }

    private mutating func inferUncached(_ expr: Expr, in source: ExpressionSource) -> ExprType? {
        switch expr.kind {
        case .number: return .number
        case .string: return .text
        case .bool: return .bool
        case .list(let items):
            items.forEach { infer($0, in: source) }
            error("a list can only follow 'in'", expr, in: source)
            return nil
        case .column(let name):
            if let schema = scope.schema, !schema.has(name) {
                var message = "table '\(scope.tableName)' has no column '\(name)'"
                if let guess = suggestion(for: name, among: schema.columns) {
                    message += "; did you mean '\(guess)'?"
                } else if let alias = scope.alias, let aliasSchema = scope.aliasSchema, aliasSchema.has(name) {
                    message += "; the joined table's column is '\(alias).\(name)'"
                }
                error(message, expr, in: source)
                return nil
            }
            resolutions[expr.id] = .column(IRColumn(name: name))
            return scope.schema.map { $0.type(of: name) == .text ? .text : .value } ?? .value
        case .qualified(let alias, let name):
            guard let joinAlias = scope.alias, alias == joinAlias else {
                if let joinAlias = scope.alias {
                    error("'\(alias)' is not the name of the join; it is '\(joinAlias)'", expr, in: source)
                } else {
                    error("'\(alias).\(name)' refers to a joined table, but this rule has no 'join' named '\(alias)'", expr, in: source)
                }
                return nil
            }
            if let schema = scope.aliasSchema, !schema.has(name) {
                var message = "table '\(scope.aliasTable ?? alias)' (joined as '\(alias)') has no column '\(name)'"
                if let guess = suggestion(for: name, among: schema.columns) { message += "; did you mean '\(alias).\(guess)'?" }
                error(message, expr, in: source)
                return nil
            }
            resolutions[expr.id] = .column(IRColumn(alias: alias, name: name))
            return scope.aliasSchema.map { $0.type(of: name) == .text ? .text : .value } ?? .value
        case .unary(.negate, let operand):
            guard let t = infer(operand, in: source) else { return nil }
            if !t.canBeNumber { error("only numbers can be negated; this is \(t)", operand, in: source) }
            return .number
        case .unary(.not, let operand):
            guard let t = infer(operand, in: source) else { return nil }
            if t != .bool { error("'not' needs a condition, but this is \(t)", operand, in: source) }
            return .bool
        case .binary(let op, let a, let b):
            let ta = infer(a, in: source)
            let tb = infer(b, in: source)
            guard let ta, let tb else { return op.isArithmetic ? .number : .bool }
            switch op {
            case .add, .subtract, .multiply, .divide:
                if !ta.canBeNumber { error("'\(op.rawValue)' needs numbers, but this is \(ta)", a, in: source) }
                if !tb.canBeNumber { error("'\(op.rawValue)' needs numbers, but this is \(tb)", b, in: source) }
                return .number
            case .and, .or:
                if ta != .bool { error("'\(op.rawValue)' joins conditions, but this is \(ta)", a, in: source) }
                if tb != .bool { error("'\(op.rawValue)' joins conditions, but this is \(tb)", b, in: source) }
                return .bool
            case .equal, .notEqual:
                if ta == .bool || tb == .bool, ta != tb {
                    error("cannot compare \(ta) with \(tb)", expr, in: source)
                } else if (ta == .text && tb == .number) || (ta == .number && tb == .text) {
                    error("cannot compare \(ta) with \(tb); quote the number if the column holds codes, as in indicator_code == \"1.2\"", expr, in: source)
                }
                return .bool
            case .less, .lessOrEqual, .greater, .greaterOrEqual:
                if ta == .bool || tb == .bool { error("'\(op.rawValue)' compares numbers or text, not conditions", expr, in: source) }
                if (ta == .text && tb == .number) || (ta == .number && tb == .text) {
                    error("cannot order \(ta) against \(tb)", expr, in: source)
                }
                return .bool
            }
        case .inList(let value, let items, _):
            infer(value, in: source)
            for item in items {
                infer(item, in: source)
                switch item.kind {
                case .number, .string, .bool: break
                case .unary(.negate, _): break
                default: error("the items of an 'in' list are written values, such as \"percent\" or 3", item, in: source)
                }
            }
            return .bool
        case .call(let name, let args):
            guard let signature = FunctionSignature.named(name) else {
                var message = "unknown function '\(name)'"
                if let guess = suggestion(for: name, among: FunctionSignature.all.map(\.name)) { message += "; did you mean '\(guess)'?" }
                message += " (functions: \(FunctionSignature.all.map(\.name).joined(separator: ", ")))"
                error(message, expr, in: source)
                args.forEach { infer($0, in: source) }
                return nil
            }
            if args.count < signature.minArguments || args.count > signature.maxArguments {
                error(
                    "\(name) takes \(signature.minArguments == signature.maxArguments ? "\(signature.minArguments)" : "\(signature.minArguments) to \(signature.maxArguments)") argument\(signature.maxArguments == 1 ? "" : "s"): \(signature.summary)",
                    expr, in: source)
                return nil
            }
            if signature.isAggregate {
                guard scope.allowsAggregates else {
                    error("\(name)() is computed over a group, so it works only in a 'sum' check or in an 'expect' with 'group_by'", expr, in: source)
                    return nil
                }
                if let operand = args.first {
                    let t = infer(operand, in: source)
                    if name != "count", name != "distinct", let t, !t.canBeNumber { error("\(name)() needs numbers, but this is \(t)", operand, in: source) }
                    var nested = false
                    operand.walk { if case .call(let n, _) = $0.kind, FunctionSignature.named(n)?.isAggregate == true { nested = true } }
                    if nested { error("aggregates cannot be nested", operand, in: source) }
                }
                resolutions[expr.id] = .aggregate(slot: aggregates.count)
                aggregates.append((IRAggregateKind(rawValue: name) ?? .count, args.first))
                return .number
            }
            let argTypes = args.map { infer($0, in: source) }
            switch name {
            case "abs", "round":
                if let t = argTypes[0], !t.canBeNumber { error("\(name)() needs a number, but this is \(t)", args[0], in: source) }
                if args.count == 2 {
                    guard case .number(let d) = args[1].kind, d.rounded(toDecimals: 0) == d, d >= .zero, d <= Number(12) else {
                        error("the decimals of round() are a whole number from 0 to 12", args[1], in: source)
                        return .number
                    }
                }
                return .number
            case "min", "max":
                for (arg, t) in zip(args, argTypes) where t.map({ !$0.canBeNumber }) ?? false {
                    error("\(name)() needs numbers, but this is \(t?.description ?? "")", arg, in: source)
                }
                return .number
            case "present", "missing":
                return .bool
            case "coalesce":
                let known = argTypes.compactMap { $0 }
                return known.allSatisfy({ $0 == known.first }) ? (known.first ?? .value) : .value
            case "matches":
                if let t = argTypes[0], !t.canBeText { error("matches() looks in text, but this is \(t)", args[0], in: source) }
                guard case .string(let pattern) = args[1].kind else {
                    error("the pattern of matches() is a quoted regular expression", args[1], in: source)
                    return .bool
                }
                if let problem = SafeRegex.problem(in: pattern) {
                    error("invalid regular expression: \(problem)", args[1], in: source)
                }
                return .bool
            default:
                return .value
            }
        }
    }
}
