import Foundation
import Testing
@testable import Crossfoot

/// The samples stay what the README says they are.
@Suite("Samples") struct SamplesTests {
    /// FNV-1a, 64 bits: enough to notice an edited sample.
    static func fingerprint(_ bytes: [UInt8]) -> UInt64 {
        bytes.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }

    /// The samples are the seed files byte for byte (../shared/seeds/000_… and 002_…), quirks included.
    @Test func theReportAndPageAreTheSeedsAsTheyAre() throws {
        let report = try FileSystem.read(Support.path(Support.seedReportPath))
        #expect(report.count == 56_837)
        #expect(Self.fingerprint(report) == 0x25f0_0744_64cd_43f2)
        let page = try FileSystem.read(Support.path(Support.seedPagePath))
        #expect(page.count == 7_569)
        #expect(Self.fingerprint(page) == 0xb00d_b06c_780b_86f2)
    }

    @Test func extractedCSVIsInStepWithTheReport() throws {
        let data = try Support.dataset(try Support.read(Support.seedReportPath), path: Support.seedReportPath)
        for schema in [TableSchema.indicators, TableSchema.financials] {
            let table = try #require(data.table(named: schema.name))
            #expect(CSVWriter.csv(table, columns: schema.columns) == (try Support.read("Samples/kazakhstan-mco-2024/\(schema.name).csv")),
                    "run: swift run crossfoot extract \(Support.seedReportPath) --output Samples/kazakhstan-mco-2024")
        }
    }

    @Test func theExtractedCSVGivesTheSameFindingsAsTheReport() throws {
        let report = try Support.lint(try Support.read(Support.seedReportPath), path: "r.md")
        let csv = try Support.lint(try Support.read("Samples/kazakhstan-mco-2024/indicators.csv"), path: "indicators.csv")
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
        #expect(Support.points(findings) == ["amount-recomputes@4:25", "site-code@8:1", "monthly-total@9:15", "households-reached@11:16", "currency-known@12:33"])
    }
}
