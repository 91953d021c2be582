import Foundation
import Testing

@testable import Crossfoot

/// Rules across years: the sample report beside a hand-made previous year.
@Suite("Across years") struct SeriesTests {
    static let previous = "Tests/CrossfootTests/Fixtures/kazakhstan-mco-2023/report.md"

    func lint(_ paths: [String]) -> Linter.Run {
        Linter(ruleSet: Support.defaultRules, options: Linter.Options(jobs: 2)).lint(paths: paths.map(Support.path))
    }

    func points(_ run: Linter.Run, rules: Set<String>) -> [String] {
        run.files.flatMap(\.findings).filter { rules.contains($0.rule) }.map {
            "\($0.rule)@\(($0.location.path as NSString).lastPathComponent):\($0.location.line):\($0.location.column)"
        }
    }

    @Test func baselinesThatAreNotLastYearsActualsAreFound() throws {
        let run = lint([Self.previous, Support.seedReportPath])
        // Kazakhstan 1.2 (97.61% against 96.10%) and Uzbekistan 1.2 (100.00% against 98.00%);
        // Kazakhstan 1.1 (65.31% against 65.3%) agrees within rounding.
        // The Total (impact areas) expenditure rises 67.4% from 3,000,000 to 5,021,495, but with
        // no later report to say whether it lasts, `total-swing` (`only: reversals`) says nothing.
        #expect(
            points(run, rules: ["baseline-is-last-actual", "total-swing"]) == [
                "baseline-is-last-actual@report.md:80:40",
                "baseline-is-last-actual@report.md:83:40",
            ])
        let findings = run.files.flatMap(\.findings)
        let kazakhstan = findings.first { $0.rule == "baseline-is-last-actual" }
        #expect(
            kazakhstan?.message
                == "Kazakhstan, Refugees and Asylum-seekers — 1.2 Proportion of people who are able to move freely…: baseline 97.61% in 2024 is not the actual of 2023, 96.10%"
        )
        #expect(kazakhstan?.location.path.hasSuffix("kazakhstan-mco-2024/report.md") == true)
        #expect(kazakhstan?.notes.map(\.message) == ["2023: actual 96.10%"])
        #expect(kazakhstan?.notes.first?.location.map { "\(($0.path as NSString).lastPathComponent):\($0.line):\($0.column)" } == "report.md:22:47")
        // A rule that reports every swing finds it.
        let every = try Support.rules(
            """
            crossfoot: 1
            pack: every-swing
            rules:
              - id: total-swing
                table: financials
                where: area == "Total"
                swing: {columns: [final_budget, expenditure], by: [operation, table, area], max_relative_change: 0.4}
            """)
        // (The indicators, which no rule of this pack reads, are an unchecked-table of each file.)
        let swings = Linter(ruleSet: every).lint(paths: [Self.previous, Support.seedReportPath].map(Support.path)).files.flatMap(\.findings)
            .filter { $0.rule != "unchecked-table" }
        #expect(swings.map(\.message) == ["expenditure rises 67.4% from 3,000,000 in 2023 to 5,021,495 in 2024 (more than the 40% allowed)"])
        // Nothing is found in the earlier year: it has no year before it.
        #expect(!findings.contains { ["baseline-is-last-actual", "total-swing"].contains($0.rule) && $0.location.path.contains("2023") })
    }

    @Test func theOrderOfTheInputsDoesNotMatter() {
        let forward = points(lint([Self.previous, Support.seedReportPath]), rules: ["baseline-is-last-actual", "total-swing"])
        let backward = points(lint([Support.seedReportPath, Self.previous]), rules: ["baseline-is-last-actual", "total-swing"])
        #expect(forward == backward)
    }

    @Test func anotherOperationIsNotTheSameSeries() throws {
        let dir = NSTemporaryDirectory() + "crossfoot-series-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let text = try Support.read(Self.previous).replacingOccurrences(of: "**Kazakhstan MCO**", with: "**Armenia**")
        try text.write(toFile: dir + "/report.md", atomically: true, encoding: .utf8)
        let run = Linter(ruleSet: Support.defaultRules).lint(paths: [dir + "/report.md", Support.path(Support.seedReportPath)])
        #expect(points(run, rules: ["baseline-is-last-actual", "total-swing"]).isEmpty)
    }

    @Test func oneYearAloneHasNothingToCompare() {
        #expect(points(lint([Support.seedReportPath]), rules: ["baseline-is-last-actual", "total-swing"]).isEmpty)
    }

    @Test func aDipInOneYearIsOneWarning() throws {
        let run = lint(["Samples/kazakhstan-mco-2021/chart.json"])
        let swings = run.files.flatMap(\.findings).filter { $0.rule == "trend-swing" }
        // Down 45.1% in 2020 and up 74.1% in 2021: one warning, at 2020's budget.
        #expect(
            swings.map(\.message) == [
                "Budget and expenditure trend, 2020: budget falls 45.1% from 5.52884917 in 2019 to 3.03404521 in 2020 (more than the 40% allowed)"
            ])
        #expect(
            swings.first?.notes.map(\.message) == [
                "2019: budget 5.52884917", "it rises 74.1% back to 5.28204821 in 2021, so 2020 alone is out of line: its value is the likely slip",
            ])
        // A rule without `only: reversals` reports both swings; the first still names the odd year.
        let every = try Support.rules(
            """
            crossfoot: 1
            pack: every-swing
            rules:
              - id: trend-swing
                table: trend
                swing: {columns: [budget, expenditure], max_relative_change: 0.4}
            """)
        let both = Linter(ruleSet: every).lint(paths: [Support.path("Samples/kazakhstan-mco-2021/chart.json")]).files.flatMap(\.findings)
            .filter { $0.rule != "unchecked-table" }
        #expect(both.count == 2)
        #expect(both.first?.notes.count == 2)
        #expect(both.last?.notes.map(\.message) == ["2020: budget 3.03404521"])
    }
}

/// What people read: the terminal format with the source line, and the triage ranking.
@Suite("Formats for people", .serialized) struct PeopleFormatTests {
    @Test func theFullFormatShowsTheCellExpectedAndFound() throws {
        let out = try CLI.run(["lint", Support.seedReportPath, "--format", "full"])
        #expect(out.status == 0)
        Snapshot.assert(out.stdout, named: "seed.full.txt")
        #expect(
            out.stdout.contains(
                """
                warning[steep-drop]: Uzbekistan, Refugees and Asylum-seekers — 1.2 Proportion of people who are able to move freely…: actual 0.06% is 99.94 points below the baseline 100.00%
                  --> Samples/kazakhstan-mco-2024/report.md:83:48
                   |
                83 | Uzbekistan  Refugees and Asylum-seekers 100.00% 0.06%
                   |                                                 ^^^^^
                   = expected at most 50 points below and no more than 90% below the baseline 100.00%, found 0.06%
                """))
    }

    @Test func aTotalShowsItsToleranceAndTheLikelyWrongCell() throws {
        let dir = NSTemporaryDirectory() + "crossfoot-full-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let text = try Support.read(Support.seedReportPath).replacingOccurrences(of: "617,948\t98.96%", with: "671,948\t98.96%")
        try text.write(toFile: dir + "/report.md", atomically: true, encoding: .utf8)
        let out = try CLI.run(["lint", "report.md", "--format", "full"], in: dir)
        #expect(out.status == 1)
        #expect(
            out.stdout.contains(
                """
                error[total-equals-parts]: Total (outcome areas): expenditure 5,021,495 does not match the sum of the 6 other rows, 5,075,495 (off by 54,000; rounding explains at most 3.5)
                   --> report.md:531:65
                    |
                531 | …tal</b>    <b>6,409,690</b>    <b>5,197,617</b>    <b>81.09%</b>   <b>5,021,495</b>    <b>96.61%</b>
                    |                                                                        ^^^^^^^^^
                    = expected 5,075,495 ± 3 (sum of 6 rounded parts), found 5,021,495, off by 54,000
                    = note: OA8 expenditure 671,948: as 617,948 the total adds up and 98.96% recomputes — transposed digits? (report.md:527:42)
                """))
    }

    @Test func triageListsTheUzbekistanRowsFirst() throws {
        let out = try CLI.run(["triage", Support.seedReportPath])
        #expect(out.status == 0)
        Snapshot.assert(out.stdout, named: "seed.triage.txt")
        let groups = out.stdout.split(separator: "\n").dropFirst().filter { $0.first?.isNumber == true }
        #expect(groups.prefix(2).allSatisfy { $0.contains("Uzbekistan — ") })
        #expect(groups.first?.hasPrefix("1. Uzbekistan — 1.2 Proportion of people who are able to move freely") == true)
        #expect(groups.dropFirst().first?.hasPrefix("2. Uzbekistan — 3.3 Proportion of people feeling safe walking") == true)
        #expect(groups.dropFirst(2).first?.hasPrefix("3. Turkmenistan — 3.1") == true)
    }

    @Test func scoresCombineAndOrderEveryOutput() throws {
        let out = try CLI.run(["lint", Support.seedReportPath, "--format", "json", "--sort", "score"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        let scores = findings.compactMap { $0["score"] as? Double }
        #expect(scores.count == findings.count)
        #expect(scores == scores.sorted(by: >))
        // Weight × magnitude: a steep drop of 99.94 points is 0.8 × 0.9994.
        let drop = findings.first { $0["rule"] as? String == "steep-drop" && ($0["location"] as? [String: Any])?["line"] as? Int == 83 }
        #expect(drop?["score"] as? Double == 0.8)
        // A row's score combines its findings: 1 − (1 − 0.8)(1 − 0.8)(1 − 0.8)(1 − 0.4).
        let rank = Triage.rank(LintResult(Linter(ruleSet: Support.defaultRules).lint(paths: [Support.path(Support.seedReportPath)])))
        #expect(rank.first?.rows.first?.score == 0.995)
        #expect(rank.first?.rows.first?.findings.count == 4)
        // Every finding carries its evidence as notes.
        #expect(findings.allSatisfy { $0["notes"] is [Any] })
    }
}
