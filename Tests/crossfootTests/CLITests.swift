import Foundation
import Testing

@testable import Crossfoot

/// The command line as users and CI gates run it: output byte for byte, and exit codes.
@Suite("Command line", .serialized) struct CLITests {
    func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "crossfoot-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func lintingTheSamplesMatchesTheGoldenText() throws {
        let out = try CLI.run(["lint", "Samples"])
        #expect(out.status == 0)
        #expect(out.stderr == "")
        Snapshot.assert(out.stdout, named: "samples.txt")
    }

    @Test func lintingTheSamplesMatchesTheGoldenJSON() throws {
        let out = try CLI.run(["lint", "Samples", "--format", "json"])
        #expect(out.status == 0)
        Snapshot.assert(out.stdout, named: "samples.json")
        let object = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any]
        let summary = object?["summary"] as? [String: Any]
        // 28 of the default rules, and the unchecked-table of cash-distributions.csv, a table
        // only its own pack reads.
        #expect(summary?["warnings"] as? Int == 29)
        #expect((object?["findings"] as? [Any])?.count == 35)
    }

    @Test func customRulesMatchTheGoldenText() throws {
        let out = try CLI.run(["lint", "Samples/custom-rules", "--rules", "Samples/custom-rules/cash-rules.yaml"])
        #expect(out.status == 1)
        Snapshot.assert(out.stdout, named: "custom-rules.txt")
    }

    @Test func failOnDecidesTheExitCode() throws {
        #expect(try CLI.run(["lint", Support.seedReportPath]).status == 0)
        #expect(try CLI.run(["lint", Support.seedReportPath, "--fail-on", "warning"]).status == 1)
        #expect(try CLI.run(["lint", Support.seedReportPath, "--fail-on", "info"]).status == 1)
        #expect(try CLI.run(["lint", "Samples/custom-rules", "--rules", "Samples/custom-rules/cash-rules.yaml", "--fail-on", "never"]).status == 0)
    }

    @Test func aRuleFileErrorExits2AndLintsNothing() throws {
        let dir = try temporaryDirectory()
        try "crossfoot: 1\npack: t\nrules:\n  - id: a\n    table: indicators\n    required: {columns: basline}\n".write(
            toFile: dir + "/bad.yaml", atomically: true, encoding: .utf8)
        let out = try CLI.run(["lint", Support.seedReportPath, "--rules", dir + "/bad.yaml"])
        #expect(out.status == 2)
        #expect(out.stdout == "")
        #expect(
            out.stderr
                == "\(dir)/bad.yaml:6:25: error: table 'indicators' has no column 'basline'; did you mean 'baseline'?\n1 error in the rule files; nothing was linted\n"
        )
        let check = try CLI.run(["rules", "check", dir + "/bad.yaml"])
        #expect(check.status == 2)
    }

    @Test func errorsPastTheCapAreCountedAndStillExit2() throws {
        let dir = try temporaryDirectory()
        try RuleFileErrorTests.unknownColumns(130).write(toFile: dir + "/bad.yaml", atomically: true, encoding: .utf8)
        let out = try CLI.run(["rules", "check", dir + "/bad.yaml"])
        #expect(out.status == 2)
        let lines = out.stderr.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("\(dir)/bad.yaml:") && $0.contains(": error: ") }.count == 100)
        #expect(lines.contains("\(dir)/bad.yaml: note: 30 more errors not shown"))
        #expect(lines.last == "130 errors in the rule files; nothing was linted")
        let lint = try CLI.run(["lint", Support.seedReportPath, "--rules", dir + "/bad.yaml"])
        #expect(lint.status == 2)
        #expect(lint.stderr.hasSuffix("\(dir)/bad.yaml: note: 30 more errors not shown\n130 errors in the rule files; nothing was linted\n"))
    }

    @Test func anUnreadableInputExits3AndTheOthersAreStillReported() throws {
        let dir = try temporaryDirectory()
        try "a,b\n1,\"open\n".write(toFile: dir + "/broken.csv", atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: Support.path(Support.seedReportPath), toPath: dir + "/report.md")
        let out = try CLI.run(["lint", dir, "--fail-on", "warning"])
        #expect(out.status == 3)
        #expect(out.stderr == "\(dir)/broken.csv:2:3: error: a quoted field opened here never closes (an unterminated \")\n")
        #expect(out.stdout.contains("report.md:83:48: warning[steep-drop]"))
        #expect(out.stdout.hasSuffix("0 errors, 13 warnings, 3 infos in 1 file; 91 rows checked by 19 rules; 1 input could not be read\n"))
        let missing = try CLI.run(["lint", dir + "/nothing-here.md"])
        #expect(missing.status == 3)
        #expect(missing.stderr == "\(dir)/nothing-here.md: error: no such file or folder\n")
    }

    @Test func usageErrorsExit2() throws {
        let out = try CLI.run(["lint", "--format", "xml"])
        #expect(out.status == 2)
        #expect(
            out.stderr
                == "error: --format takes one of text, full, json, sarif, github, junit, gitlab, jsonl, markdown, html, triage, csv, xlsx, not 'xml'\n  See 'crossfoot lint --help' for more information.\n"
        )
        #expect(out.stdout == "")
        for (arguments, message) in [
            (
                ["frobnicate"],
                "error: unknown command 'frobnicate' (commands: lint, triage, extract, rules, config, serve)\n  See 'crossfoot --help' for more information.\n"
            ),
            (
                ["lnit", "x.md"],
                "error: unknown command 'lnit'; did you mean 'lint'? (commands: lint, triage, extract, rules, config, serve)\n  See 'crossfoot --help' for more information.\n"
            ),
            (
                ["lint", "--fail-ob", "warning"],
                "error: unknown option '--fail-ob'; did you mean '--fail-on'?\n  See 'crossfoot lint --help' for more information.\n"
            ),
            (["lint", "--jobs"], "error: --jobs needs a value (--jobs <n>)\n  See 'crossfoot lint --help' for more information.\n"),
            (["lint", "--jobs", "two"], "error: --jobs takes a whole number, not 'two'\n  See 'crossfoot lint --help' for more information.\n"),
            (["lint", "--statistics=yes"], "error: --statistics takes no value\n  See 'crossfoot lint --help' for more information.\n"),
            (
                ["lint", "--max-file-size", "huge"],
                "error: --max-file-size takes a size in bytes or as 64MiB, not 'huge'\n  See 'crossfoot lint --help' for more information.\n"
            ),
            (["rules", "explain"], "error: missing <id>\n  See 'crossfoot rules explain --help' for more information.\n"),
            (["extract", "a.md", "b.md", "--text"], "error: takes one <report>, not 2\n  See 'crossfoot extract --help' for more information.\n"),
            (["config", "show", "extra"], "error: unexpected argument 'extra'\n  See 'crossfoot config show --help' for more information.\n"),
        ] {
            let run = try CLI.run(arguments)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr == message, "\(arguments)")
        }
    }

    @Test func findingsPastTheCapAreCountedNotMadeAndTheReportIsTheSame() throws {
        // 12,000 rows over several ranges and chunks, each failing two rules: past
        // --max-findings-per-rule the findings are only counted. With an accepted exception
        // (which reads every finding) they are all made and then cut: the same report.
        let dir = try temporaryDirectory()
        var csv = "site,share,count\n"
        for i in 0..<12_000 { csv += "S-\(i),\(100 + i % 7).5,\(i % 3 == 0 ? "" : String(i))\n" }
        try csv.write(toFile: dir + "/data.csv", atomically: true, encoding: .utf8)
        try """
        crossfoot: 1
        pack: cap
        rules:
          - id: share-in-range
            table: data
            range: {columns: share, min: 0, max: 100}
          - id: count-present
            table: data
            severity: warning
            required: {columns: count}
        """.write(toFile: dir + "/rules.yaml", atomically: true, encoding: .utf8)
        try "crossfoot: 1\naccept:\n  - {rule: share-in-range, where: site == \"none\", reason: reads every finding}\n".write(
            toFile: dir + "/accept.yaml", atomically: true, encoding: .utf8)
        func report(_ extra: [String], jobs: String) throws -> (json: [String: Any], text: String) {
            let out = try CLI.run(["lint", "data.csv", "--rules", "rules.yaml", "--max-findings-per-rule", "25", "--jobs", jobs] + extra, in: dir)
            #expect(out.status == 1)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
            return (object, out.stdout)
        }
        for jobs in ["1", "2"] {
            let counted = try report(["--format", "json", "--no-config"], jobs: jobs)
            let made = try report(["--format", "json", "--config", "accept.yaml"], jobs: jobs)
            for key in ["findings", "summary", "files"] {
                #expect(
                    try JSONSerialization.data(withJSONObject: try #require(counted.json[key]), options: .sortedKeys)
                        == JSONSerialization.data(withJSONObject: try #require(made.json[key]), options: .sortedKeys), "\(key) --jobs \(jobs)")
            }
            #expect((counted.json["findings"] as? [Any])?.count == 50)
            #expect(counted.text.contains("\"not_listed\": 15950"))
        }
        // Under --statistics nothing is shown but numbers: every finding is counted, none made,
        // and the numbers, the severities and the exit code are those of making them all.
        for limit in ["25", "0", "20000"] {
            for failOn in ["error", "never"] {
                let counted = try CLI.run(
                    ["lint", "data.csv", "--rules", "rules.yaml", "--statistics", "--max-findings-per-rule", limit, "--fail-on", failOn, "--no-config"], in: dir
                )
                let made = try CLI.run(
                    [
                        "lint", "data.csv", "--rules", "rules.yaml", "--statistics", "--max-findings-per-rule", limit, "--fail-on", failOn, "--config",
                        "accept.yaml",
                    ],
                    in: dir)
                #expect(counted.stdout == made.stdout, "\(limit) \(failOn)")
                #expect(counted.status == made.status, "\(limit) \(failOn)")
            }
        }
        let statistics = try CLI.run(["lint", "data.csv", "--rules", "rules.yaml", "--statistics", "--no-config"], in: dir)
        #expect(statistics.stdout.hasPrefix("12000  share-in-range  error\n 4000  count-present   warning\n"))
        let text = try CLI.run(["lint", "data.csv", "--rules", "rules.yaml", "--max-findings-per-rule", "25", "--no-config"], in: dir)
        #expect(
            text.stdout.hasSuffix(
                "12000 errors, 4000 warnings, 0 infos in 1 file; 12000 rows checked by 2 rules; 15950 more beyond --max-findings-per-rule not listed\n"))
    }

    @Test func optionsTakeTheirValueEitherWayAndTheLastOneCounts() throws {
        let spaced = try CLI.run(["lint", Support.seedReportPath, "--format", "json", "--min-severity", "error", "--min-severity", "warning"])
        let joined = try CLI.run(["lint", "--format=json", "--min-severity=warning", "--", Support.seedReportPath])
        #expect(spaced.status == 0)
        #expect(spaced.stdout == joined.stdout)
        #expect(spaced.stdout.contains("\"rule\": \"steep-drop\""))
        #expect(!spaced.stdout.contains("\"severity\": \"info\""))
        // Triage's defaults give way to the user's options.
        let triage = try CLI.run(["triage", Support.seedReportPath, "--format", "json", "--fail-on", "warning"])
        #expect(triage.status == 1)
        #expect(triage.stdout.hasPrefix("{"))
    }

    @Test func helpOfEveryCommandByFlagOrByWord() throws {
        let byFlag = try CLI.run(["rules", "check", "--help"])
        let byWord = try CLI.run(["help", "rules", "check"])
        #expect(byFlag.status == 0 && byWord.status == 0)
        #expect(byFlag.stdout == byWord.stdout)
        #expect(
            byFlag.stdout.hasPrefix(
                "OVERVIEW: Compile rule files and report their errors, without reading any\ndata.\n\nUSAGE: crossfoot rules check [<options>] [<file> ...]\n"))
        let root = try CLI.run([])
        #expect(root.status == 0)
        #expect(root.stdout.contains("\nSUBCOMMANDS:\n  lint     Check files and folders against the rules.\n"))
        // Every line of help fits 80 columns, but for examples kept as written.
        for command in [["lint"], ["triage"], ["extract"], ["serve"], ["config", "show"], ["rules", "list"]] {
            let help = try CLI.run(command + ["--help"]).stdout
            #expect(help.split(separator: "\n").allSatisfy { $0.count <= 80 || $0.hasPrefix("  crossfoot ") }, "\(command)")
        }
    }

    @Test func outputGoesToAFile() throws {
        let dir = try temporaryDirectory()
        let out = try CLI.run(["lint", Support.seedReportPath, "--format", "json", "--output", dir + "/findings.json"])
        #expect(out.status == 0)
        #expect(out.stdout == "")
        let written = try String(contentsOfFile: dir + "/findings.json", encoding: .utf8)
        #expect(written.contains("\"rule\": \"steep-drop\""))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["findings.json"])
    }

    @Test func extractWritesTheCanonicalCSV() throws {
        let dir = try temporaryDirectory()
        let out = try CLI.run(["extract", Support.seedReportPath, "--output", dir + "/out"])
        #expect(out.status == 0)
        #expect(try String(contentsOfFile: dir + "/out/indicators.csv", encoding: .utf8) == (try Support.read("Samples/kazakhstan-mco-2024/indicators.csv")))
        #expect(try String(contentsOfFile: dir + "/out/financials.csv", encoding: .utf8) == (try Support.read("Samples/kazakhstan-mco-2024/financials.csv")))
    }

    @Test func rulesListAndExplain() throws {
        let list = try CLI.run(["rules", "list"])
        #expect(list.status == 0)
        #expect(list.stdout.split(separator: "\n").count == 19 + BuiltInRules.all.count)
        #expect(list.stdout.contains("\nunchecked-table                     warning  input     *             A table has rows that no loaded rule reads"))
        let builtIn = try CLI.run(["rules", "explain", "unchecked-table"])
        #expect(builtIn.status == 0)
        #expect(builtIn.stdout.hasPrefix("unchecked-table — warning, built into Crossfoot (check kind input)\n\nA table has rows that no loaded rule reads"))
        #expect(list.stdout.hasPrefix("percent-in-range "))
        #expect(list.stdout.contains("\nunread-table                        error    input     *             A report has indicator sections"))
        let explain = try CLI.run(["rules", "explain", "steep-drop"])
        #expect(explain.status == 0)
        #expect(explain.stdout.contains("defined at embedded:Rules/unhcr-arr.yaml:"))
        #expect(explain.stdout.contains("assert at actual: baseline - actual <= 50 and (baseline < 10 or baseline - actual <= 0.9 * baseline)"))
        let unknown = try CLI.run(["rules", "explain", "steep-drops"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "error: no rule 'steep-drops' is loaded; did you mean 'steep-drop'?\n")
        let check = try CLI.run(["rules", "check", "Rules/unhcr-arr.yaml", "Samples/custom-rules/cash-rules.yaml"])
        #expect(check.status == 0)
        #expect(check.stdout == "24 rules in 2 packs: no errors\n")
    }

    @Test func versionAndHelpWithExamples() throws {
        let version = try CLI.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout == "0.1.0\n")
        for command in [
            ["--help"], ["lint", "--help"], ["extract", "--help"], ["rules", "check", "--help"], ["rules", "list", "--help"], ["rules", "explain", "--help"],
        ] {
            let help = try CLI.run(command)
            #expect(help.status == 0, "\(command)")
            #expect(help.stdout.contains("crossfoot "), "\(command) has an example")
        }
    }

    @Test func theOutputIsTheSameWhateverTheThreads() throws {
        let one = try CLI.run(["lint", "Samples", "--format", "json", "--jobs", "1"])
        let many = try CLI.run(["lint", "Samples", "--format", "json", "--jobs", "7"])
        #expect(one.stdout == many.stdout)
        #expect(try CLI.run(["lint", "Samples", "--jobs", "0"]).status == 2)
    }

    @Test func statisticsCountFindingsPerRule() throws {
        let out = try CLI.run(["lint", Support.seedReportPath, "--statistics"])
        #expect(out.status == 0)
        #expect(
            out.stdout == """
                4  steep-drop                      warning
                3  fraction-as-percent             warning
                2  funds-above-budget              info
                2  outlier-among-countries         warning
                2  repeated-unusual-value          warning
                1  baseline-present                warning
                1  country-missing-from-indicator  info
                1  target-present                  warning
                Samples/kazakhstan-mco-2024/report.md: indicators 79 rows, financials 12 rows
                0 errors, 13 warnings, 3 infos in 1 file; 91 rows checked by 19 rules

                """)
    }

    @Test func statisticsSayWhatEveryFileYielded() throws {
        let dir = try temporaryDirectory()
        try "".write(toFile: dir + "/empty.csv", atomically: true, encoding: .utf8)
        try "site,amount\n".write(toFile: dir + "/header-only.csv", atomically: true, encoding: .utf8)
        try "site,amount\nALM-01,5\n".write(toFile: dir + "/one.csv", atomically: true, encoding: .utf8)
        let out = try CLI.run(["lint", dir, "--statistics"])
        #expect(out.status == 0)
        #expect(
            out.stdout == """
                1  unchecked-table  warning
                \(dir)/empty.csv: no table
                \(dir)/header-only.csv: header-only 0 rows
                \(dir)/one.csv: one 1 row
                0 errors, 1 warning, 0 infos in 3 files; 1 row checked by 19 rules

                """)
    }

    @Test func noColorWhenNotATerminal() throws {
        let out = try CLI.run(["lint", Support.seedReportPath], environment: ["NO_COLOR": ""])
        #expect(!out.stdout.contains("\u{1B}["))
    }

    @Test func defaultRulesComeBackBesideOthers() throws {
        let out = try CLI.run(["lint", "Samples/custom-rules", "--rules", "default", "--rules", "Samples/custom-rules/cash-rules.yaml"])
        #expect(out.stdout.hasSuffix("4 errors, 1 warning, 0 infos in 1 file; 12 rows checked by 24 rules\n"))
    }
}
