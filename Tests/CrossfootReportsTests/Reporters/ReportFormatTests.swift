import Foundation
import Testing

@testable import Crossfoot

/// The CI formats: SARIF that validates against the official schema, GitHub annotations byte
/// for byte, JUnit that parses with the right counts, and the smaller formats.
@Suite("CI report formats", .serialized) struct ReportFormatTests {
    func temporary() throws -> String { try Support.temporaryFolder("crossfoot-reports") }

    func python(_ script: String, _ arguments: [String]) throws -> (status: Int32, output: String) { try Support.python(script, arguments) }

    @Test(.enabled(if: Tools.jsonschema, "Python's jsonschema is not installed (pip install jsonschema); .ci/run installs it"))
    func sarifOfTheSamplesValidatesAgainstTheSchema() throws {
        let dir = try temporary()
        let out = try CLI.run(["lint", "Samples", "--report", "sarif=\(dir)/out.sarif", "--fail-on", "never"])
        #expect(out.status == 0)
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1])); doc = json.load(open(sys.argv[2]))
            jsonschema.Draft7Validator(schema).validate(doc)
            run = doc["runs"][0]
            print(len(run["results"]), run["columnKind"], run["tool"]["driver"]["name"], len(run["tool"]["driver"]["rules"]))
            """
        let (status, output) = try python(script, [Support.path("Tests/CrossfootTests/Schemas/sarif-schema-2.1.0.json"), dir + "/out.sarif"])
        #expect(status == 0, "\(output)")
        // The 34 findings of the default rules and cash-distributions.csv's unchecked-table;
        // 19 pack rules and the 10 built-in ones.
        #expect(output == "35 unicodeCodePoints crossfoot 29\n")
        let sarif = try String(contentsOfFile: dir + "/out.sarif", encoding: .utf8)
        #expect(sarif.contains("\"uri\": \"Samples/kazakhstan-mco-2024/report.md\""))
        #expect(sarif.contains("\"startLine\": 83,\n                  \"startColumn\": 48,"))
        #expect(sarif.contains("\"crossfootIdentity/v1\": "))
    }

    @Test func sarifFingerprintsStayWhenUnrelatedLinesMove() throws {
        let dir = try temporary()
        let text = try Support.read(Support.seedReportPath)
        try text.write(toFile: dir + "/report.md", atomically: true, encoding: .utf8)
        _ = try CLI.run(["lint", "report.md", "--format", "sarif", "--output", "a.sarif"], in: dir)
        try ("Introduction added later.\n\n" + text).write(toFile: dir + "/report.md", atomically: true, encoding: .utf8)
        _ = try CLI.run(["lint", "report.md", "--format", "sarif", "--output", "b.sarif"], in: dir)
        func fingerprints(_ name: String) throws -> [String] {
            try String(contentsOfFile: dir + "/" + name, encoding: .utf8).split(separator: "\n").filter { $0.contains("crossfootIdentity/v1") }.map(String.init)
        }
        #expect(try fingerprints("a.sarif") == (try fingerprints("b.sarif")))
        #expect(try fingerprints("a.sarif").count == 16)
    }

    @Test func acceptedFindingsAreExternalSuppressionsWithTheirReason() throws {
        let dir = try temporary()
        try FileManager.default.copyItem(atPath: Support.path(Support.seedReportPath), toPath: dir + "/report.md")
        try "crossfoot: 1\naccept:\n  - {rule: steep-drop, where: 'indicator_code == \"1.2\"', reason: 'Confirmed: 100% → 0.06%, \"real\"'}\n".write(
            toFile: dir + "/.crossfoot.yaml", atomically: true, encoding: .utf8)
        let out = try CLI.run(["lint", "--format", "sarif"], in: dir)
        #expect(
            out.stdout.contains(
                """
                          "suppressions": [
                            {
                              "kind": "external",
                              "status": "accepted",
                              "justification": "Confirmed: 100% → 0.06%, \\"real\\""
                            }
                          ]
                """))
    }

    @Test func githubAnnotationsAreByteExact() throws {
        let dir = try temporary()
        try "country,value\n\"Kyrgyz, Rep: 100%\",150\nKazakhstan,101\nTajikistan,99\n".write(toFile: dir + "/data.csv", atomically: true, encoding: .utf8)
        try """
        crossfoot: 1
        pack: t
        rules:
          - id: capped
            table: data
            range: {columns: value, max: 100}
            message: "value {value} for {country}:\\nover 100%"

        """.write(toFile: dir + "/rules.yaml", atomically: true, encoding: .utf8)
        let out = try CLI.run(
            ["lint", "data.csv", "--rules", "rules.yaml"], in: dir, environment: ["GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": dir + "/summary.md"])
        #expect(out.status == 1)
        #expect(
            out.stdout == """
                ::error file=data.csv,line=2,col=21,endColumn=24,title=Crossfoot capped::value 150 for Kyrgyz, Rep: 100%25:%0Aover 100%25
                ::error file=data.csv,line=3,col=12,endColumn=15,title=Crossfoot capped::value 101 for Kazakhstan:%0Aover 100%25
                2 errors, 0 warnings, 0 infos in 1 file; 3 rows checked by 1 rule

                """)
        let summary = try String(contentsOfFile: dir + "/summary.md", encoding: .utf8)
        #expect(summary.contains("| data.csv:2:21 | capped | error | value 150 for Kyrgyz, Rep: 100%: over 100% |"))
        #expect(GitHubReporter.escapeProperty("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae")
    }

    @Test func githubShowsTenOfEachLevelAndCountsTheRest() throws {
        let dir = try temporary()
        try ("v\n" + (1...14).map { "\(100 + $0)\n" }.joined()).write(toFile: dir + "/data.csv", atomically: true, encoding: .utf8)
        try
            "crossfoot: 1\npack: t\nrules:\n  - {id: capped, table: data, range: {columns: v, max: 100}}\n  - {id: soft, severity: warning, table: data, range: {columns: v, max: 110}}\n"
            .write(toFile: dir + "/rules.yaml", atomically: true, encoding: .utf8)
        let out = try CLI.run(["lint", "data.csv", "--rules", "rules.yaml", "--format", "github"], in: dir)
        let lines = out.stdout.split(separator: "\n")
        #expect(lines.prefix(10).allSatisfy { $0.hasPrefix("::error ") })
        #expect(lines.dropFirst(10).prefix(4).allSatisfy { $0.hasPrefix("::warning ") })
        #expect(
            lines[14]
                == "::notice title=Crossfoot::4 more findings not shown as annotations (GitHub shows 10 of each level per step); see the step summary or the SARIF report"
        )
    }

    @Test func junitParsesWithTheRightCounts() throws {
        let dir = try temporary()
        let out = try CLI.run(["lint", "Samples", "--report", "junit=\(dir)/junit.xml", "--fail-on", "warning"])
        #expect(out.status == 1)
        let script = """
            import sys, xml.etree.ElementTree as ET
            root = ET.parse(sys.argv[1]).getroot()
            suites = root.findall("testsuite")
            print(root.get("tests"), root.get("failures"), len(suites), len(root.findall(".//failure")))
            """
        let (status, output) = try python(script, [dir + "/junit.xml"])
        #expect(status == 0, "\(output)")
        // 6 files × 19 rules, and the unchecked-table of cash-distributions.csv (built-in rules
        // are test cases where they fire); 29 warnings block under --fail-on warning.
        #expect(output == "115 29 6 29\n")
    }

    @Test func xmlAndMarkdownEscapeDataText() {
        #expect(XMLText.escape("a<b>&\"c'\u{1}") == "a&lt;b&gt;&amp;&quot;c&apos;\u{FFFD}")
        #expect(MarkdownText.escape("a|b\nc *d* <x>") == "a\\|b c \\*d\\* &lt;x&gt;")
    }

    @Test func gitlabAndJSONLinesAreValidJSON() throws {
        let gitlab = try CLI.run(["lint", Support.seedReportPath, "--format", "gitlab"])
        let issues = try JSONSerialization.jsonObject(with: Data(gitlab.stdout.utf8)) as? [[String: Any]]
        #expect(issues?.count == 16)
        #expect(issues?.first?["check_name"] as? String == "fraction-as-percent")
        let lines = try CLI.run(["lint", Support.seedReportPath, "--format", "jsonl"]).stdout.split(separator: "\n")
        #expect(lines.count == 16)
        for line in lines { #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil) }
    }

    @Test func longDataIsQuotedShortInMessages() throws {
        let long = String(repeating: "x", count: 500)
        let findings = try Support.lint(
            "name,v\n\(long),150\n", path: "d.csv",
            rules: try Support.rules("crossfoot: 1\npack: t\nrules:\n  - {id: r, table: d, range: {columns: v, max: 100}, message: 'too high for {name}'}\n"))
        #expect(findings.first?.message == "too high for " + String(repeating: "x", count: 79) + "…")
        #expect(findings.first?.row.first?.text.count == 500)
    }
}
