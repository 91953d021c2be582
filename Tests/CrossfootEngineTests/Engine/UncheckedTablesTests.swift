import Foundation
import Testing

@testable import Crossfoot

/// `unchecked-table`: a table with rows that no loaded rule reads is a finding at its header,
/// read whole or streamed in ranges alike, so that nothing is linted to a silent zero.
@Suite("Unchecked tables", .serialized) struct UncheckedTablesTests {
    static let pack = """
        crossfoot: 1
        pack: t
        rules:
          - {id: paid, table: cash, range: {columns: amount, min: 0}}
          - {id: sited, table: "site-*", required: {columns: site}}
          - {id: joined, table: cash, join: {table: sites, on: site, as: s}, expect: 's.open == "yes"'}
        """

    func folder(_ files: [String: String]) throws -> String {
        let dir = NSTemporaryDirectory() + "crossfoot-unchecked-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
        return dir
    }

    func unchecked(_ run: Linter.Run) -> [String] {
        run.findings.filter { $0.rule == "unchecked-table" }.map {
            "\($0.location.path.split(separator: "/").last ?? ""):\($0.location.line):\($0.location.column) \($0.message)"
        }
    }

    @Test func aTableNoRuleReadsIsAFindingAtItsHeadersFirstCell() throws {
        // A byte-order mark (not counted) and a quoted first name: the finding is at the name's
        // first character.
        let marked = Marked("\"1️⃣Region\",amount\nNorth,5\nSouth,7\n")
        let dir = try folder(["totals.csv": "\u{FEFF}" + marked.text])
        let run = Linter(ruleSet: try Support.rules(Self.pack)).lint(paths: [dir])
        #expect(unchecked(run) == ["totals.csv:\(marked.at(1)) table 'totals' of totals.csv has 2 rows that no loaded rule reads, so none of them is checked"])
        let finding = try #require(run.findings.first)
        #expect(finding.severity == .warning)
        #expect(finding.check == "input")
        #expect(finding.table == "totals")
        #expect(finding.column == nil)
    }

    @Test func tablesARuleReadsByNamePatternOrJoinAreNot() throws {
        let dir = try folder([
            "cash.csv": "site,amount\nA,5\n", "site-list.csv": "site\nA\n", "sites.csv": "site,open\nA,yes\n", "empty-table.csv": "site,amount\n",
        ])
        let run = Linter(ruleSet: try Support.rules(Self.pack)).lint(paths: [dir])
        #expect(run.findings.isEmpty)
        // The table with a header and no rows has nothing to check: a note, not a finding.
        #expect(run.files.first { $0.path.hasSuffix("empty-table.csv") }?.rowsByTable == [.init(name: "empty-table", rows: 0)])
    }

    @Test func aStreamedFileHasOneFindingWithAllItsRows() throws {
        var csv = "id,note\n"
        for i in 0..<3_000 { csv += "\(i),\"line \(i)\nand more\"\n" }
        let dir = try folder(["notes.csv": csv])
        let rules = try Support.rules(Self.pack)
        let whole = Linter(ruleSet: rules, options: Linter.Options(jobs: 1)).lint(paths: [dir])
        let ranges = Linter(ruleSet: rules, options: Linter.Options(jobs: 4, splitSize: 256, windowSize: 512)).lint(paths: [dir])
        let expected = ["notes.csv:1:1 table 'notes' of notes.csv has 3000 rows that no loaded rule reads, so none of them is checked"]
        #expect(unchecked(whole) == expected)
        #expect(unchecked(ranges) == expected)
    }

    @Test func reportAndChartTablesPointAtTheirFirstRowsLine() throws {
        let indicatorsOnly = try Support.rules("crossfoot: 1\npack: t\nrules:\n  - {id: a, table: indicators, required: {columns: baseline}}\n")
        let run = Linter(ruleSet: indicatorsOnly).lint(paths: [Support.path(Support.seedReportPath)])
        // The outcome table's first row, IA1: Protect, under its header line.
        #expect(unchecked(run) == ["report.md:518:1 table 'financials' of report.md has 12 rows that no loaded rule reads, so none of them is checked"])
    }

    @Test func aHeaderWithMostOfAKnownTablesColumnsSaysWhatItLacksAndHowToMapIt() throws {
        let header = CSVReaderTests.ownHeader.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ",")
        let dir = try folder(["mco.csv": header + "\nOp,2024,impact,IA1,impact,1.2,Title,Uzbekistan,Refugees,percent,100%,,0.06%\n"])
        let run = Linter(ruleSet: Support.defaultRules).lint(paths: [dir])
        #expect(
            unchecked(run) == [
                "mco.csv:1:1 table 'mco' of mco.csv has 1 row that no loaded rule reads, so it is not checked; its header has 9 of the 13 columns of 'indicators' but not country, baseline, target or actual — to check it as indicators, map its header names in .crossfoot.yaml: tables: {indicators: {headers: {country: [\"Country/Territory\"], baseline: [\"Baseline value\"], target: [\"Target value\"], actual: [\"Actual 2024\"]}}}"
            ])
    }

    @Test func aColumnNoHeaderNameLooksLikeIsNamedToo() throws {
        let noUnit = TableSchema.indicators.columns.filter { $0 != "unit" }.joined(separator: ",")
        let withNote = noUnit + ",Notes"
        let dir = try folder([
            "a.csv": noUnit + "\nOp,2024,impact,IA1,impact,1.2,Title,Uzbekistan,Refugees,100%,,0.06%\n",
            "b.csv": withNote + "\nOp,2024,impact,IA1,impact,1.2,Title,Uzbekistan,Refugees,100%,,0.06%,\n",
        ])
        let run = Linter(ruleSet: Support.defaultRules).lint(paths: [dir])
        #expect(
            unchecked(run) == [
                "a.csv:1:1 table 'a' of a.csv has 1 row that no loaded rule reads, so it is not checked; its header has 12 of the 13 columns of 'indicators' but not unit; no column of the file stands for unit: add it",
                "b.csv:1:1 table 'b' of b.csv has 1 row that no loaded rule reads, so it is not checked; its header has 12 of the 13 columns of 'indicators' but not unit; no header name looks like unit (those not taken: 'Notes')",
            ])
    }

    @Test func namesThatContainAColumnsNameCountTowardsMostAndAreSuggestedAsGlobsForThemselves() throws {
        // 4 of the 9 columns by name, and 3 more by a name that contains theirs: most of them.
        let header = "Operation,Year,Table,Area,Final budget [USD]*,Funds available (USD),Funds available %,Expenditure (USD),Expenditure %"
        let dir = try folder(["budget.csv": header + "\nOp,2024,impact,IA1,100,90,90%,80,88.89%\n"])
        let run = Linter(ruleSet: Support.defaultRules).lint(paths: [dir])
        #expect(
            unchecked(run) == [
                "budget.csv:1:1 table 'budget' of budget.csv has 1 row that no loaded rule reads, so it is not checked; its header has 4 of the 9 columns of 'financials' but not final_budget, funds_available, funds_available_pct, expenditure or expenditure_pct — to check it as financials, map its header names in .crossfoot.yaml: tables: {financials: {headers: {final_budget: [\"Final budget [[]USD][*]\"], funds_available: [\"Funds available (USD)\"], expenditure: [\"Expenditure (USD)\"]}}}; no header name looks like funds_available_pct or expenditure_pct (those not taken: 'Funds available %', 'Expenditure %')"
            ])
        // The suggested glob matches the name it was made from, and only that.
        #expect(TableSchema.financials.with(headers: ["final_budget": ["Final budget [[]USD][*]"]]).column(forHeader: "Final budget [USD]*") == "final_budget")
        #expect(TableSchema.financials.with(headers: ["final_budget": ["Final budget [[]USD][*]"]]).column(forHeader: "Final budget [USD]") == nil)
    }
}

extension TableSchema {
    func with(headers: [String: [String]]) -> TableSchema {
        var schema = self
        schema.headers = headers
        return schema
    }
}
