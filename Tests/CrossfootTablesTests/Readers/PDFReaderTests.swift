import Foundation
import Testing

@testable import Crossfoot

/// The published report as a PDF (Tests/CrossfootTests/Fixtures/pdf/make-pdf.py draws the sample
/// report with ReportLab), read through poppler: the same rows, cells and findings as the
/// tab-separated report, each with its page.
@Suite("PDF reader", .enabled(if: Tools.poppler, "poppler's GLib library is not installed (apt-get install libpoppler-glib8); .ci/run installs it"))
struct PDFReaderTests {
    static let folder = "Tests/CrossfootTests/Fixtures/pdf/"

    static func dataset(_ path: String) throws -> Dataset {
        try #require(try InputReader.read(path))
    }

    static func findings(_ path: String) throws -> [Finding] {
        Validator(ruleSet: Support.defaultRules).validate(try dataset(path)).findings
    }

    @Test func theSamplePDFGivesEveryRowAndFindingOfTheTabLayout() throws {
        let pdf = try Self.dataset(Self.folder + "report.pdf")
        #expect(pdf.format == .pdf)
        try ReportLayoutTests.expectSameTables(pdf, as: try ReportLayoutTests.dataset(Support.seedReportPath), "report.pdf")
        #expect(try Self.findings(Self.folder + "report.pdf").map { "\($0.rule): \($0.message)" } == (try ReportLayoutTests.findings(Support.seedReportPath)))
    }

    @Test func theUzbekistanDropIsReportedOnThePageItIsDrawnOn() throws {
        let findings = try Self.findings(Self.folder + "report.pdf")
        let drop = try #require(findings.first { $0.rule == "steep-drop" && $0.message.hasPrefix("Uzbekistan") && $0.message.contains("1.2 ") })
        #expect(drop.location.description == Self.folder + "report.pdf:page 3:42:97")
        // The line and column land on the value in the text as read, page by page.
        let file = try InputReader.text(of: Self.folder + "report.pdf")
        let page = try #require(drop.location.page)
        #expect(file.pageStarts[Int(page.page) - 1] + Int(page.line) - 1 == drop.location.line)
        let line = file.lineText(drop.location.line)
        #expect(String(line.unicodeScalars.dropFirst(drop.location.column - 1).prefix(5)) == "0.06%")
        #expect(line.hasPrefix("  Uzbekistan "))
    }

    @Test func aTableBrokenAcrossPagesKeepsItsIndicatorUnderTheRepeatedHeader() throws {
        // 4.2b starts at the foot of page 4; its Kyrgyzstan row is drawn on page 5 under the
        // header repeated there.
        let table = try #require(try Self.dataset(Self.folder + "report.pdf").table(named: "indicators"))
        let code = try #require(table.columnIndex("indicator_code"))
        let country = try #require(table.columnIndex("country"))
        let rows = (0..<table.rowCount).filter { FindingBuilder.displayText(table, row: $0, column: code) == "4.2b" }
        let countries = rows.map { FindingBuilder.displayText(table, row: $0, column: country) }
        #expect(countries == ["Kazakhstan", "Kyrgyzstan", "Turkmenistan", "Uzbekistan"])
        let pages = rows.compactMap { table.rowPosition(row: $0)?.page?.page }
        #expect(pages == [4, 5, 5, 5])
    }

    @Test func aSingleCountryPDFGivesTheRowsOfItsText() throws {
        let pdf = try Self.dataset(Self.folder + "no-country.pdf")
        let text = try ReportLayoutTests.dataset(ReportLayoutTests.folder + "no-country.md")
        #expect(pdf.table(named: "indicators")?.rowCount == 36)
        try ReportLayoutTests.expectSameTables(pdf, as: text, "no-country.pdf")
        #expect(
            try Self.findings(Self.folder + "no-country.pdf").map { "\($0.rule): \($0.message)" }
                == (try ReportLayoutTests.findings(ReportLayoutTests.folder + "no-country.md")))
    }

    @Test func aPDFWhoseTablesWereFlattenedToTextIsReadRowByRowAndWhatCannotBeIsSaid() throws {
        // Every table row drawn as one line of text, its cells one space apart: rows are split by
        // what each column holds; a row with an empty cell cannot be, and is said on its page.
        let dataset = try Self.dataset(Self.folder + "flattened.pdf")
        #expect(
            ReportLayoutTests.cells(try #require(dataset.table(named: "indicators")))
                == (try ReportLayoutTests.tabRows("indicators", without: [("3.2a", "Uzbekistan"), ("13.2", "Kazakhstan")])))
        #expect(
            ReportLayoutTests.cells(try #require(dataset.table(named: "financials")))
                == (try ReportLayoutTests.tabRows("financials", areas: ["All Impact Areas", "All Outcome Areas"])))
        let unread = dataset.issues.filter { $0.rule.hasPrefix("unread") }
        #expect(
            unread.map { "\($0.rule)@page \($0.location.page?.page ?? 0):\($0.location.page?.line ?? 0)" } == [
                "unread-row@page 6:25", "unread-row@page 12:32", "unread-row@page 15:7", "unread-row@page 15:17", "unread-table@page 12:30",
            ])
        #expect(
            unread.last?.message
                == "this looks like a table header naming Country, Population Type, Baseline, Target and Actual, but its columns are drawn so close together in the PDF that they cannot be told apart (one space apart in the text that `crossfoot extract --text` shows), and no line under it could be split into those columns by what each holds, so no row under it was read (an indicator table needs Baseline or Actual, and Country, Population Type or Target beside it, each in a cell of its own)"
        )
    }

    @Test func pagesAreSetApartByAFormFeedLine() throws {
        let file = try InputReader.text(of: Self.folder + "report.pdf")
        #expect(file.pageStarts.count == 16)
        #expect(file.pageStarts.first == 1)
        for start in file.pageStarts.dropFirst() {
            #expect(file.lineText(start - 1) == "\u{0C}")
        }
        #expect(file.location(ofOffset: 0).page == .init(page: 1, line: 1))
    }

    @Test(
        "a PDF that cannot be read is an error naming the file",
        arguments: [
            ("encrypted.pdf", "cannot read this PDF: it is encrypted and needs a password (save it without one, or print it to a new PDF)"),
            ("truncated.pdf", "cannot read this PDF: it is damaged or not a PDF"),
            ("not-a.pdf", "cannot read this PDF: it is damaged or not a PDF"),
        ])
    func unreadablePDFs(name: String, message: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crossfoot-pdf-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let report = try Data(contentsOf: URL(fileURLWithPath: Self.folder + "report.pdf"))
        let encrypted = try Data(contentsOf: URL(fileURLWithPath: Self.folder + "encrypted.pdf"))
        let bytes: Data =
            switch name {
            case "encrypted.pdf": encrypted
            case "truncated.pdf": report.prefix(4000)
            default: Data("Annual Results Report\n2024\n".utf8)
            }
        let path = folder + "/" + name
        try bytes.write(to: URL(fileURLWithPath: path))
        do {
            _ = try InputReader.read(path)
            Issue.record("\(name) was read")
        } catch {
            #expect(error.path == path)
            #expect(error.message.hasPrefix(message), "\(error.message)")
        }
    }

    @Test func theTextOfAPDFIsBoundedByTheFileSizeLimit() throws {
        // The PDF is 52 KB; its text is longer than 60,000 bytes.
        do {
            _ = try InputReader.read(Self.folder + "report.pdf", maxFileSize: 60_000)
            Issue.record("read")
        } catch {
            #expect(error.message.hasPrefix("the text of this PDF is more than the limit of "))
            #expect(error.message.hasSuffix("(raise it with --max-file-size)"))
        }
    }

    @Test func aPageCountBeyondWhatTheFileCanHoldIsRefused() {
        #expect(PDFReader.maxPages(forSize: 40_000) == 1_000)
        #expect(PDFReader.maxPages(forSize: 100) == 16)
    }

    @Test func aPDFIsKnownByItsContentWhateverItsName() throws {
        #expect(PDFReader.looksLikePDF(Array("%PDF-1.4\n".utf8)))
        #expect(PDFReader.looksLikePDF(Array(("junk before\n" + "%PDF-1.7\n").utf8)))
        // A text that mentions the marker inside a line is not a PDF.
        #expect(!PDFReader.looksLikePDF(Array("Annual Results Report: see the %PDF-1.4 file\n".utf8)))
        #expect(!PDFReader.looksLikePDF(Array("Annual Results Report\n".utf8)))
        #expect(InputReader.isPDF(path: "report.bin", bytes: Array("%PDF-1.4\n".utf8), format: nil))
        #expect(InputReader.isPDF(path: "x/report.PDF", bytes: [], format: nil))
        #expect(!InputReader.isPDF(path: "report.pdf", bytes: [], format: .csv))
    }
}

/// How glyphs become lines and columns.
@Suite("PDF layout") struct PDFLayoutTests {
    /// Glyphs of `text` set from `x` at `width` points each, on the line at `y`.
    static func glyphs(_ text: String, x: Double, y: Double, width: Double = 5, height: Double = 9) -> [Poppler.Glyph] {
        text.unicodeScalars.enumerated().map { k, scalar in
            let left = x + Double(k) * width
            return Poppler.Glyph(scalar: scalar, x1: left, y1: y, x2: left + width, y2: y + height)
        }
    }

    static func text(_ glyphs: [Poppler.Glyph]) -> String {
        String(decoding: PDFLayout.text(of: glyphs), as: UTF8.self)
    }

    @Test func aSpaceOfTheFontIsOneSpaceAndACellGapTwoOrMore() {
        // "Refugees and" (a space glyph is dropped; the gap of one width is a space) and a value
        // drawn 60 points to the right.
        let glyphs =
            Self.glyphs("Kazakhstan", x: 50, y: 100) + Self.glyphs("Refugees", x: 150, y: 100) + Self.glyphs("and", x: 195, y: 100)
            + Self.glyphs("65.31%", x: 270, y: 100)
        // A column is four fifths of the median glyph width (4 points): Refugees at 100 points
        // from the margin is column 25, the value at 220 points column 55.
        let expected = "Kazakhstan" + String(repeating: " ", count: 15) + "Refugees and" + String(repeating: " ", count: 18) + "65.31%\n"
        #expect(Self.text(glyphs) == expected)
    }

    @Test func glyphsOnOneBaselineMakeALineWhateverTheirOrder() {
        let glyphs = Self.glyphs("world", x: 100, y: 100).reversed() + Self.glyphs("Second", x: 50, y: 120) + Self.glyphs("Hello", x: 50, y: 100.5)
        #expect(Self.text(Array(glyphs)) == "Hello        world\nSecond\n")
    }

    @Test func aWideGapAboveALineIsABlankLine() {
        let glyphs = Self.glyphs("Heading", x: 50, y: 100) + Self.glyphs("Prose", x: 50, y: 140)
        #expect(Self.text(glyphs) == "Heading\n\nProse\n")
    }

    @Test func aGlyphDrawnTwiceOverItselfIsReadOnce() {
        let glyphs = Self.glyphs("Total", x: 50, y: 100) + Self.glyphs("Total", x: 50.3, y: 100)
        #expect(Self.text(glyphs) == "Total\n")
    }

    @Test func aPageWithoutTextIsOneEmptyLine() {
        #expect(Self.text([]) == "\n")
        #expect(Self.text(Self.glyphs("   ", x: 50, y: 100)) == "\n")
    }

    @Test func locationsInAPDFSayTheirPage() {
        let file = SourceFile(path: "r.pdf", bytes: Array("a\nb\n\u{0C}\nc\nd\n".utf8), pageStarts: [1, 4])
        let d = file.location(ofOffset: 8)
        #expect(d.line == 5)
        #expect(d.page == .init(page: 2, line: 2))
        #expect(d.description == "r.pdf:page 2:2:1")
        #expect(d.shownLine == 2)
        #expect(file.location(ofOffset: 2).description == "r.pdf:page 1:2:1")
        #expect(SourceFile(path: "r.md", bytes: Array("a\nb\n".utf8)).location(ofOffset: 2).description == "r.md:2:1")
    }
}
