import Testing

@testable import Crossfoot

@Suite("YAML") struct YAMLParserTests {
    func parse(_ text: String, limits: YAMLLimits = .default) throws(Diagnostic) -> YAMLNode? {
        try YAMLParser.parse(SourceFile(path: "t.yaml", text: text), limits: limits)
    }

    func error(_ text: String, limits: YAMLLimits = .default) -> String {
        do {
            _ = try parse(text, limits: limits)
            return "no error"
        } catch {
            return error.description
        }
    }

    @Test func nodesKeepLineAndColumn() throws {
        let root = try #require(try parse("a: 1\nlist:\n  - x\n  - \"y\"\n"))
        let pairs = try #require(root.pairs)
        #expect(pairs[0].value.location.description == "t.yaml:1:4")
        let items = try #require(pairs[1].value.items)
        #expect(items[1].location.description == "t.yaml:4:5")
        #expect(items[1].location(ofCharacter: 0).column == 6)
    }

    @Test func anchorsAliasesAndMergeKeys() throws {
        let text = """
            base: &base {severity: warning, table: indicators}
            rule:
              <<: *base
              table: financials
            copy: *base
            """
        let root = try #require(try parse(text))
        let pairs = try #require(root.pairs)
        let rule = try #require(pairs[1].value.pairs)
        #expect(rule.map { $0.key.scalar ?? "" } == ["table", "severity"])
        #expect(rule[0].value.scalar == "financials")
        #expect(pairs[2].value.pairs?.count == 2)
    }

    @Test func duplicateKeysAreErrors() {
        #expect(error("a: 1\nb: 2\na: 3\n") == "t.yaml:3:1: error: duplicate key 'a' (first defined at line 1)")
    }

    @Test func billionLaughsStops() {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for i in 1...9 {
            let refs = Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ", ")
            text += "a\(i): &a\(i) [\(refs)]\n"
        }
        #expect(error(text).contains("aliases expand to more than 10000 nodes"))
        #expect(error(text).contains("--max-yaml-aliases"))
    }

    @Test func deepNestingStops() {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(error(text) == "t.yaml:1:257: error: nesting is deeper than 256 levels; raise the limit with --max-yaml-depth")
    }

    @Test func syntaxErrorsHavePositions() {
        #expect(error("rules:\n\t- id: x\n").hasPrefix("t.yaml:2:1: error: found character that cannot start any token"))
        #expect(error("a: [1, 2\n").hasPrefix("t.yaml:2:1: error:"))
    }

    @Test func invalidUTF8IsAnError() {
        let file = SourceFile(path: "t.yaml", bytes: Array("a: b\nc: ".utf8) + [0xFF, 0x0A])
        #expect(throws: Diagnostic.self) { try YAMLParser.parse(file) }
    }

    @Test func emptyFileIsNoDocument() throws {
        #expect(try parse("") == nil)
        #expect(try parse("# only a comment\n") == nil)
    }
}
