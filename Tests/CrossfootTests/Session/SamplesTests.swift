import Foundation
import Testing

@testable import Crossfoot

/// The samples stay what the README says they are.
@Suite("Samples") struct SamplesTests {
    /// FNV-1a, 64 bits: enough to notice an edited sample.
    static func fingerprint(_ bytes: [UInt8]) -> UInt64 {
        bytes.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }

    /// The samples are the seed files byte for byte (../shared/seeds/000_… and 002_…), quirks
    /// included, and the readers take from them the tables the README describes: the report's 79
    /// indicator rows and 12 financial rows, and the page's three chart series.
    @Test func theSamplesAreTheSeedsAndReadAsTheyShould() throws {
        let report = try FileSystem.read(Support.path(Support.seedReportPath))
        #expect(report.count == 56_837)
        #expect(Self.fingerprint(report) == 0x25f0_0744_64cd_43f2)
        let page = try FileSystem.read(Support.path(Support.seedPagePath))
        #expect(page.count == 7_569)
        #expect(Self.fingerprint(page) == 0xb00d_b06c_780b_86f2)

        func shape(_ data: Dataset) -> [String] {
            data.tables.map { "\($0.name): \($0.rowCount) rows × \($0.columns.count) columns" }
        }
        /// A column's texts as read, each once, in order of first appearance.
        func distinct(_ data: Dataset, _ table: String, _ column: String) -> [String] {
            guard let t = data.table(named: table), let c = t.columnIndex(column) else { return [] }
            var seen: [String] = []
            for row in 0..<t.rowCount where !seen.contains(t.rawText(row: row, column: c)) { seen.append(t.rawText(row: row, column: c)) }
            return seen
        }
        let reportData = try InputReader.read(SourceFile(path: Support.seedReportPath, bytes: report), format: .report)
        #expect(shape(reportData) == ["indicators: 79 rows × 13 columns", "financials: 12 rows × 9 columns"])
        #expect(reportData.issues.isEmpty)
        // Codes as written, in report order: `13.2.` keeps its dot, `02.1.1` its zero.
        #expect(
            distinct(reportData, "indicators", "indicator_code") == [
                "1.1", "1.2", "4.1", "4.2a", "4.2b", "4.3a", "4.3b", "2.2", "2.3", "3.1", "3.2a", "3.2b", "3.3", "1.3", "02.1.1",
                "3.2", "03.1.1", "8.1", "08.1.1", "13.2.", "16.2", "16.2.1", "06.1.1", "07.1.1", "07.2.1", "07.3.1", "10.1.1", "14.1.1", "15.1.1",
            ])
        #expect(
            distinct(reportData, "financials", "area") == [
                "IA1: Protect", "IA4: Solve", "All Impact Areas", "Total",
                "OA1: Access/Doc", "OA2: Status", "OA3: Policy/Law", "OA8: Well-being", "OA13: Livelihood", "OA16: Integrate", "All Outcome Areas",
            ])
        let pageData = try InputReader.read(SourceFile(path: Support.seedPagePath, bytes: page), format: .chart)
        #expect(shape(pageData) == ["trend: 6 rows × 3 columns", "budget_by_pillar: 6 rows × 5 columns", "expenditure_by_pillar: 6 rows × 5 columns"])
        #expect(distinct(pageData, "trend", "year") == ["2016", "2017", "2018", "2019", "2020", "2021"])
        #expect(pageData.issues.isEmpty)
    }

    @Test func extractedCSVIsInStepWithTheReport() throws {
        let data = try Support.dataset(try Support.read(Support.seedReportPath), path: Support.seedReportPath)
        for schema in [TableSchema.indicators, TableSchema.financials] {
            let table = try #require(data.table(named: schema.name))
            #expect(
                CSVWriter.csv(table, columns: schema.columns) == (try Support.read("Samples/kazakhstan-mco-2024/\(schema.name).csv")),
                "run: swift run crossfoot extract \(Support.seedReportPath) --output Samples/kazakhstan-mco-2024")
        }
    }

    @Test func theExtractedCSVGivesTheSameFindingsAsTheReport() throws {
        let report = try Support.lint(try Support.read(Support.seedReportPath), path: "r.md")
        let csv =
            try Support.lint(try Support.read("Samples/kazakhstan-mco-2024/indicators.csv"), path: "indicators.csv")
            + (try Support.lint(try Support.read("Samples/kazakhstan-mco-2024/financials.csv"), path: "financials.csv"))
        #expect(report.map(\.rule).sorted() == csv.map(\.rule).sorted())
        #expect(Set(report.filter { $0.table == "indicators" }.map(\.message)) == Set(csv.filter { $0.table == "indicators" }.map(\.message)))
    }

    @Test func theChartJSONHoldsThePagesSeries() throws {
        let page = try Support.dataset(try Support.read(Support.seedPagePath), path: "page.txt")
        let json = try Support.dataset(try Support.read("Samples/kazakhstan-mco-2021/chart.json"), path: "chart.json")
        #expect(page.tables.map(\.name) == json.tables.map(\.name))
        for (a, b) in zip(page.tables, json.tables) {
            #expect(a.columnNames == b.columnNames)
            for r in 0..<a.rowCount {
                for c in 0..<a.columns.count {
                    #expect(a.value(row: r, column: c) == b.value(row: r, column: c))
                }
            }
        }
    }

    @Test func theCustomRulesSampleFindsItsPlantedSlips() throws {
        let rules = RuleCompiler.compile([SourceFile(path: "cash-rules.yaml", bytes: Array(try Support.read("Samples/custom-rules/cash-rules.yaml").utf8))])
        let set = try #require(rules.ruleSet)
        let findings = try Support.lint(try Support.read("Samples/custom-rules/cash-distributions.csv"), path: "cash-distributions.csv", rules: set)
        #expect(
            Support.points(findings) == ["amount-recomputes@4:25", "site-code@8:1", "monthly-total@9:15", "households-reached@11:16", "currency-known@12:33"])
    }
}
