import Foundation
import Testing

@testable import Crossfoot

/// Triage rows are rows of a table, not lines of a file.
@Suite("Triage rows") struct TriageRowTests {
    static let rules = """
        crossfoot: 1
        pack: t
        rules:
          - {id: capped, table: '*', range: {columns: [v, w], max: 100}}
        """

    /// Ranks what linting the files gives; each is written to a fresh folder under its name.
    func rank(_ files: [String: String]) throws -> [Triage.Group] {
        let dir = NSTemporaryDirectory() + "crossfoot-triage-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (name, text) in files { try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
        let run = Linter(ruleSet: try Support.rules(Self.rules)).lint(paths: files.keys.sorted().map { dir + "/" + $0 })
        return Triage.rank(LintResult(run))
    }

    /// Each row as `line: rule@line:column …`, in the order triage shows them.
    func rows(_ groups: [Triage.Group]) -> [String] {
        groups.flatMap(\.rows).map { row in
            "\(row.line): "
                + row.findings.sorted { $0.location < $1.location }.map { "\($0.rule)@\($0.location.line):\($0.location.column)" }.joined(separator: " ")
        }
    }

    @Test func theYearsOfAChartOnOneLineAreRowsOfTheirOwn() throws {
        // Every year of the page's trend chart fails a rule: the chart's JSON is one line, yet
        // each year is a triage row (and a group) of its own.
        let dir = NSTemporaryDirectory() + "crossfoot-triage-rows-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let rules = "crossfoot: 1\npack: t\nrules:\n  - {id: no-budget, table: trend, expect: 'budget < 0'}\n"
        try rules.write(toFile: dir + "/rules.yaml", atomically: true, encoding: .utf8)
        let out = try CLI.run(["triage", Support.seedPagePath, "--rules", "default", "--rules", dir + "/rules.yaml"])
        #expect(out.status == 0)
        Snapshot.assert(out.stdout, named: "page.triage.txt")
        // The 2020 dip is also a trend-swing: it joins that year's row.
        #expect(out.stdout.hasPrefix("7 findings on 6 rows in 6 groups"))
        for year in 2016...2021 {
            #expect(out.stdout.contains("Budget and expenditure trend, \(year)  score "), "\(year)")
        }
        #expect(out.stdout.components(separatedBy: "   Samples/kazakhstan-mco-2021/page.txt:37  row score").count == 7)
    }

    @Test func jsonObjectsOnOneLineAreRowsOfTheirOwn() throws {
        let groups = try rank(["sites.json": "[{\"site\": \"A\", \"v\": 500, \"w\": 600}, {\"site\": \"B\", \"v\": 700, \"w\": 1}]\n"])
        #expect(rows(groups).sorted() == ["1: capped@1:21 capped@1:31", "1: capped@1:56"])
    }

    @Test func aJSONObjectOverSeveralLinesIsOneRow() throws {
        let text = """
            [{"site": "A", "v": 1, "w": 2},
             {"site": "B",
              "v": 500,
              "w": 600,
              "x": 1}]

            """
        let groups = try rank(["sites.json": text])
        // The object's two findings and its layout warning, though on three lines, are one row.
        #expect(rows(groups) == ["2: object-keys@2:2 capped@3:8 capped@4:8"])
    }

    @Test func aCSVRecordWithALineBreakInACellIsOneRow() throws {
        let groups = try rank(["sites.csv": "site,v,w\nA,1,2\n\"B\nsecond line\",500,600\nC,500,2,3\n"])
        // A ragged row names no table: it stays a row of its own, as before.
        #expect(rows(groups).sorted() == ["4: capped@4:14 capped@4:18", "5: capped@5:3", "5: ragged-row@5:1"])
    }

    @Test func reportRowsAreStillTheirLines() throws {
        let run = Linter(ruleSet: Support.defaultRules).lint(paths: [Support.path(Support.seedReportPath)])
        let groups = Triage.rank(LintResult(run))
        let all = groups.flatMap(\.rows)
        #expect(all.count == 9)
        #expect(all.allSatisfy { row in row.findings.allSatisfy { $0.location.line == row.line } })
        // A layout warning about a row (it names its table, not a cell) joins the row that starts
        // on its line.
        let cut = Linter(ruleSet: Support.defaultRules).lint(paths: [Support.path("Tests/Corpus/inputs/report-cut-mid-row.md")])
        #expect(rows(Triage.rank(LintResult(cut))) == ["83: report-layout@83:1 baseline-present@83:28"])
    }
}
