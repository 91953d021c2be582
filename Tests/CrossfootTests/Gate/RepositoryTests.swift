import Foundation
import Testing

@testable import Crossfoot

/// A data repository gated by Crossfoot, built in a temporary folder: config discovery, a
/// baseline that survives edits, stale entries, reviewed exceptions and `--since`.
@Suite("A gated repository", .serialized) struct RepositoryTests {
    let root: String

    init() throws {
        root = NSTemporaryDirectory() + "crossfoot-repo-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root + "/data/sub", withIntermediateDirectories: true)
        try """
        crossfoot: 1
        include: ["data/**/*.csv"]
        fail-on: warning
        baseline: .crossfoot-baseline.json
        accept:
          - rule: steep-drop
            where: country == "Uzbekistan" and indicator_code == "1.2"
            reason: Survey methodology changed in 2024; confirmed with the field office.

        """.write(toFile: root + "/.crossfoot.yaml", atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: Support.path("Samples/kazakhstan-mco-2024/indicators.csv"), toPath: root + "/data/indicators.csv")
        try "site,amount\nA,1\n".write(toFile: root + "/data/other.csv", atomically: true, encoding: .utf8)
        try git(["init", "-q"])
        try git(["add", "-A"])
        try git(["commit", "-q", "-m", "data"])
    }

    @discardableResult
    func git(_ arguments: [String]) throws -> String {
        let out = try Git.run(["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"] + arguments, in: root)
        if out.status != 0 { Issue.record("git \(arguments.joined(separator: " ")) failed: \(out.stderr)") }
        return String(decoding: out.stdout, as: UTF8.self)
    }

    func lint(_ arguments: [String] = [], in folder: String? = nil) throws -> CLI.Output {
        try CLI.run(["lint"] + arguments, in: folder ?? root)
    }

    var indicators: String { root + "/data/indicators.csv" }

    func rewriteRows(_ transform: ([String]) -> [String]) throws {
        let text = try String(contentsOfFile: indicators, encoding: .utf8)
        var lines = text.split(separator: "\n").map(String.init)
        let header = lines.removeFirst()
        try ([header] + transform(lines)).joined(separator: "\n").appending("\n").write(toFile: indicators, atomically: true, encoding: .utf8)
    }

    /// The repository's top folder is found without starting git, and is what git says it is,
    /// from the top, a subfolder, through a link, and outside any repository.
    @Test func theTopFolderIsWhatGitSays() throws {
        let link = NSTemporaryDirectory() + "crossfoot-link-\(UUID().uuidString)"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: root + "/data")
        for folder in [root, root + "/data/sub", link, link + "/sub"] {
            let git = try Git.run(["rev-parse", "--show-toplevel"], in: folder)
            #expect(Git.topLevel(folder) == String(decoding: git.stdout, as: UTF8.self).trimmingSpaces, "\(folder)")
        }
        let outside = NSTemporaryDirectory() + "crossfoot-plain-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        #expect(try Git.run(["rev-parse", "--show-toplevel"], in: outside).status != 0)
        #expect(Git.topLevel(outside) == nil)
    }

    @Test func theConfigIsFoundFromASubfolder() throws {
        let out = try lint(in: root + "/data/sub")
        #expect(out.status == 1)
        #expect(out.stdout.contains("../../data/indicators.csv:42:150: warning[steep-drop]"))
        // The accept entry waives exactly the Uzbekistan 1.2 drop, and says why.
        let accepted = out.stdout.split(separator: "\n").filter { $0.contains("accepted[") }
        #expect(accepted.count == 1)
        #expect(accepted.first?.hasPrefix("../../data/indicators.csv:9:234: accepted[steep-drop]: Uzbekistan") == true)
        #expect(accepted.first?.hasSuffix("— accepted: Survey methodology changed in 2024; confirmed with the field office.") == true)
        // data/other.csv is a table no rule reads: one unchecked-table warning says so.
        #expect(out.stdout.contains("../../data/other.csv:1:1: warning[unchecked-table]: table 'other' of other.csv has 1 row that no loaded rule reads"))
        #expect(out.stdout.hasSuffix("0 errors, 13 warnings, 1 info in 2 files; 80 rows checked by 19 rules; 1 accepted, 0 in the baseline\n"))
    }

    @Test func configShowSaysWhereEachValueCameFrom() throws {
        try """
        crossfoot: 1
        include: ["data/**/*.csv"]
        fail-on: warning
        rules:
          steep-drop: {severity: error, change: {max_drop: 40}}
          funds-above-budget: {enabled: false}
        overrides:
          - paths: ["data/legacy/**"]
            rules: {baseline-present: {enabled: false}}
        accept:
          - rule: steep-drop
            where: country == "Uzbekistan"
            reason: Confirmed "in writing".

        """.write(toFile: root + "/.crossfoot.yaml", atomically: true, encoding: .utf8)
        let out = try CLI.run(["config", "show", "--min-severity", "warning"], in: root + "/data/sub")
        #expect(out.status == 0)
        let lines = out.stdout.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            // Align-independent: the value, then the origin.
            line.split(separator: "#", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "  # ")
        }
        #expect(lines.contains("include: [\"data/**/*.csv\"]  # ../../.crossfoot.yaml:2:10"))
        #expect(lines.contains("fail-on: warning  # ../../.crossfoot.yaml:3:10"))
        #expect(lines.contains("min-severity: warning  # command line"))
        #expect(lines.contains("max-warnings: null  # default"))
        #expect(lines.contains("steep-drop: {severity: error, change: {max_drop: 40}}  # ../../.crossfoot.yaml:5:3"))
        #expect(lines.contains("funds-above-budget: {severity: info, enabled: false}  # ../../.crossfoot.yaml:6:3"))
        #expect(lines.contains("percent-in-range: {severity: error}  # pack unhcr-arr, embedded:Rules/unhcr-arr.yaml:28:9"))
        #expect(lines.contains("- {paths: [\"data/legacy/**\"], rules: {baseline-present: {enabled: false}}}  # ../../.crossfoot.yaml:8:5"))
        #expect(
            lines.contains(
                "- {rule: steep-drop, where: \"country == \\\"Uzbekistan\\\"\", reason: \"Confirmed \\\"in writing\\\".\"}  # ../../.crossfoot.yaml:11:5"))
        // What it prints is itself a config Crossfoot reads back.
        try out.stdout.write(toFile: root + "/shown.yaml", atomically: true, encoding: .utf8)
        let again = try CLI.run(["config", "show", "--config", "shown.yaml"], in: root)
        #expect(again.status == 0, "\(again.stderr)")
    }

    @Test func theBaselineSurvivesReorderingInsertingAndRenaming() throws {
        let write = try lint(["--write-baseline", ".crossfoot-baseline.json"])
        #expect(write.status == 0)
        #expect(write.stderr.contains("wrote .crossfoot-baseline.json: 14 findings accepted for now"))
        let clean = try lint()
        #expect(clean.status == 0)
        #expect(clean.stdout.hasSuffix("1 accepted, 14 in the baseline\n"))

        // Rows in another order.
        try rewriteRows { $0.reversed() }
        var out = try lint(["--fail-on-stale"])
        #expect(out.status == 0, "\(out.stdout)")
        #expect(out.stdout.hasSuffix("0 errors, 0 warnings, 0 infos in 2 files; 80 rows checked by 19 rules; 1 accepted, 14 in the baseline\n"))

        // Lines inserted above every finding.
        try rewriteRows { ["Op,2024,impact,IA1,impact,9.9,New,Tajikistan,Refugees,percent,50.00%,,50.00%"] + $0 }
        out = try lint(["--fail-on-stale"])
        #expect(out.status == 0, "\(out.stdout)")

        // The file renamed.
        try git(["mv", "data/indicators.csv", "data/indicators-2024.csv"])
        out = try lint(["--fail-on-stale"])
        #expect(out.status == 0, "\(out.stdout)")
        #expect(out.stdout.hasSuffix("1 accepted, 14 in the baseline\n"))
    }

    @Test func aFixedFindingLeavesAStaleEntry() throws {
        #expect(try lint(["--write-baseline", ".crossfoot-baseline.json"]).status == 0)
        // Kazakhstan 3.1 no longer drops: 97.61% → 95.64%.
        try rewriteRows { rows in
            rows.map {
                $0.contains("3.1,Proportion of people who have the right to decent work,Kazakhstan,Refugees")
                    ? $0.replacingOccurrences(of: "25.64%", with: "95.64%") : $0
            }
        }
        let out = try lint()
        #expect(out.status == 0)
        #expect(
            out.stdout.contains(
                "data/indicators.csv: stale[steep-drop]: the baseline entry for actual 25.64% (operation Kazakhstan MCO, year 2024, indicator_code 3.1, country Kazakhstan, population_type Refugees and Asylum-seekers) no longer matches a finding; remove it from the baseline"
            ))
        #expect(out.stdout.hasSuffix("; 1 accepted, 13 in the baseline; 1 stale baseline entry\n"))
        let strict = try lint(["--fail-on-stale"])
        #expect(strict.status == 1)
        let json = try lint(["--format", "json"])
        #expect(json.stdout.contains("\"stale\": ["))
    }

    @Test func aNewFindingFailsTheGate() throws {
        #expect(try lint(["--write-baseline", ".crossfoot-baseline.json"]).status == 0)
        try rewriteRows { $0 + ["Op,2024,impact,IA1,impact,9.9,New indicator,Tajikistan,Refugees,percent,90.00%,,10.00%"] }
        let out = try lint()
        #expect(out.status == 1)
        #expect(
            out.stdout.contains(
                "data/indicators.csv:81:81: warning[steep-drop]: Tajikistan, Refugees — 9.9 New indicator: actual 10.00% is 80.00 points below the baseline 90.00%"
            ))
    }

    @Test func sinceLintsOnlyWhatChanged() throws {
        try "site,amount\nA,1\nB,2\n".write(toFile: root + "/data/other.csv", atomically: true, encoding: .utf8)
        let out = try lint(["--since", "HEAD", "--format", "json"])
        #expect(out.stdout.contains("\"files\": 1,"))
        #expect(out.stdout.contains("\"rows\": 2,"))
        let none = try lint(["--since", "HEAD"], in: root)
        #expect(none.stdout.contains("in 1 file"))
        let bad = try lint(["--since", "no-such-ref"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--since no-such-ref: git cannot find a merge base with HEAD"))
    }

    @Test func theBaselineCannotGrowInAPullRequest() throws {
        #expect(try lint(["--write-baseline", ".crossfoot-baseline.json"]).status == 0)
        try git(["add", "-A"])
        try git(["commit", "-q", "-m", "baseline"])
        try rewriteRows { $0 + ["Op,2024,impact,IA1,impact,9.9,New indicator,Tajikistan,Refugees,percent,90.00%,,10.00%"] }
        #expect(try lint(["--write-baseline", ".crossfoot-baseline.json"]).status == 0)
        let out = try lint(["--baseline-base", "HEAD"])
        #expect(out.status == 1)
        #expect(
            out.stderr.contains(
                ".crossfoot-baseline.json: error: the baseline gained 1 entry since HEAD; fix the findings instead of adding them to the baseline"))
    }
}
