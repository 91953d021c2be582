import CrossfootBase

/// A parsed expression, as written in a rule file.
///
/// Every node has an id (for the checker's side tables) and the code-point offset and length of
/// its text within the expression string, so errors point at the right character.
public struct Expr: Sendable, Hashable {
    public enum BinaryOperator: String, Sendable, Hashable {
        case add = "+"
        case subtract = "-"
        case multiply = "*"
        case divide = "/"
        case equal = "=="
        case notEqual = "!="
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
        case and, or

        public var isComparison: Bool {
            switch self {
            case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: true
            default: false
            }
        }

        public var isArithmetic: Bool {
            switch self {
            case .add, .subtract, .multiply, .divide: true
            default: false
            }
        }
    }

    public enum UnaryOperator: String, Sendable, Hashable {
        case negate = "-"
        case not
    }

    public indirect enum Kind: Sendable, Hashable {
        case number(Number)
        case string(String)
        case bool(Bool)
        /// A column of the rule's table.
        case column(String)
        /// `alias.column`: a column of the joined table.
        case qualified(String, String)
        case unary(UnaryOperator, Expr)
        case binary(BinaryOperator, Expr, Expr)
        /// `x in [a, b]`, or `x not in [...]` when `negated`.
        case inList(Expr, [Expr], negated: Bool)
        case call(String, [Expr])
        case list([Expr])
    }

    public var id: Int
    public var kind: Kind
    /// Code-point offset of the node's first character in the expression text.
    public var offset: Int
    public var length: Int

    public init(id: Int, kind: Kind, offset: Int, length: Int) {
        self.id = id
        self.kind = kind
        self.offset = offset
        self.length = length
    }

    /// Calls `body` on this node and every node below it, parents first.
    public func walk(_ body: (Expr) -> Void) {
        body(self)
        switch kind {
        case .number, .string, .bool, .column, .qualified: break
        case .unary(_, let e): e.walk(body)
        case .binary(_, let a, let b):
            a.walk(body)
            b.walk(body)
        case .inList(let e, let items, _):
            e.walk(body)
            items.forEach { $0.walk(body) }
        case .call(_, let args), .list(let args): args.forEach { $0.walk(body) }
        }
    }
}

/// An expression with the text and YAML node it came from.
public struct ExpressionSource: Sendable {
    public var text: String
    public var node: YAMLNode
    public var expr: Expr

    public init(text: String, node: YAMLNode, expr: Expr) {
        self.text = text
        self.node = node
        self.expr = expr
    }

    /// Where a character of the expression text is in the rule file.
    public func location(ofOffset offset: Int) -> SourceLocation {
        node.location(ofCharacter: offset)
    }
}
