import Foundation
import Testing

@testable import Crossfoot

/// The sample report in the shapes real extractions give (made by
/// Tests/CrossfootTests/Fixtures/layouts/make-layouts.py): the same content must give the same
/// rows, cells and findings, each at its own place.
@Suite("Report layouts") struct ReportLayoutTests {
    static let folder = "Tests/CrossfootTests/Fixtures/layouts/"

    static func dataset(_ path: String) throws -> Dataset {
        try Support.dataset(try Support.read(path), path: path)
    }

    /// Every cell of a table as a person reads it, row by row.
    static func cells(_ table: Table) -> [[String]] {
        (0..<table.rowCount).map { r in table.columns.indices.map { FindingBuilder.displayText(table, row: r, column: $0) } }
    }

    /// Expects `other` to hold the same indicator and financial rows, cell for cell, as `reference`.
    static func expectSameTables(_ other: Dataset, as reference: Dataset, _ label: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        for name in ["indicators", "financials"] {
            let a = try #require(reference.table(named: name), sourceLocation: sourceLocation)
            let b = try #require(other.table(named: name), "\(label) \(name)", sourceLocation: sourceLocation)
            #expect(b.rowCount == a.rowCount, "\(label) \(name)", sourceLocation: sourceLocation)
            #expect(cells(b) == cells(a), "\(label) \(name)", sourceLocation: sourceLocation)
        }
    }

    /// `rule: message` of every finding, in order, without places.
    static func findings(_ path: String) throws -> [String] {
        try Support.lint(try Support.read(path), path: path).map { "\($0.rule): \($0.message)" }
    }

    @Test("the same rows and cells as the tab-separated report", arguments: ["pipes.md", "header-variants.md", "no-target.md", "report.html", "spaces.txt"])
    func sameRows(layout: String) throws {
        let tabs = try Self.dataset(Support.seedReportPath)
        let other = try Self.dataset(Self.folder + layout)
        for name in ["indicators", "financials"] {
            let a = try #require(tabs.table(named: name))
            let b = try #require(other.table(named: name))
            #expect(b.rowCount == a.rowCount, "\(layout) \(name)")
            if layout == "no-target.md", name == "indicators" {
                // Only the target differs: it is empty everywhere.
                let target = try #require(b.columnIndex("target"))
                #expect((0..<b.rowCount).allSatisfy { b.value(row: $0, column: target) == .missing })
                var withoutTarget = Self.cells(a)
                for r in withoutTarget.indices { withoutTarget[r][target] = "" }
                #expect(Self.cells(b) == withoutTarget)
            } else {
                #expect(Self.cells(b) == Self.cells(a), "\(layout) \(name)")
            }
        }
        #expect(tabs.table(named: "indicators")?.rowCount == 79)
        #expect(tabs.table(named: "financials")?.rowCount == 12)
    }

    @Test("the same findings as the tab-separated report", arguments: ["pipes.md", "header-variants.md", "report.html", "spaces.txt"])
    func sameFindings(layout: String) throws {
        #expect(try Self.findings(Self.folder + layout) == Self.findings(Support.seedReportPath))
    }

    @Test func withoutTargetOnlyTargetPresentDiffers() throws {
        let tabs = try Self.findings(Support.seedReportPath).filter { !$0.hasPrefix("target-present") }
        let other = try Self.findings(Self.folder + "no-target.md").filter { !$0.hasPrefix("target-present") }
        #expect(other == tabs)
    }

    @Test func htmlIsFoundInFoldersAndExtracted() throws {
        let dir = NSTemporaryDirectory() + "crossfoot-html-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Support.path(Self.folder + "report.html"), toPath: dir + "/report.html")
        let out = try CLI.run(["lint", dir, "--format", "text", "--fail-on", "never"])
        #expect(out.stdout.hasSuffix("0 errors, 13 warnings, 3 infos in 1 file; 91 rows checked by 19 rules\n"))
        let extract = try CLI.run(["extract", dir + "/report.html", "--output", dir + "/out"])
        #expect(extract.status == 0)
        #expect(try String(contentsOfFile: dir + "/out/indicators.csv", encoding: .utf8) == (try Support.read("Samples/kazakhstan-mco-2024/indicators.csv")))
    }

    @Test func pipeCellsPointAtTheirOwnPlace() throws {
        let path = Self.folder + "pipes.md"
        let findings = try Support.lint(try Support.read(path), path: path)
        let drop = try #require(findings.first { $0.rule == "steep-drop" && $0.message.hasPrefix("Uzbekistan") })
        let line = try Support.read(path).split(separator: "\n", omittingEmptySubsequences: false)[drop.location.line - 1]
        #expect(line == "| Uzbekistan | Refugees and Asylum-seekers | 100.00% | 0.06% |")
        #expect(drop.location.column == 56)
        #expect(line.unicodeScalars.dropFirst(55).prefix(5).map(String.init).joined() == "0.06%")
    }

    @Test func aSingleCountryReportTakesTheCountryFromTheOperation() throws {
        let path = Self.folder + "no-country.md"
        let dataset = try Self.dataset(path)
        let indicators = try #require(dataset.table(named: "indicators"))
        #expect(indicators.rowCount == 36)
        #expect(dataset.table(named: "financials")?.rowCount == 12)
        let countries = Set((0..<indicators.rowCount).map { indicators.value(row: $0, column: "country") })
        #expect(countries == [.text("Kazakhstan MCO")])
        // Kazakhstan's own findings, as in the full report.
        let rules = try Support.lint(try Support.read(path), path: path).map(\.rule)
        #expect(rules.sorted() == ["funds-above-budget", "funds-above-budget", "steep-drop", "target-present"])
        let full = try Support.lint(try Support.read(Support.seedReportPath), path: Support.seedReportPath)
        #expect(full.filter { $0.message.hasPrefix("Kazakhstan,") || $0.rule == "funds-above-budget" }.map(\.rule).sorted() == rules.sorted())
    }

    /// The tab report's rows without those whose indicator code and country are given.
    static func tabRows(_ table: String, without drop: [(code: String, country: String)] = [], areas: [String] = []) throws -> [[String]] {
        let tabs = try #require(try dataset(Support.seedReportPath).table(named: table))
        let code = tabs.columnIndex("indicator_code")
        let country = tabs.columnIndex("country")
        let area = tabs.columnIndex("area")
        return cells(tabs).filter { row in
            if let code, let country, drop.contains(where: { row[code] == $0.code && row[country] == $0.country }) { return false }
            if let area, areas.contains(row[area]) { return false }
            return true
        }
    }

    @Test func cellsSeparatedBySingleSpacesAreSplitByWhatEachColumnHolds() throws {
        // Every row whose cells can be told apart one way only is read; a row with an empty
        // cell cannot be (which cell is empty?) and is said, never guessed.
        let path = Self.folder + "single-spaces.md"
        let dataset = try Self.dataset(path)
        let indicators = try #require(dataset.table(named: "indicators"))
        let financials = try #require(dataset.table(named: "financials"))
        #expect(Self.cells(indicators) == (try Self.tabRows("indicators", without: [("3.2a", "Uzbekistan"), ("13.2", "Kazakhstan")])))
        #expect(indicators.rowCount == 77)
        #expect(Self.cells(financials) == (try Self.tabRows("financials", areas: ["All Impact Areas", "All Outcome Areas"])))
        let findings = try Support.lint(try Support.read(path), path: path)
        #expect(
            Support.points(findings.filter { $0.rule.hasPrefix("unread") }) == [
                "unread-row@192:1", "unread-table@423:1", "unread-row@425:1", "unread-row@520:1", "unread-row@530:1",
            ])
        #expect(
            findings.first { $0.rule == "unread-row" }?.message
                == "this line holds numbers but its cells are not separated by tabs, '|' or two or more spaces, and it could not be split into the table's columns by what each holds: a cell may be empty (with cells one space apart there is no telling which), or hold a population type or text value the reader does not know. It was not read; check it by hand, or lint the PDF itself or `pdftotext -layout` text, which keep the columns apart"
        )
        let out = try CLI.run(["lint", path, "--format", "text"])
        #expect(out.status == 1)
    }

    @Test func aTableWhoseColumnsCannotBeToldApartIsAnUnreadTableNeverZeroRows() throws {
        // A column the reader does not know (Sex), with cells one space apart: no row can be
        // split, so the header is an unread-table and each row an unread-row.
        let path = "r.md"
        let text =
            "# Annual Results Report\n\n**2024**\n\n**Kazakhstan MCO**\n\n### 1. Impact Area: Attaining Favorable Protection Environments\n\n"
            + "Country Population Type Sex Baseline Actual (2024)\n1.1 Proportion of people who are able to access asylum procedures\n"
            + "Kazakhstan Refugees and Asylum-seekers Female 65.31% 100.00%\nKyrgyzstan Refugees and Asylum-seekers Male 100.00% 100.00%\n"
        #expect(try Support.dataset(text, path: path).tables.allSatisfy { $0.rowCount == 0 })
        let findings = try Support.lint(text, path: path)
        #expect(Support.points(findings) == ["unread-table@9:1", "unread-row@11:1", "unread-row@12:1"])
        #expect(
            findings.first?.message
                == "this looks like a table header naming Country, Population Type, Baseline and Actual, but its columns are not separated by tabs, '|' or two or more spaces, and no line under it could be split into those columns by what each holds, so no row under it was read (an indicator table needs Baseline or Actual, and Country, Population Type or Target beside it, each in a cell of its own)"
        )
        #expect(findings.first?.severity == .error)
    }

    @Test func aRowThatLostItsTabsInsideATabTableIsSplitByWhatItsColumnsHold() throws {
        // A country of two words, a known population type, text values, and a phrase wrapped
        // onto the next line.
        let text =
            "# Annual Results Report\n\n**2024**\n\n**Kazakhstan MCO**\n\n### 1. Impact Area: Attaining Favorable Protection Environments\n\n"
            + "Country\tPopulation Type\tBaseline\tTarget (2024)\tActual (2024)\n3.1 Extent national legal framework is in line with the 1951 Convention\t\t\t\t\n"
            + "Kazakhstan\tNone\tUnknown\tNot aligned\tBroadly aligned\nKyrgyz Republic Stateless Persons Unknown Not aligned Progressing toward\nalignment\n"
        let dataset = try Support.dataset(text, path: "r.md")
        let table = try #require(dataset.table(named: "indicators"))
        #expect(
            Self.cells(table).map { Array($0.suffix(6)) } == [
                ["Kazakhstan", "None", "text", "Unknown", "Not aligned", "Broadly aligned"],
                ["Kyrgyz Republic", "Stateless Persons", "text", "Unknown", "Not aligned", "Progressing toward alignment"],
            ])
        #expect(dataset.issues.isEmpty)
        let actual = try #require(table.columnIndex("actual"))
        let place = table.location(row: 1, column: actual)
        #expect("\(place.line):\(place.column)" == "12:55")
    }

    @Test func headerVariantsMap() {
        for (text, role) in [
            ("Actual (2024)", ReportHeader.Role.actual), ("Actual(2024)", .actual), ("Actual 2024", .actual), ("Actual", .actual),
            ("ACTUAL (2024)", .actual), ("Baseline (2022)", .baseline), ("Target (2024)", .target), ("Population type", .populationType),
            ("<b>Country</b>", .country), ("**Baseline**", .baseline),
        ] {
            #expect(ReportHeader.role(text) == role, "\(text)")
        }
        #expect(ReportHeader.role("Actual 2024 total") == nil)
        #expect(ReportHeader.year("Actual(2024)") == 2024)
        #expect(ReportHeader.year("Baseline") == nil)
    }

    @Test func aRowAfterASpaceTableEndedIsSaidNotDropped() throws {
        // A title wrapped onto a line that holds a year, then a row of text cells.
        let text =
            "Annual Results Report\n\n2024\n\nKazakhstan MCO\n\n3. Outcome Area: Protection Policy and Law\n\n"
            + "Country       Population Type    Baseline    Target (2024)                   Actual (2024)\n"
            + "3.1 Extent national legal framework is in line with the 1951 Convention and/or\nits 1967 Protocol\n"
            + "Kazakhstan    None               Unknown     Progressing toward alignment    Progressing toward alignment\n"
            + "Some prose after the table.\n"
            + "Kyrgyzstan    None               Unknown     Not aligned                     Not aligned\n"
        let dataset = try Support.dataset(text, path: "r.txt")
        let indicators = try #require(dataset.table(named: "indicators"))
        #expect(indicators.rowCount == 1)
        #expect(
            indicators.value(row: 0, column: "indicator")
                == .text("Extent national legal framework is in line with the 1951 Convention and/or its 1967 Protocol"))
        #expect(indicators.value(row: 0, column: "actual") == .text("Progressing toward alignment"))
        let findings = try Support.lint(text, path: "r.txt")
        #expect(Support.points(findings.filter { $0.rule == "unread-row" }) == ["unread-row@14:1"])
    }

    @Test func aBaselineWithAYearIsTheBaseline() throws {
        let text =
            "# Annual Results Report\n\n**2024**\n\n**Kazakhstan MCO**\n\n### 1. Impact Area: Attaining Favorable Protection Environments\n\n"
            + "Country\tPopulation Type\tBaseline (2022)\tActual (2024)\n1.1 Proportion of people who are able to access asylum procedures\t\t\t\n"
            + "Kazakhstan\tRefugees\t65.31%\t100.00%\n"
        let findings = try Support.lint(text, path: "r.md")
        #expect(!findings.contains { $0.rule == "baseline-present" })
        #expect(!findings.contains { $0.rule == "report-year" })
    }

    @Test func pageFurnitureInsideATableIsSkippedAndNumbersOutsideOneAreSaid() throws {
        let marked = Marked(
            "# Annual Results Report\n\n**2024**\n\n**Kazakhstan MCO**\n\n### 1. Impact Area: Attaining Favorable Protection Environments\n\n"
                + "Country\tPopulation Type\tBaseline\tActual (2024)\n1.1 Proportion of people who are able to access asylum procedures\t\t\t\n"
                + "Kazakhstan\tRefugees\t65.31%\t100.00%\n\u{0C}\nPage 3 of 20\n12\n- 4 -\nKyrgyzstan\tRefugees\t100.00%\t100.00%\n"
                + "Turkmenistan Refugees 1️⃣0.00%\n\nSome prose about 2024 and 36 people.\n\n2️⃣Uzbekistan\tRefugees\t5.00%\t6.00%\n")
        let dataset = try Support.dataset(marked.text, path: "r.md")
        #expect(dataset.table(named: "indicators")?.rowCount == 2)
        let findings = try Support.lint(marked.text, path: "r.md")
        let unread = findings.filter { $0.rule == "unread-row" }
        #expect(Support.points(unread) == ["unread-row@\(marked.at(1).split(separator: ":")[0]):1", "unread-row@\(marked.at(2))"])
    }
}

/// The sample report drawn as a PDF (Tests/CrossfootTests/Fixtures/pdf/make-pdf.py, ReportLab)
/// and turned back into text by real tools.
@Suite("Report text from PDF tools") struct PDFTextTests {
    static let folder = "Tests/CrossfootTests/Fixtures/pdf/"

    /// pdfplumber sets wide text cells one space apart (`Refugees and Asylum-seekers Yes`,
    /// `Progressing toward Progressing toward`): they are split where the header's columns start.
    @Test(arguments: ["report.pdftotext-layout.txt", "report.pdfplumber-layout.txt"])
    func everyRowAndFinding(text: String) throws {
        let path = Self.folder + text
        try ReportLayoutTests.expectSameTables(try ReportLayoutTests.dataset(path), as: try ReportLayoutTests.dataset(Support.seedReportPath), text)
        #expect(try ReportLayoutTests.findings(path) == ReportLayoutTests.findings(Support.seedReportPath))
    }

    @Test func theDropIsFoundWherePdftotextPutIt() throws {
        let path = Self.folder + "report.pdftotext-layout.txt"
        let findings = try Support.lint(try Support.read(path), path: path)
        let drop = try #require(findings.first { $0.rule == "steep-drop" && $0.message.hasPrefix("Uzbekistan") })
        let line = try Support.read(path).split(separator: "\n", omittingEmptySubsequences: false)[drop.location.line - 1]
        #expect(line.unicodeScalars.dropFirst(drop.location.column - 1).prefix(5).map(String.init).joined() == "0.06%")
        #expect(line.hasPrefix(" Uzbekistan "))
    }

    @Test func packedTextCellsAreSplitWhereTheHeadersColumnsStart() throws {
        let text =
            "Annual Results Report\n2024\nKazakhstan MCO\n\n1. Outcome Area: Status Determination\n\n"
            + "Country         Population Type Baseline Target (2024) Actual (2024)\n"
            + "3.1 Extent national legal framework is in line with the 1951 Convention\n"
            + "Kazakhstan      None         Unknown     Progressing toward Progressing toward\n"
            + "                                         alignment    alignment\n"
        let table = try #require(try Support.dataset(text, path: "r.txt").table(named: "indicators"))
        #expect(table.rowCount == 1)
        #expect(ReportLayoutTests.cells(table).first?.suffix(3) == ["Unknown", "Progressing toward alignment", "Progressing toward alignment"])
    }

    /// pdfminer's text (markitdown) sets every cell one space apart, breaks tables into a pipe
    /// table per row and wraps cells onto loose lines: each row is split by what its columns
    /// hold. The one row whose empty Target cell left no trace (13.2: `Kazakhstan Refugees and
    /// 51.55% 7.99%`) cannot be placed: it is an unread-row and its table an unread-table, never
    /// a guess and never an all-clear.
    @Test func markitdownTextGivesEveryRowWhoseCellsCanBeToldApart() throws {
        let path = Self.folder + "report.markitdown.md"
        let dataset = try ReportLayoutTests.dataset(path)
        let expected = try ReportLayoutTests.tabRows("indicators", without: [("13.2", "Kazakhstan")])
        #expect(expected.count == 78)
        #expect(ReportLayoutTests.cells(try #require(dataset.table(named: "indicators"))) == expected)
        #expect(ReportLayoutTests.cells(try #require(dataset.table(named: "financials"))) == (try ReportLayoutTests.tabRows("financials")))
        let findings = try Support.lint(try Support.read(path), path: path)
        let seed = try Support.lint(try Support.read(Support.seedReportPath), path: Support.seedReportPath)
        #expect(
            findings.filter { !$0.rule.hasPrefix("unread") }.map { "\($0.rule): \($0.message)" }
                == seed.filter { !($0.rule == "target-present" && $0.message.contains("13.2")) }.map { "\($0.rule): \($0.message)" })
        #expect(Support.points(findings.filter { $0.rule.hasPrefix("unread") }) == ["unread-table@630:1", "unread-row@632:1"])
        let out = try CLI.run(["lint", path, "--format", "text"])
        #expect(out.status == 1)
        #expect(out.stdout.hasSuffix("\n1 error, 13 warnings, 3 infos in 1 file; 90 rows checked by 19 rules\n"))
    }
}
