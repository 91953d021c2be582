import Testing

@testable import Crossfoot

@Suite("Report reader") struct ReportReaderTests {
    static let seed: Dataset = {
        do {
            return try Support.dataset(try Support.read(Support.seedReportPath), path: Support.seedReportPath)
        } catch {
            fatalError("cannot read the seed report: \(error)")
        }
    }()

    var indicators: Table { Self.seed.table(named: "indicators")! }
    var financials: Table { Self.seed.table(named: "financials")! }

    /// The indicator row of `code` for `country` (and population type, when given).
    func row(_ code: String, _ country: String, _ population: String? = nil) -> Int? {
        (0..<indicators.rowCount).first { r in
            indicators.value(row: r, column: "indicator_code") == .text(code)
                && indicators.value(row: r, column: "country") == .text(country)
                && (population.map { indicators.value(row: r, column: "population_type") == .text($0) } ?? true)
        }
    }

    func text(_ r: Int, _ column: String) -> String {
        FindingBuilder.displayText(indicators, row: r, column: indicators.columnIndex(column)!)
    }

    func at(_ r: Int, _ column: String) -> String {
        let l = indicators.location(row: r, column: indicators.columnIndex(column)!)
        return "\(l.line):\(l.column)"
    }

    @Test func readsEveryTable() {
        #expect(Self.seed.format == .report)
        #expect(indicators.rowCount == 79)
        #expect(financials.rowCount == 12)
        #expect(indicators.columnNames == TableSchema.indicators.columns)
        #expect(financials.columnNames == TableSchema.financials.columns)
        #expect(Self.seed.issues.isEmpty)
    }

    @Test func operationAndYearComeFromTheTitle() throws {
        let r = try #require(row("1.1", "Kazakhstan"))
        #expect(text(r, "operation") == "Kazakhstan MCO")
        #expect(text(r, "year") == "2024")
        #expect(at(r, "operation") == "7:3")
        #expect(at(r, "year") == "5:3")
    }

    @Test func impactAreaHeadingSetsAreaAndKind() throws {
        let r = try #require(row("1.2", "Uzbekistan"))
        #expect(text(r, "area_kind") == "impact")
        #expect(text(r, "area") == "IA1: Attaining Favorable Protection Environments")
        #expect(text(r, "indicator_kind") == "impact")
        #expect(text(r, "indicator") == "Proportion of people who are able to move freely within the country of habitual residence")
        #expect(text(r, "baseline") == "100.00%")
        #expect(text(r, "actual") == "0.06%")
        #expect(text(r, "unit") == "percent")
        #expect(indicators.value(row: r, column: "target") == .missing)
        #expect(at(r, "actual") == "83:48")
        #expect(at(r, "indicator_code") == "79:1")
        #expect(at(r, "indicator") == "79:5")
    }

    @Test func boldTitlesAndThousandsSeparators() throws {
        let r = try #require(row("4.3a", "Kazakhstan"))
        #expect(text(r, "indicator") == "Number of stateless people for whom nationality is granted or confirmed")
        #expect(text(r, "area") == "IA4: Securing Solutions")
        #expect(indicators.value(row: r, column: "baseline") == .number(Number(2240), percent: false))
        #expect(text(r, "baseline") == "2,240")
        #expect(text(r, "unit") == "number")
        #expect(at(r, "indicator_code") == "132:4")
    }

    @Test func blankLinesInsideATableKeepItOpen() throws {
        // 4.2b has a blank line before Turkmenistan; 3.2b has three.
        #expect(row("4.2b", "Turkmenistan") != nil)
        #expect(row("4.2b", "Uzbekistan") != nil)
        let r = try #require(row("3.2b", "Turkmenistan"))
        #expect(at(r, "country") == "199:1")
    }

    @Test func headerWithoutIndicatorLineAndActualWithoutSpace() throws {
        // "Other Core Impact Indicators": no "Indicator" line, header "Actual(2024)".
        let r = try #require(row("2.2", "Kazakhstan", "Stateless Persons"))
        #expect(text(r, "area_kind") == "impact")
        #expect(indicators.value(row: r, column: "area") == .missing)
        #expect(text(r, "indicator_kind") == "impact")
        #expect(text(r, "actual") == "100.00%")
    }

    @Test func emptyBaselinePointsWhereTheValueWouldStart() throws {
        let r = try #require(row("3.2a", "Uzbekistan"))
        #expect(indicators.value(row: r, column: "baseline") == .missing)
        #expect(at(r, "baseline") == "192:40")
    }

    @Test func outcomeAndOutputIndicators() throws {
        let outcome = try #require(
            row("1.1", "Kazakhstan", "Refugees and Asylum-seekers").flatMap { first in
                (first + 1..<indicators.rowCount).first {
                    indicators.value(row: $0, column: "indicator_kind") == .text("outcome")
                        && indicators.value(row: $0, column: "indicator_code") == .text("1.1")
                } ?? first
            })
        #expect(text(outcome, "area") == "OA1: Access to Territory, Reg. and Documentation")
        #expect(text(outcome, "target") == "90.00%")
        // A 3-column output table: only Actual.
        let output = try #require(row("02.1.1", "Kazakhstan"))
        #expect(text(output, "indicator_kind") == "output")
        #expect(text(output, "area_kind") == "outcome")
        #expect(text(output, "area") == "OA2: Status Determination")
        #expect(text(output, "actual") == "Yes")
        #expect(text(output, "unit") == "text")
        #expect(indicators.value(row: output, column: "baseline") == .missing)
    }

    @Test func textValuesAndOrdinalWords() throws {
        let r = try #require(row("3.1", "Kazakhstan", "None"))
        #expect(text(r, "baseline") == "Unknown")
        #expect(text(r, "target") == "Progressing toward alignment")
        #expect(text(r, "unit") == "text")
        #expect(text(r, "area") == "OA3: Protection Policy and Law")
    }

    @Test func codesWithTrailingDotAndLeadingZero() throws {
        let r = try #require(row("13.2", "Kazakhstan"))
        #expect(indicators.value(row: r, column: "target") == .missing)
        #expect(at(r, "target") == "425:47")
        #expect(row("13.2.", "Kazakhstan") == nil)
        #expect(row("08.1.1", "Kazakhstan") != nil)
    }

    @Test func htmlEntitiesAreDecoded() throws {
        let r = try #require(row("07.2.1", "Kazakhstan"))
        #expect(text(r, "indicator") == "Number of people who used UNHCR- supported feedback & response mechanisms to voice their needs/ concerns/feedback")
        #expect(text(r, "area_kind") == "outcome")
        #expect(indicators.value(row: r, column: "area") == .missing)
        #expect(text(r, "indicator_kind") == "output")
    }

    @Test func financialTables() throws {
        func value(_ r: Int, _ c: String) -> CellValue { financials.value(row: r, column: c) }
        #expect(value(0, "table") == .text("impact"))
        #expect(value(0, "area") == .text("IA1: Protect"))
        #expect(value(0, "funds_available_pct") == .number(Number(significand: 9378, exponent: -2), percent: true))
        #expect(value(2, "area") == .text("All Impact Areas"))
        #expect(value(2, "final_budget") == .missing)
        #expect(value(2, "funds_available") == .number(Number(176_122), percent: false))
        #expect(value(3, "area") == .text("Total"))
        #expect(value(3, "final_budget") == .number(Number(6_409_690), percent: false))
        let total = financials.location(row: 3, column: financials.columnIndex("final_budget")!)
        #expect("\(total.line):\(total.column)" == "521:17")
        #expect(value(4, "table") == .text("outcome"))
        #expect(value(4, "area") == .text("OA1: Access/Doc"))
        #expect(value(11, "area") == .text("Total"))
    }

    @Test func byteOrderMarkAndCRLFChangeNothing() throws {
        let text = try Support.read(Support.seedReportPath)
        let crlf = "\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n")
        let plain = try Support.lint(text, path: "r.md")
        let windows = try Support.lint(crlf, path: "r.md")
        #expect(Support.points(windows) == Support.points(plain))
        #expect(windows.map(\.message) == plain.map(\.message))
        #expect(!plain.isEmpty)
    }

    static let small = """
        # Annual Results Report

        **2024**

        **Test Office**

        #### 2. Outcome Area: Status Determination

        Country\tPopulation Type\tBaseline\tTarget (2024)\tActual (2023)
        <b>2.3 Proportion of appeals</b>\t\t\t\t
        Kazakhstan\tRefugees\t10.00%\t20.00%\t30.00%
        \u{00A0}\u{00A0}
        Kyrgyzstan\tRefugees\t10.00%\t20.00%\t30.00%
        Some prose that ends the table.
        Tajikistan\tRefugees\t10.00%\t20.00%\t30.00%

        """

    @Test func residueKeepsATableOpenAndProseEndsIt() throws {
        let data = try Support.dataset(Self.small, path: "small.md")
        let table = try #require(data.table(named: "indicators"))
        #expect(table.rowCount == 2)
        #expect(table.value(row: 1, column: "country") == .text("Kyrgyzstan"))
        #expect(table.value(row: 0, column: "area") == .text("OA2: Status Determination"))
        #expect(table.value(row: 0, column: "operation") == .text("Test Office"))
    }

    @Test func anActualHeaderWithAnotherYearIsAFinding() throws {
        let findings = try Support.lint(Self.small, path: "small.md")
        let year = findings.filter { $0.rule == "report-year" }
        #expect(year.count == 1)
        #expect(year.first?.message == "the column header says Actual (2023), but this is the 2024 report")
        #expect(year.first.map { "\($0.location.line):\($0.location.column)" } == "9:48")
    }

    @Test func aReportWithoutTablesIsAnError() {
        #expect(throws: Diagnostic.self) {
            _ = try Support.dataset("# Annual Results Report\n\n**2024**\n\nNo tables here.\n", path: "empty.md", format: .report)
        }
    }
}
