import CrossfootBase

/// The functions of the expression language and how many arguments each takes.
package struct FunctionSignature {
    package var name: String
    package var minArguments: Int
    package var maxArguments: Int
    /// Only inside a group: a `sum` check, or an `expect` with `group_by`.
    package var isAggregate: Bool
    package var summary: String

    package static let all: [FunctionSignature] = [
        FunctionSignature(name: "abs", minArguments: 1, maxArguments: 1, isAggregate: false, summary: "abs(x)"),
        FunctionSignature(name: "round", minArguments: 1, maxArguments: 2, isAggregate: false, summary: "round(x) or round(x, decimals)"),
        FunctionSignature(name: "min", minArguments: 2, maxArguments: 32, isAggregate: false, summary: "min(a, b, …)"),
        FunctionSignature(name: "max", minArguments: 2, maxArguments: 32, isAggregate: false, summary: "max(a, b, …)"),
        FunctionSignature(name: "present", minArguments: 1, maxArguments: 1, isAggregate: false, summary: "present(x)"),
        FunctionSignature(name: "missing", minArguments: 1, maxArguments: 1, isAggregate: false, summary: "missing(x)"),
        FunctionSignature(name: "coalesce", minArguments: 1, maxArguments: 32, isAggregate: false, summary: "coalesce(a, b, …)"),
        FunctionSignature(name: "matches", minArguments: 2, maxArguments: 2, isAggregate: false, summary: "matches(text, \"regex\")"),
        FunctionSignature(name: "sum", minArguments: 1, maxArguments: 1, isAggregate: true, summary: "sum(x)"),
        FunctionSignature(name: "count", minArguments: 0, maxArguments: 1, isAggregate: true, summary: "count() or count(x)"),
        FunctionSignature(name: "median", minArguments: 1, maxArguments: 1, isAggregate: true, summary: "median(x)"),
        FunctionSignature(name: "mean", minArguments: 1, maxArguments: 1, isAggregate: true, summary: "mean(x)"),
        FunctionSignature(name: "mad", minArguments: 1, maxArguments: 1, isAggregate: true, summary: "mad(x), the median absolute deviation"),
        FunctionSignature(name: "distinct", minArguments: 1, maxArguments: 1, isAggregate: true, summary: "distinct(x), how many different values"),
    ]

    package static func named(_ name: String) -> FunctionSignature? { all.first { $0.name == name } }
}

/// The type the checker infers for an expression.
package enum ExprType: Equatable, CustomStringConvertible {
    case number, text, bool
    /// A column parsed per cell: a number or text.
    case value
    case list

    package var description: String {
        switch self {
        case .number: "a number"
        case .text: "text"
        case .bool: "a true/false condition"
        case .value: "a value"
        case .list: "a list"
        }
    }

    package var canBeNumber: Bool { self == .number || self == .value }
    package var canBeText: Bool { self == .text || self == .value }
}
