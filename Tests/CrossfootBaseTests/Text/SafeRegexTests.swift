import Testing

@testable import Crossfoot

@Suite("Safe regular expressions") struct SafeRegexTests {
    @Test(
        "matches like a search",
        arguments: [
            ("^[A-Z]{3}-[0-9]{2}$", "ALM-01", true), ("^[A-Z]{3}-[0-9]{2}$", "Ast-1", false),
            ("a|b", "xxbxx", true), ("colou?r", "color", true), ("(?i)total", "TOTAL", true),
            ("\\d+\\.\\d", "v1.2", true), ("^\\s*$", "   ", true), ("[^a-z]", "abc", false),
            ("x{2,3}", "xx", true), ("x{2,3}$", "x", false), ("(a*)*b", "aaaa", false),
        ])
    func matches(pattern: String, text: String, expected: Bool) throws {
        #expect(try SafeRegex(pattern).matches(text) == expected)
    }

    @Test("unsupported or broken patterns are refused", arguments: ["(a", "[a-", "a{5,2}", "(?=x)", "\\1", "*a", "a{2000}"])
    func refused(pattern: String) {
        #expect(SafeRegex.problem(in: pattern) != nil)
    }
}
