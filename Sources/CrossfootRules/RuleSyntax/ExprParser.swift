import CrossfootBase

/// Parses the expression language of rule files.
///
/// ```
/// or         := and ('or' and)*
/// and        := not ('and' not)*
/// not        := 'not' not | comparison
/// comparison := additive (('=='|'!='|'<'|'<='|'>'|'>=') additive | ['not'] 'in' list)?
/// additive   := term (('+'|'-') term)*
/// term       := unary (('*'|'/') unary)*
/// unary      := '-' unary | primary
/// primary    := number | string | 'true' | 'false' | name ['.' name] | name '(' args ')'
///             | '(' or ')' | '[' args ']'
/// ```
/// Names are letters, digits and `_`, or any text in backticks (`` `Final Budget` ``).
public struct ExprParser {
    public struct ParseError: Error, Sendable {
        public var message: String
        /// Code-point offset in the expression text.
        public var offset: Int
    }

    package enum Token: Equatable {
        case number(Number)
        case string(String)
        case name(String)
        case symbol(String)
        case end
    }

    private var tokens: [(token: Token, offset: Int, length: Int)] = []
    private var position = 0
    private var nextID: Int
    /// The depth of the tree under each node made so far, by id.
    private var depths: [Int: Int] = [:]
    private var recursion = 0

    /// Parses `text`; node ids start at `firstID` so several expressions of one file stay unique.
    public static func parse(_ text: String, firstID: Int = 0) throws(ParseError) -> (Expr, nextID: Int) {
        var parser = ExprParser(nextID: firstID)
        try parser.tokenize(text)
        let expr = try parser.parseOr()
        guard case .end = parser.current.token else {
            throw ParseError(message: "unexpected \(parser.describe(parser.current.token)) after the end of the expression", offset: parser.current.offset)
        }
        return (expr, parser.nextID)
    }

    private init(nextID: Int) {
        self.nextID = nextID
    }

    private var current: (token: Token, offset: Int, length: Int) { tokens[position] }

    /// How deep an expression may nest (parentheses, operators, arguments): every later stage
    /// walks the tree recursively, so a deeper one is refused here rather than overflowing a stack.
    package static let maxDepth = 256

    private mutating func make(_ kind: Expr.Kind, from start: Int, to end: Int) throws(ParseError) -> Expr {
        let children: [Expr]
        switch kind {
        case .number, .string, .bool, .column, .qualified: children = []
        case .unary(_, let x): children = [x]
        case .binary(_, let x, let y): children = [x, y]
        case .inList(let x, let items, _): children = [x] + items
        case .call(_, let args): children = args
        case .list(let items): children = items
        }
        let depth = 1 + (children.map { depths[$0.id] ?? 1 }.max() ?? 0)
        if depth > Self.maxDepth { throw Self.tooDeep(at: start) }
        depths[nextID] = depth
        defer { nextID += 1 }
        return Expr(id: nextID, kind: kind, offset: start, length: max(0, end - start))
    }

    /// One more level of the parser's own recursion, refused beyond `maxDepth`.
    private mutating func enter(at offset: Int) throws(ParseError) {
        recursion += 1
        if recursion > Self.maxDepth { throw Self.tooDeep(at: offset) }
    }

    private static func tooDeep(at offset: Int) -> ParseError {
        ParseError(message: "the expression is nested more than \(maxDepth) levels deep; split it into several rules", offset: offset)
    }

    private func describe(_ token: Token) -> String {
        switch token {
        case .number(let n): return "number \(n)"
        case .string(let s): return "string \"\(s)\""
        case .name(let n): return "'\(n)'"
        case .symbol(let s): return "'\(s)'"
        case .end: return "end of expression"
        }
    }

    // MARK: Lexer

    private mutating func tokenize(_ text: String) throws(ParseError) {
        let chars = Array(text.unicodeScalars)
        var i = 0
        func isNameStart(_ c: Unicode.Scalar) -> Bool { c == "_" || c.properties.isAlphabetic }
        func isNameChar(_ c: Unicode.Scalar) -> Bool { c == "_" || c.properties.isAlphabetic || (c.isASCII && c.properties.numericType == .decimal) }
        func isDigit(_ c: Unicode.Scalar) -> Bool { c.isASCII && c.properties.numericType == .decimal }
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\t" || c == "\n" || c == "\r" {
                i += 1
                continue
            }
            let start = i
            if isDigit(c) || (c == "." && i + 1 < chars.count && isDigit(chars[i + 1])) {
                while i < chars.count, isDigit(chars[i]) || chars[i] == "." { i += 1 }
                if i < chars.count, chars[i] == "e" || chars[i] == "E" {
                    var j = i + 1
                    if j < chars.count, chars[j] == "+" || chars[j] == "-" { j += 1 }
                    if j < chars.count, isDigit(chars[j]) {
                        i = j
                        while i < chars.count, isDigit(chars[i]) { i += 1 }
                    }
                }
                let literal = String(String.UnicodeScalarView(chars[start..<i]))
                guard case .number(let n, false) = CellText.parse(literal) else {
                    throw ParseError(message: "'\(literal)' is not a number", offset: start)
                }
                if i < chars.count, isNameStart(chars[i]) {
                    throw ParseError(message: "a number cannot be followed directly by a name", offset: i)
                }
                tokens.append((.number(n), start, i - start))
                continue
            }
            if isNameStart(c) {
                while i < chars.count, isNameChar(chars[i]) { i += 1 }
                tokens.append((.name(String(String.UnicodeScalarView(chars[start..<i]))), start, i - start))
                continue
            }
            if c == "`" {
                i += 1
                while i < chars.count, chars[i] != "`" { i += 1 }
                guard i < chars.count else { throw ParseError(message: "a `quoted name` opened here never closes", offset: start) }
                let name = String(String.UnicodeScalarView(chars[(start + 1)..<i]))
                i += 1
                tokens.append((.name(name), start, i - start))
                continue
            }
            if c == "\"" || c == "'" {
                let quote = c
                i += 1
                var value = String.UnicodeScalarView()
                while i < chars.count, chars[i] != quote {
                    if chars[i] == "\\", i + 1 < chars.count {
                        i += 1
                        switch chars[i] {
                        case "n": value.append("\n")
                        case "t": value.append("\t")
                        default: value.append(chars[i])
                        }
                    } else {
                        value.append(chars[i])
                    }
                    i += 1
                }
                guard i < chars.count else { throw ParseError(message: "a string opened here never closes", offset: start) }
                i += 1
                tokens.append((.string(String(value)), start, i - start))
                continue
            }
            let two = i + 1 < chars.count ? String(String.UnicodeScalarView([c, chars[i + 1]])) : ""
            if ["==", "!=", "<=", ">="].contains(two) {
                tokens.append((.symbol(two), start, 2))
                i += 2
                continue
            }
            if c == "=" {
                throw ParseError(message: "'=' is not an operator; write '==' to compare", offset: start)
            }
            if c == "&" || c == "|" {
                throw ParseError(message: "write 'and' / 'or' instead of '\(c)'", offset: start)
            }
            if "+-*/<>()[],.".unicodeScalars.contains(c) {
                tokens.append((.symbol(String(c)), start, 1))
                i += 1
                continue
            }
            throw ParseError(message: "unexpected character '\(c)'", offset: start)
        }
        tokens.append((.end, chars.count, 0))
    }

    // MARK: Grammar

    private mutating func advance() { if position < tokens.count - 1 { position += 1 } }

    private func isSymbol(_ s: String) -> Bool { current.token == .symbol(s) }
    private func isWord(_ w: String) -> Bool { current.token == .name(w) }

    private mutating func expect(_ s: String, _ context: String) throws(ParseError) {
        guard isSymbol(s) else {
            throw ParseError(message: "expected '\(s)' \(context), found \(describe(current.token))", offset: current.offset)
        }
        advance()
    }

    private var previousEnd: Int {
        let t = tokens[max(0, position - 1)]
        return t.offset + t.length
    }

    private mutating func parseOr() throws(ParseError) -> Expr {
        var left = try parseAnd()
        while isWord("or") {
            advance()
            let right = try parseAnd()
            left = try make(.binary(.or, left, right), from: left.offset, to: right.offset + right.length)
        }
        return left
    }

    private mutating func parseAnd() throws(ParseError) -> Expr {
        var left = try parseNot()
        while isWord("and") {
            advance()
            let right = try parseNot()
            left = try make(.binary(.and, left, right), from: left.offset, to: right.offset + right.length)
        }
        return left
    }

    private mutating func parseNot() throws(ParseError) -> Expr {
        if isWord("not") {
            let start = current.offset
            advance()
            try enter(at: start)
            defer { recursion -= 1 }
            let operand = try parseNot()
            return try make(.unary(.not, operand), from: start, to: operand.offset + operand.length)
        }
        return try parseComparison()
    }

    private mutating func parseComparison() throws(ParseError) -> Expr {
        let left = try parseAdditive()
        if case .symbol(let s) = current.token, let op = Expr.BinaryOperator(rawValue: s), op.isComparison {
            advance()
            let right = try parseAdditive()
            if case .symbol(let s2) = current.token, let op2 = Expr.BinaryOperator(rawValue: s2), op2.isComparison {
                throw ParseError(message: "comparisons do not chain; write 'a \(s) b and b \(s2) c'", offset: current.offset)
            }
            return try make(.binary(op, left, right), from: left.offset, to: right.offset + right.length)
        }
        var negated = false
        if isWord("not"), position + 1 < tokens.count, tokens[position + 1].token == .name("in") {
            negated = true
            advance()
        }
        if isWord("in") {
            advance()
            guard isSymbol("[") else {
                throw ParseError(message: "expected a list such as [\"a\", \"b\"] after 'in'", offset: current.offset)
            }
            let list = try parsePrimary()
            guard case .list(let items) = list.kind else {
                throw ParseError(message: "expected a list after 'in'", offset: list.offset)
            }
            return try make(.inList(left, items, negated: negated), from: left.offset, to: list.offset + list.length)
        }
        return left
    }

    private mutating func parseAdditive() throws(ParseError) -> Expr {
        var left = try parseTerm()
        while isSymbol("+") || isSymbol("-") {
            let op: Expr.BinaryOperator = isSymbol("+") ? .add : .subtract
            advance()
            let right = try parseTerm()
            left = try make(.binary(op, left, right), from: left.offset, to: right.offset + right.length)
        }
        return left
    }

    private mutating func parseTerm() throws(ParseError) -> Expr {
        var left = try parseUnary()
        while isSymbol("*") || isSymbol("/") {
            let op: Expr.BinaryOperator = isSymbol("*") ? .multiply : .divide
            advance()
            let right = try parseUnary()
            left = try make(.binary(op, left, right), from: left.offset, to: right.offset + right.length)
        }
        return left
    }

    private mutating func parseUnary() throws(ParseError) -> Expr {
        if isSymbol("-") {
            let start = current.offset
            advance()
            try enter(at: start)
            defer { recursion -= 1 }
            let operand = try parseUnary()
            if case .number(let n) = operand.kind {
                return try make(.number(-n), from: start, to: operand.offset + operand.length)
            }
            return try make(.unary(.negate, operand), from: start, to: operand.offset + operand.length)
        }
        return try parsePrimary()
    }

    private mutating func parseArguments(closing: String, context: String) throws(ParseError) -> [Expr] {
        var args: [Expr] = []
        if isSymbol(closing) {
            advance()
            return args
        }
        while true {
            args.append(try parseOr())
            if isSymbol(",") {
                advance()
                continue
            }
            try expect(closing, context)
            return args
        }
    }

    private mutating func parsePrimary() throws(ParseError) -> Expr {
        let token = current
        switch token.token {
        case .number(let n):
            advance()
            return try make(.number(n), from: token.offset, to: token.offset + token.length)
        case .string(let s):
            advance()
            return try make(.string(s), from: token.offset, to: token.offset + token.length)
        case .name(let name):
            if ["and", "or", "not", "in"].contains(name) {
                throw ParseError(message: "expected a value, found '\(name)'", offset: token.offset)
            }
            advance()
            if name == "true" || name == "false" {
                return try make(.bool(name == "true"), from: token.offset, to: token.offset + token.length)
            }
            if isSymbol("(") {
                advance()
                try enter(at: token.offset)
                defer { recursion -= 1 }
                let args = try parseArguments(closing: ")", context: "to close the arguments of \(name)(")
                return try make(.call(name, args), from: token.offset, to: previousEnd)
            }
            if isSymbol(".") {
                advance()
                guard case .name(let column) = current.token else {
                    throw ParseError(message: "expected a column name after '\(name).'", offset: current.offset)
                }
                advance()
                return try make(.qualified(name, column), from: token.offset, to: previousEnd)
            }
            return try make(.column(name), from: token.offset, to: token.offset + token.length)
        case .symbol("("):
            advance()
            try enter(at: token.offset)
            defer { recursion -= 1 }
            let inner = try parseOr()
            try expect(")", "to close '('")
            return inner
        case .symbol("["):
            advance()
            try enter(at: token.offset)
            defer { recursion -= 1 }
            let items = try parseArguments(closing: "]", context: "to close the list")
            return try make(.list(items), from: token.offset, to: previousEnd)
        case .end:
            throw ParseError(message: "the expression ends where a value was expected", offset: token.offset)
        default:
            throw ParseError(message: "expected a value, found \(describe(token.token))", offset: token.offset)
        }
    }
}
