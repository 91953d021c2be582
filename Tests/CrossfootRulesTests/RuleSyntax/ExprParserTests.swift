import Testing

@testable import Crossfoot

@Suite("Expression parser") struct ExprParserTests {
    func parse(_ text: String) -> String {
        do {
            let (expr, _) = try ExprParser.parse(text)
            return describe(expr)
        } catch {
            return "error at \(error.offset): \(error.message)"
        }
    }

    func describe(_ e: Expr) -> String {
        switch e.kind {
        case .number(let n): return n.description
        case .string(let s): return "\"\(s)\""
        case .bool(let b): return "\(b)"
        case .column(let c): return c
        case .qualified(let a, let c): return "\(a).\(c)"
        case .unary(let op, let x): return "(\(op.rawValue) \(describe(x)))"
        case .binary(let op, let a, let b): return "(\(describe(a)) \(op.rawValue) \(describe(b)))"
        case .inList(let x, let items, let negated): return "(\(describe(x)) \(negated ? "not in" : "in") [\(items.map(describe).joined(separator: ", "))])"
        case .call(let f, let args): return "\(f)(\(args.map(describe).joined(separator: ", ")))"
        case .list(let items): return "[\(items.map(describe).joined(separator: ", "))]"
        }
    }

    @Test(
        "precedence and forms",
        arguments: [
            ("a + b * c", "(a + (b * c))"),
            ("a - b - c", "((a - b) - c)"),
            ("not a == 1 and b or c", "(((not (a == 1)) and b) or c)"),
            ("unit == \"percent\"", "(unit == \"percent\")"),
            ("x in [\"a\", 'b']", "(x in [\"a\", \"b\"])"),
            ("x not in [1, -2]", "(x not in [1, -2])"),
            ("impact.final_budget >= 1e6", "(impact.final_budget >= 1000000)"),
            ("round(a / b * 100, 2)", "round(((a / b) * 100), 2)"),
            ("`Final Budget` > 0", "(Final Budget > 0)"),
            ("-(a + b)", "(- (a + b))"),
            ("count()", "count()"),
        ])
    func forms(text: String, expected: String) {
        #expect(parse(text) == expected)
    }

    @Test(
        "errors point at the character",
        arguments: [
            ("a = 1", "error at 2: '=' is not an operator; write '==' to compare"),
            ("a == ", "error at 5: the expression ends where a value was expected"),
            ("a == \"x", "error at 5: a string opened here never closes"),
            ("(a == 1", "error at 7: expected ')' to close '(', found end of expression"),
            ("a == 1 b", "error at 7: unexpected 'b' after the end of the expression"),
            ("a && b", "error at 2: write 'and' / 'or' instead of '&'"),
            ("a < b < c", "error at 6: comparisons do not chain; write 'a < b and b < c'"),
            ("x in y", "error at 5: expected a list such as [\"a\", \"b\"] after 'in'"),
            ("a # b", "error at 2: unexpected character '#'"),
        ])
    func errors(text: String, expected: String) {
        #expect(parse(text) == expected)
    }

    /// Found by the expr fuzz target: `c - - - … - c` nested thousands deep overflowed the stack
    /// in the checker. Nesting is refused at 256 levels, however it is made, with the offset of
    /// the node or bracket that goes past the limit.
    @Test func nestingIsRefusedBeyondItsLimit() {
        let message = "the expression is nested more than 256 levels deep; split it into several rules"
        #expect(parse(String(repeating: "(", count: 300) + "1" + String(repeating: ")", count: 300)) == "error at 256: \(message)")
        #expect(parse("c - " + String(repeating: "-", count: 5_000) + "c") == "error at 260: \(message)")
        #expect(parse(String(repeating: "not ", count: 300) + "true") == "error at 1024: \(message)")
        #expect(parse("abs(" + String(repeating: "[", count: 300) + "1" + String(repeating: "]", count: 300) + ")") == "error at 259: \(message)")
        // A chain of 300 additions is a tree 300 deep, built without recursion in the parser.
        #expect(parse("v" + String(repeating: " + v", count: 300)) == "error at 0: \(message)")
        // At the limit, it parses.
        #expect(!parse("v" + String(repeating: " + v", count: 255)).hasPrefix("error"))
        #expect(!parse(String(repeating: "(", count: 256) + "1" + String(repeating: ")", count: 256)).hasPrefix("error"))
    }
}
