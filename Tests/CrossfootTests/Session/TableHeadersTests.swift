import Foundation
import Testing

@testable import Crossfoot

/// A results table exported with headers of its own: with the project config mapping them it is
/// the indicators table, checked by the default pack at the cell; without, it is never a silent
/// new table but an `unchecked-table` warning that names what it lacks. Through the library and
/// through the command line, in a folder of its own.
@Suite("A user's own headers", .serialized) struct TableHeadersTests {
    static let header =
        "Operation, Year, Area kind, Area, Indicator kind, Indicator code, Indicator, Country/Territory, Population type, Unit, Baseline value, Target value, Actual 2024"

    /// Two rows; the second's actual, 120%, is out of range.
    static let data = Marked(
        header + "\n"
            + "Kazakhstan MCO, 2024, impact, IA1: Protect, impact, 1.2, Proportion of people able to move freely, Kyrgyzstan, Refugees, percent, 99.00%, 99.50%, 99.30%\n"
            + "Kazakhstan MCO, 2024, impact, IA1: Protect, impact, 1.2, Proportion of people able to move freely, Kazakhstan, Refugees, percent, 98.30%, 99.00%, 1️⃣120.00%\n"
    )

    static let config = """
        crossfoot: 1
        tables:
          indicators:
            headers:
              country: ["Country/Territory"]
              baseline: ["Baseline value"]
              target: [Target value]
              actual: ["Actual*"]

        """

    static let unchecked =
        "table 'mco-2024' of mco-2024.csv has 2 rows that no loaded rule reads, so none of them is checked; its header has 9 of the 13 columns of 'indicators' but not country, baseline, target or actual — to check it as indicators, map its header names in .crossfoot.yaml: tables: {indicators: {headers: {country: [\"Country/Territory\"], baseline: [\"Baseline value\"], target: [\"Target value\"], actual: [\"Actual 2024\"]}}}"

    let dir: String

    init() throws {
        dir = NSTemporaryDirectory() + "crossfoot-headers-\(UUID().uuidString)"
        // A repository root of its own: config discovery stops here.
        try FileManager.default.createDirectory(atPath: dir + "/.git", withIntermediateDirectories: true)
        try Self.data.text.write(toFile: dir + "/mco-2024.csv", atomically: true, encoding: .utf8)
    }

    func writeConfig() throws {
        try Self.config.write(toFile: dir + "/.crossfoot.yaml", atomically: true, encoding: .utf8)
    }

    @Test func theLibraryChecksTheMappedTableWithTheDefaultPack() throws {
        try writeConfig()
        let config = try ProjectConfig.load(dir + "/.crossfoot.yaml").get()
        var options = LintSession.Options()
        options.paths = [dir + "/mco-2024.csv"]
        let outcome = LintSession(config: config, options: options).run()
        let result = try #require(outcome.result)
        #expect(outcome.exitCode == LintOutcome.findings)
        #expect(result.findings.map { "\($0.rule)@\($0.location.line):\($0.location.column)" } == ["percent-in-range@\(Self.data.at(1))"])
        #expect(
            result.findings.first?.message
                == "Kazakhstan, Refugees — 1.2 Proportion of people able to move freely: actual 120.00% is above the maximum of 100%")
        #expect(result.files.map(\.rowsByTable) == [[.init(name: "indicators", rows: 2)]])
    }

    @Test func withoutTheMappingTheLibrarySaysTheTableIsUnchecked() throws {
        var options = LintSession.Options()
        options.paths = [dir + "/mco-2024.csv"]
        let outcome = LintSession(config: ProjectConfig(directory: dir), options: options).run()
        let result = try #require(outcome.result)
        #expect(outcome.exitCode == LintOutcome.clean)
        #expect(result.findings.map { "\($0.rule)@\($0.location.line):\($0.location.column)" } == ["unchecked-table@1:1"])
        #expect(result.findings.first?.message == Self.unchecked)
        #expect(result.files.map(\.rowsByTable) == [[.init(name: "mco-2024", rows: 2)]])
    }

    @Test func theCommandLineChecksTheMappedTable() throws {
        try writeConfig()
        let out = try CLI.run(["lint", "mco-2024.csv"], in: dir)
        #expect(out.status == 1)
        #expect(out.stderr == "")
        #expect(
            out.stdout == """
                mco-2024.csv:\(Self.data.at(1)): error[percent-in-range]: Kazakhstan, Refugees — 1.2 Proportion of people able to move freely: actual 120.00% is above the maximum of 100%
                1 error, 0 warnings, 0 infos in 1 file; 2 rows checked by 19 rules

                """)
        let statistics = try CLI.run(["lint", "mco-2024.csv", "--statistics"], in: dir)
        #expect(statistics.stdout.contains("\nmco-2024.csv: indicators 2 rows\n"))
        let shown = try CLI.run(["config", "show"], in: dir)
        #expect(
            shown.stdout.contains(
                "  indicators: {headers: {country: [\"Country/Territory\"], baseline: [\"Baseline value\"], target: [\"Target value\"], actual: [\"Actual*\"]}}"
            ))
    }

    @Test func withoutTheMappingTheCommandLineSaysTheTableIsUnchecked() throws {
        let out = try CLI.run(["lint", "mco-2024.csv"], in: dir)
        #expect(out.status == 0)
        #expect(
            out.stdout == """
                mco-2024.csv:1:1: warning[unchecked-table]: \(Self.unchecked)
                0 errors, 1 warning, 0 infos in 1 file; 2 rows checked by 19 rules

                """)
        let json = try CLI.run(["lint", "mco-2024.csv", "--format", "json"], in: dir)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let files = object?["files"] as? [[String: Any]]
        #expect(files?.count == 1)
        #expect(files?.first?["path"] as? String == "mco-2024.csv")
        #expect(files?.first?["format"] as? String == "csv")
        #expect(files?.first?["tables"] as? [String: Int] == ["mco-2024": 2])
    }

    @Test func aMappingToAColumnTheTableLacksIsAConfigError() throws {
        try Self.config.replacingOccurrences(of: "      actual:", with: "      actuals:").write(
            toFile: dir + "/.crossfoot.yaml", atomically: true, encoding: .utf8)
        let out = try CLI.run(["lint", "mco-2024.csv"], in: dir)
        #expect(out.status == 2)
        #expect(out.stdout == "")
        #expect(
            out.stderr == """
                .crossfoot.yaml:8:7: error: table 'indicators' has no column 'actuals' to map header names to; did you mean 'actual'?
                1 error in the config; nothing was linted

                """)
    }
}
