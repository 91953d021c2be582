import Testing

@testable import Crossfoot

/// Every rule-file error is reported at the YAML node (or the character inside an expression)
/// that caused it, before any data is read.
@Suite("Rule-file errors") struct RuleFileErrorTests {
    static let header = "crossfoot: 1\npack: test\nrules:\n"

    /// A rule file with one rule whose lines are `body` (each indented under `- `).
    static func rule(_ body: String) -> String {
        header
            + body.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { i, line in
                (i == 0 ? "  - " : "    ") + line
            }.joined(separator: "\n") + "\n"
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var yaml: String
        var expected: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "unknown key", yaml: rule("id: a\ntable: indicators\nseverty: error\nrequired: {columns: baseline}"),
            expected: ["rules.yaml:6:5: error: unknown key 'severty' in rule 'a'; did you mean 'severity'?"]),
        Case(
            name: "no check", yaml: rule("id: a\ntable: indicators"),
            expected: [
                "rules.yaml:4:9: error: rule 'a' has no check; add one of range, required, change, sum, ratio, expect, outlier, scale, repeated, coverage, carryover, swing"
            ]),
        Case(
            name: "misspelt check", yaml: rule("id: a\ntable: indicators\nrequire: {columns: baseline}"),
            expected: [
                "rules.yaml:4:9: error: rule 'a' has no check; add one of range, required, change, sum, ratio, expect, outlier, scale, repeated, coverage, carryover, swing (is 'require' a misspelt 'required'?)",
                "rules.yaml:6:5: error: unknown key 'require' in rule 'a'; did you mean 'required'?",
            ]),
        Case(
            name: "two checks", yaml: rule("id: a\ntable: indicators\nrequired: {columns: baseline}\nrange: {columns: actual, min: 0}"),
            expected: ["rules.yaml:7:5: error: rule 'a' has two checks, 'required' and 'range'; a rule has exactly one (split it into two rules)"]),
        Case(
            name: "unknown severity", yaml: rule("id: a\nseverity: fatal\ntable: indicators\nrequired: {columns: baseline}"),
            expected: ["rules.yaml:5:15: error: unknown severity 'fatal'; use error, warning or info"]),
        Case(
            name: "malformed expression", yaml: rule("id: a\ntable: indicators\nwhere: unit = \"percent\"\nrequired: {columns: baseline}"),
            expected: ["rules.yaml:6:17: error: in 'where': '=' is not an operator; write '==' to compare"]),
        Case(
            name: "error inside a quoted expression",
            yaml: rule("id: a\ntable: indicators\nwhere: 'unit == \"percent\" and and'\nrequired: {columns: baseline}"),
            expected: ["rules.yaml:6:35: error: in 'where': expected a value, found 'and'"]),
        Case(
            name: "unknown function", yaml: rule("id: a\ntable: indicators\nexpect: absolute(actual) < 100"),
            expected: [
                "rules.yaml:6:13: error: unknown function 'absolute' (functions: abs, round, min, max, present, missing, coalesce, matches, sum, count, median, mean, mad, distinct)"
            ]),
        Case(
            name: "unknown column", yaml: rule("id: a\ntable: indicators\nwhere: unit == \"percent\"\nrange: {columns: [baseline, actaul], min: 0}"),
            expected: ["rules.yaml:7:33: error: table 'indicators' has no column 'actaul'; did you mean 'actual'?"]),
        Case(
            name: "unknown column in an expression", yaml: rule("id: a\ntable: financials\nexpect: expenditure <= fund_available"),
            expected: ["rules.yaml:6:28: error: table 'financials' has no column 'fund_available'; did you mean 'funds_available'?"]),
        Case(
            name: "invalid regex", yaml: rule("id: a\ntable: indicators\nexpect: matches(country, \"[A-Z\")"),
            expected: ["rules.yaml:6:30: error: invalid regular expression: a '[' is never closed"]),
        Case(
            name: "duplicate id",
            yaml: rule("id: a\ntable: indicators\nrequired: {columns: baseline}") + "  - id: a\n    table: indicators\n    required: {columns: target}\n",
            expected: ["rules.yaml:7:9: error: duplicate rule id 'a' (first defined at rules.yaml:4:9)"]),
        Case(
            name: "bad id", yaml: rule("id: Steep_Drop\ntable: indicators\nrequired: {columns: baseline}"),
            expected: ["rules.yaml:4:9: error: rule id 'Steep_Drop' must be lowercase words joined by '-', such as 'percent-in-range'"]),
        Case(
            name: "number expected", yaml: rule("id: a\ntable: indicators\nrange: {columns: actual, min: \"abc\"}"),
            expected: ["rules.yaml:6:35: error: 'min' must be a number, not the string \"abc\""]),
        Case(
            name: "type error", yaml: rule("id: a\ntable: indicators\nexpect: country + 1 > 2"),
            expected: ["rules.yaml:6:13: error: '+' needs numbers, but this is text"]),
        Case(
            name: "code compared with a number", yaml: rule("id: a\ntable: indicators\nwhere: indicator_code == 1.2\nrequired: {columns: baseline}"),
            expected: ["rules.yaml:6:12: error: cannot compare text with a number; quote the number if the column holds codes, as in indicator_code == \"1.2\""]
        ),
        Case(
            name: "aggregate outside a group", yaml: rule("id: a\ntable: financials\nexpect: final_budget <= sum(final_budget)"),
            expected: ["rules.yaml:6:29: error: sum() is computed over a group, so it works only in a 'sum' check or in an 'expect' with 'group_by'"]),
        Case(
            name: "join alias unknown",
            yaml: rule("id: a\ntable: financials\njoin: {table: financials, on: [operation, year], as: impact}\nexpect: final_budget == outcome.final_budget"),
            expected: ["rules.yaml:7:29: error: 'outcome' is not the name of the join; it is 'impact'"]),
        Case(
            name: "tolerance on a range", yaml: rule("id: a\ntable: indicators\nrange: {columns: actual, max: 100}\ntolerance: rounding"),
            expected: ["rules.yaml:7:16: error: 'tolerance' applies to sum, ratio, expect and carryover checks, not to range"]),
        Case(
            name: "unknown outlier method", yaml: rule("id: a\ntable: indicators\noutlier: {column: actual, method: zscore}"),
            expected: ["rules.yaml:6:39: error: 'method' is modified_z, z, iqr, not 'zscore'"]),
        Case(
            name: "an outlier group too small to judge", yaml: rule("id: a\ntable: indicators\noutlier: {column: actual, min_group: 2}"),
            expected: ["rules.yaml:6:42: error: 'min_group' is at least 3"]),
        Case(
            name: "a scale with nothing to compare with", yaml: rule("id: a\ntable: indicators\nscale: {columns: actual}"),
            expected: ["rules.yaml:6:12: error: 'scale' needs 'reference' (a column such as baseline), 'by' (the columns that pick a value's peers), or both"]),
        Case(
            name: "a scale whose bounds cross", yaml: rule("id: a\ntable: indicators\nscale: {columns: actual, reference: baseline, max_value: 20}"),
            expected: ["rules.yaml:6:12: error: 'max_value' (20) must be below 'min_reference' (10)"]),
        Case(
            name: "repeated over an unknown kind", yaml: rule("id: a\ntable: indicators\nrepeated: {column: actual, by: country, of: [change, steep]}"),
            expected: ["rules.yaml:6:58: error: 'of' lists check kinds whose findings make a value unusual (such as change, scale, outlier), not 'steep'"]),
        Case(
            name: "coverage of an unknown column", yaml: rule("id: a\ntable: indicators\ncoverage: {by: contry, among: area}"),
            expected: ["rules.yaml:6:20: error: table 'indicators' has no column 'contry'; did you mean 'country'?"]),
        Case(
            name: "a swing without a bound", yaml: rule("id: a\ntable: trend\nswing: {column: budget}"),
            expected: [
                "rules.yaml:6:12: error: 'swing' needs 'max_relative_change': the largest change from one year to the next, as a fraction (0.4 means 40%)"
            ]),
        Case(
            name: "a swing that reports only something unknown",
            yaml: rule("id: a\ntable: trend\nswing: {column: budget, max_relative_change: 0.4, only: steps}"),
            expected: [
                "rules.yaml:6:61: error: 'only' is 'reversals' (report a swing only when the next year swings back the other way), not 'steps'; leave it out to report every swing"
            ]),
        Case(
            name: "a carryover with a join",
            yaml: rule("id: a\ntable: indicators\njoin: {table: indicators, on: country, as: other}\ncarryover: {from: actual, to: baseline, key: country}"),
            expected: ["rules.yaml:6:19: error: 'join' does not go with a carryover check; it is compared with the previous year's row by itself"]),
        Case(
            name: "a weight above 1", yaml: rule("id: a\ntable: indicators\nweight: 2\nrequired: {columns: baseline}"),
            expected: ["rules.yaml:6:13: error: 'weight' is between 0 and 1 (how much a finding of this rule counts in the triage score)"]),
        Case(
            name: "unknown message placeholder", yaml: rule("id: a\ntable: indicators\nrequired: {columns: baseline}\nmessage: \"{contry} has no baseline\""),
            expected: [
                "rules.yaml:7:15: error: '{contry}' is not a column of 'indicators' nor one of {column} {value} {expected} {delta} {subject}; did you mean '{country}'?"
            ]),
        Case(
            name: "no table", yaml: rule("id: a\nrequired: {columns: baseline}"),
            expected: ["rules.yaml:4:9: error: rule 'a' has no 'table' (the table it checks, or a pattern such as '*')"]),
        Case(
            name: "missing version and pack", yaml: "rules: []\n",
            expected: [
                "rules.yaml:1:1: error: missing 'crossfoot: 1' (the rule-file format version)",
                "rules.yaml:1:1: error: missing 'pack:' (the name of this rule pack)",
            ]),
        Case(
            name: "a list is not a rule file", yaml: "- id: a\n",
            expected: ["rules.yaml:1:1: error: a rule file is a mapping with 'crossfoot: 1', 'pack:' and 'rules:', not a list"]),
        Case(
            name: "a scalar is not a rule file", yaml: "hello\n",
            expected: ["rules.yaml:1:1: error: a rule file is a mapping with 'crossfoot: 1', 'pack:' and 'rules:', not a string"]),
        Case(
            name: "empty file", yaml: "",
            expected: ["rules.yaml:1:1: error: the rule file is empty; it needs 'crossfoot: 1', 'pack:' and 'rules:'"]),
        Case(
            name: "wrong version", yaml: "crossfoot: 2\npack: t\nrules: []\n",
            expected: ["rules.yaml:1:12: error: this Crossfoot reads rule files of format version 1, not 2"]),
        Case(
            name: "change without a bound", yaml: rule("id: a\ntable: indicators\nchange: {from: baseline, to: actual}"),
            expected: ["rules.yaml:6:13: error: 'change' needs a bound: 'max_drop', 'max_rise' or 'max_relative_drop'"]),
        Case(
            name: "relative drop above 1", yaml: rule("id: a\ntable: indicators\nchange: {from: baseline, to: actual, max_relative_drop: 90}"),
            expected: ["rules.yaml:6:61: error: 'max_relative_drop' is a fraction of the 'from' value, between 0 and 1 (0.9 means 90%)"]),
        Case(
            name: "sum without total", yaml: rule("id: a\ntable: financials\nsum: {columns: final_budget}"),
            expected: [
                "rules.yaml:6:10: error: 'sum' needs 'total': an expression that picks each group's total row, such as area == \"Total\" (or 'parts' for a sum across columns)"
            ]),
        Case(
            name: "where is not a condition", yaml: rule("id: a\ntable: indicators\nwhere: baseline + 1\nrequired: {columns: baseline}"),
            expected: ["rules.yaml:6:12: error: this should be a true/false condition, but it is a number"]),
        Case(
            name: "a header mapping to an unknown column",
            yaml: "crossfoot: 1\npack: t\ntables:\n  indicators:\n    headers: {actul: \"Actual*\", country: [Country/Territory]}\nrules: []\n",
            expected: ["rules.yaml:5:15: error: table 'indicators' has no column 'actul' to map header names to; did you mean 'actual'?"]),
        Case(
            name: "header names of a chart table", yaml: "crossfoot: 1\npack: t\ntables:\n  trend:\n    headers: {year: Year}\nrules: []\n",
            expected: [
                "rules.yaml:5:15: error: table 'trend' comes from chart data, which has no header row; 'headers' maps the header names of a CSV file"
            ]),
        Case(
            name: "header names of a table without columns",
            yaml: "crossfoot: 1\npack: t\ntables:\n  cash:\n    subject: \"{site}\"\n    headers: {site: Site}\nrules: []\n",
            expected: [
                "rules.yaml:4:3: error: no known table is called 'cash', so it has no columns to map header names to (a pack declares a table's 'columns')"
            ]),
        Case(
            name: "header names that are not a mapping", yaml: "crossfoot: 1\npack: t\ntables:\n  indicators:\n    headers: [Actual]\nrules: []\n",
            expected: [
                "rules.yaml:5:14: error: 'headers' of table 'indicators' maps its column names to the CSV header names they go by, as in {actual: [\"Actual*\", \"Result\"]}, not a list"
            ]),
        Case(
            name: "a header name that is not a string",
            yaml: "crossfoot: 1\npack: t\ntables:\n  financials:\n    headers:\n      final_budget: [Budget, {a: 1}, \" \"]\nrules: []\n",
            expected: [
                "rules.yaml:6:30: error: an item of the header names of 'final_budget' must be a string, not a mapping",
                "rules.yaml:6:38: error: a header name of 'final_budget' is blank",
            ]),
        Case(
            name: "tab in indentation", yaml: "crossfoot: 1\npack: t\nrules:\n\t- id: a\n",
            expected: ["rules.yaml:4:1: error: found character that cannot start any token while scanning for the next token"]),
    ]

    @Test(arguments: cases)
    func reportsPosition(_ c: Case) {
        #expect(Support.errors(c.yaml) == c.expected)
    }

    @Test func allErrorsOfAFileAreReportedInOrder() {
        let yaml =
            Self.header + """
                  - id: a
                    table: indicators
                    range: {columns: actaul, min: 0}
                  - id: b
                    table: indicators
                    severity: loud
                    required: {columns: baseline}
                """
        #expect(
            Support.errors(yaml) == [
                "rules.yaml:6:22: error: table 'indicators' has no column 'actaul'; did you mean 'actual'?",
                "rules.yaml:9:15: error: unknown severity 'loud'; use error, warning or info",
            ])
    }

    /// A rule over `count` columns that the indicators table does not have, one per line from
    /// line 9, column 11.
    static func unknownColumns(_ count: Int) -> String {
        header + "  - id: a\n    table: indicators\n    range:\n      min: 0\n      columns:\n"
            + (1...count).map { "        - missing_column_\($0)\n" }.joined()
    }

    @Test func errorsPastTheCapOfAFileAreCountedInANote() {
        let expected =
            (1...100).map { "rules.yaml:\(8 + $0):11: error: table 'indicators' has no column 'missing_column_\($0)'" }
            + ["rules.yaml: note: 30 more errors not shown"]
        #expect(Support.errors(Self.unknownColumns(130)) == expected)
        #expect(Support.compile(Self.unknownColumns(130)).ruleSet == nil)
        #expect(Support.errors(Self.unknownColumns(100)).count == 100)
    }

    @Test func theCapCountsParseAndCheckErrorsTogetherAndEachFileHasItsOwnNote() {
        // 60 unknown severities (read while parsing) and 60 unknown columns (found by checking).
        let rules = (1...60).map { "  - {id: r\($0), table: indicators, severity: loud, required: {columns: no_such_column}}\n" }.joined()
        let files = [SourceFile(path: "a.yaml", text: Self.header + rules), SourceFile(path: "b.yaml", text: Self.unknownColumns(1))]
        let lines = RuleCompiler.compile(files).diagnostics.map(\.description)
        #expect(lines.count == 102)
        #expect(lines.filter { $0.hasPrefix("a.yaml:") && $0.contains(": error: ") }.count == 100)
        #expect(lines.filter { $0.hasSuffix("use error, warning or info") }.count == 60)
        #expect(lines[100] == "a.yaml: note: 20 more errors not shown")
        #expect(lines[101] == "b.yaml:9:11: error: table 'indicators' has no column 'missing_column_1'")
    }

    @Test func theDefaultPackCompilesWithoutDiagnostics() {
        let result = RuleCompiler.compile([RulePacks.defaultPack])
        #expect(result.diagnostics.isEmpty)
        #expect(result.ruleSet?.rules.count == 19)
    }

    @Test func customTablesAreCheckedAgainstTheirDeclaredColumns() {
        let yaml = """
            crossfoot: 1
            pack: t
            tables:
              budget:
                columns: [line, amount]
            rules:
              - id: a
                table: budget
                range: {columns: amout, min: 0}
            """
        #expect(Support.errors(yaml) == ["rules.yaml:9:22: error: table 'budget' has no column 'amout'; did you mean 'amount'?"])
    }
}
