import Foundation
import Testing

@testable import Crossfoot
@testable import CrossfootTables

/// The XLSX reader on workbooks written by openpyxl and XlsxWriter
/// (`Tests/CrossfootTests/Fixtures/xlsx/make-xlsx.py`), and on archives built in memory.
@Suite("XLSX reader") struct XLSXReaderTests {
    static func fixture(_ name: String) -> String { "Tests/CrossfootTests/Fixtures/xlsx/" + name }

    /// Reads a fixture workbook as `lint` does, with its path relative to the package root.
    static func read(_ name: String, rules: RuleSet = Support.defaultRules) throws -> Dataset {
        let path = fixture(name)
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Support.path(path))))
        #expect(InputReader.detect(path: path, bytes: bytes) == .xlsx)
        return try XLSXReader(schemas: rules.schemas).read(path: path, bytes: bytes)
    }

    static func lint(_ name: String, rules: RuleSet = Support.defaultRules) throws -> [Finding] {
        Validator(ruleSet: rules).validate(try read(name, rules: rules)).findings
    }

    /// `rule@'Sheet'!E12` for each finding.
    static func cells(_ findings: [Finding]) -> [String] {
        findings.map { "\($0.rule)@\(SheetMap.quoted($0.location.sheet ?? "?"))!\($0.location.cell ?? "?")" }
    }

    static func texts(_ table: Table, _ column: String) -> [String] {
        guard let c = table.columnIndex(column) else { return [] }
        return (0..<table.rowCount).map { table.value(row: $0, column: c).description }
    }

    @Test func percentFormatsGiveWrittenDecimalsNotFloatNoise() throws {
        let data = try Self.read("percent-noise.xlsx")
        let table = try #require(data.table(named: "Values"))
        #expect(Self.texts(table, "case").count == 10)
        let value = try #require(table.columnIndex("value"))
        // 0.0005999999999999999 under 0.00% is 0.06%: percent units, 2 written decimals.
        #expect(table.value(row: 0, column: value) == .number(Number(significand: 6, exponent: -2), percent: true))
        #expect(table.columns[value].number(at: 0)?.decimals == 2)
        #expect(table.columns[value].kinds[0] == .percent)
        #expect(table.rawText(row: 0, column: value) == "0.06%")
        // The text each cell shows, as the view holds it.
        #expect(
            (0..<table.rowCount).map { table.rawText(row: $0, column: value) } == [
                "0.06%", "100.00%", "65%", "0.3", "1,234,567", "12.00", "-3.5", "0", "TRUE", "1,200",
            ])
        #expect(table.columns[value].number(at: 1)?.decimals == 2)
        #expect(table.columns[value].number(at: 2) == Number(65))
        // General float noise is cut to 15 significant digits: 0.30000000000000004 is 0.3.
        #expect(table.value(row: 3, column: value) == .number(Number(significand: 3, exponent: -1), percent: false))
        #expect(table.columns[value].number(at: 3)?.decimals == 1)
        // #,##0 fixes 0 decimals (1234567.4 shows 1,234,567); 0.00 fixes 2.
        #expect(table.value(row: 4, column: value) == .number(Number(1_234_567), percent: false))
        #expect(table.columns[value].number(at: 5)?.decimals == 2)
        // XlsxWriter's cached 0 of a formula is its value; a boolean is text; a number stored as
        // text is read like a CSV cell.
        #expect(table.value(row: 7, column: value) == .number(Number(0), percent: false))
        #expect(table.value(row: 8, column: value) == .text("TRUE"))
        #expect(table.value(row: 9, column: value) == .number(Number(1200), percent: false))
        #expect(data.issues.isEmpty)
    }

    @Test func errorCellsAndUncomputedFormulasAreFindingsAtTheirCells() throws {
        let data = try Self.read("errors.xlsx")
        let table = try #require(data.table(named: "Checks"))
        #expect(Self.texts(table, "total") == ["", ""])
        let findings = data.issues.map(\.finding)
        #expect(Self.cells(findings) == ["formula-error@'Checks'!D2", "formula-not-computed@'Checks'!D3"])
        #expect(findings.map(\.severity) == [.error, .warning])
        #expect(findings[0].message == "total in 'Checks'!D2 holds the error value #DIV/0!: its formula failed, so the cell is read as empty and not checked")
        #expect(findings[1].message.hasPrefix("total in 'Checks'!D3 has the formula =B3+C3 but no computed value"))
        #expect(findings[0].location.description == "\(Self.fixture("errors.xlsx")):'Checks'!D2")
        #expect(findings.map(\.table) == ["Checks", "Checks"])
        #expect(findings.map(\.column) == ["total", "total"])
    }

    @Test func verticalMergesFillTextNeverNumbers() throws {
        let data = try Self.read("merged.xlsx")
        let table = try #require(data.table(named: "Merged"))
        // The title merged across A1:D1 is one text cell, not the header.
        #expect(table.columnNames == ["Country", "Population Type", "Baseline", "Actual"])
        #expect(data.headers.map { $0.location.cell } == ["A2"])
        #expect(Self.texts(table, "Country") == ["Kazakhstan", "Kazakhstan", "Kazakhstan", "Uzbekistan"])
        #expect(Self.texts(table, "Baseline") == ["10", "", "", "4"])
        // A filled cell is at its own address, inside the merge.
        #expect(table.location(row: 2, column: 0).cell == "A5")
        #expect(table.location(row: 2, column: 2).cell == "C5")
    }

    @Test func titleBlockAndTwoTablesOnTwoSheets() throws {
        let data = try Self.read("two-sheets.xlsx")
        #expect(data.tables.map(\.name) == ["Distributions 2024", "Officer's budget"])
        let first = data.tables[0]
        #expect(first.columnNames == ["region", "households", "amount"])
        #expect(Self.texts(first, "amount") == ["36000", "24000"])
        #expect(first.rawText(row: 0, column: 2) == "36,000")
        #expect(first.location(row: 1, column: 2).description == "\(Self.fixture("two-sheets.xlsx")):'Distributions 2024'!C6")
        let second = data.tables[1]
        #expect(Self.texts(second, "spent") == ["4200", "3100"])
        // An apostrophe in a sheet name is doubled inside the quotes.
        #expect(second.location(row: 1, column: 2).description == "\(Self.fixture("two-sheets.xlsx")):'Officer''s budget'!C3")
        #expect(data.headers.map { "\($0.table)@\($0.location.cell ?? "")" } == ["Distributions 2024@A4", "Officer's budget@A1"])
        #expect(data.notes.map(\.message) == ["sheet 'Notes' has no header row (a row with two or more text cells): skipped"])
    }

    @Test func datesInThe1900And1904Systems() throws {
        let dates = try #require(try Self.read("dates.xlsx").table(named: "Dates"))
        #expect(
            Self.texts(dates, "date") == ["2024-03-31", "2025-01-15", "2024-02-29 14:30:00", "1900-02-28", "1900-02-29", "1900-03-01"])
        let dates1904 = try #require(try Self.read("dates-1904.xlsx").table(named: "Dates"))
        #expect(Self.texts(dates1904, "date") == ["2024-03-31", "2025-01-15", "2024-02-29 14:30:00"])
    }

    @Test func sharedInlineAndRichStrings() throws {
        let data = try Self.read("strings.xlsx")
        let table = try #require(data.table(named: "Text & runs"))
        #expect(Self.texts(table, "kind") == ["shared", "inline", "inline rich", "cdata <raw>"])
        #expect(Self.texts(table, "text") == ["Refugees & Asylum-seekers", "café – <ok>", "Kazakhstan", "computed text"])
    }

    /// A workbook of one sheet from rows of cells: numbers as numbers, other text as inline strings.
    static func sheet(_ rows: [[String]]) -> [UInt8] {
        var xml = "<worksheet><sheetData>"
        for (r, cells) in rows.enumerated() {
            xml += "<row r=\"\(r + 1)\">"
            for (c, text) in cells.enumerated() where !text.isEmpty {
                let ref = SheetMap.letters(c) + String(r + 1)
                xml += Double(text) != nil ? "<c r=\"\(ref)\"><v>\(text)</v></c>" : "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(text)</t></is></c>"
            }
            xml += "</row>"
        }
        let bytes = Array((xml + "</sheetData></worksheet>").utf8)
        return workbook(sheet: bytes, method: 0, declared: bytes.count, crc: Deflater.crc32(bytes))
    }

    @Test func aTitleRowOfTwoTextCellsGivesWayToAKnownTablesHeader() throws {
        let book = Self.sheet([
            ["Operation:", "Kazakhstan MCO"],
            [],
            ["Operation", "Year", "Table", "Area", "Final Budget", "Funds Available", "Funds Available Pct", "Expenditure", "Expenditure Pct"],
            ["Kazakhstan MCO", "2024", "impact", "IA1: Protect", "4152856", "3894407", "93.78%", "3894407", "100.00%"],
        ])
        let data = try XLSXReader().read(path: "budget.xlsx", bytes: book)
        #expect(data.tables.map { "\($0.name) \($0.rowCount)" } == ["financials 1"])
        #expect(data.headers.map { $0.location.cell } == ["A3"])
        #expect(data.tables[0].value(row: 0, column: "funds_available_pct") == .number(Number(significand: 9378, exponent: -2), percent: true))
        // Without a known table, the first row of two text cells is the header.
        let other = try XLSXReader().read(path: "other.xlsx", bytes: Self.sheet([["Operation:", "Kazakhstan MCO"], ["region", "amount"], ["North", "5"]]))
        #expect(other.tables.map(\.columnNames) == [["Operation:", "Kazakhstan MCO"]])
    }

    @Test func numberFormatCodes() {
        #expect(NumberFormat(code: "0.00%") == .percent(decimals: 2))
        #expect(NumberFormat(code: "#,##0.0") == .fixed(decimals: 1, grouping: true))
        #expect(NumberFormat(code: "0.000;[Red]-0.000") == .fixed(decimals: 3, grouping: false))
        #expect(NumberFormat(code: "\"%\" 0") == .fixed(decimals: 0, grouping: false))
        #expect(NumberFormat(code: "[$-409]d-mmm-yy;@") == .date(hasDate: true, hasTime: false))
        #expect(NumberFormat(code: "[h]:mm:ss") == .date(hasDate: false, hasTime: true))
        #expect(NumberFormat(code: "0.00E+00") == .general)
        #expect(NumberFormat(code: "General") == .general)
        #expect(NumberFormat(id: 10, code: nil) == .percent(decimals: 2))
        #expect(NumberFormat(id: 14, code: nil) == .date(hasDate: true, hasTime: false))
        #expect(NumberFormat(id: 3, code: nil) == .fixed(decimals: 0, grouping: true))
    }

    /// The sample report's tables as an officer keeps them give the report's findings, each at
    /// its sheet and cell.
    @Test func officerLayoutGivesTheReportsFindings() throws {
        let findings = try Self.lint("officer-report.xlsx")
        let report = try Support.lint(try Support.read(Support.seedReportPath), path: Support.seedReportPath)
        let said = { (f: [Finding]) in f.map { "\($0.rule): \($0.message)" } }
        #expect(said(findings) == said(report))
        #expect(findings.count == 16)
        let dropped = findings.filter { $0.message.contains("actual 0.06%") }
        #expect(
            Self.cells(dropped) == [
                "fraction-as-percent@'Indicators 2024'!M12", "outlier-among-countries@'Indicators 2024'!M12",
                "repeated-unusual-value@'Indicators 2024'!M12", "steep-drop@'Indicators 2024'!M12",
                "fraction-as-percent@'Indicators 2024'!M63", "outlier-among-countries@'Indicators 2024'!M63",
                "repeated-unusual-value@'Indicators 2024'!M63", "steep-drop@'Indicators 2024'!M63",
            ])
        #expect(
            Self.cells(findings.filter { $0.rule == "funds-above-budget" }) == ["funds-above-budget@'Budget 2024'!F11", "funds-above-budget@'Budget 2024'!F13"])
        // A finding on an empty cell points at that cell, under its header.
        #expect(Self.cells(findings.filter { $0.rule == "baseline-present" }) == ["baseline-present@'Indicators 2024'!K54"])
        let data = try Self.read("officer-report.xlsx")
        #expect(data.tables.map { "\($0.name) \($0.rowCount)" } == ["indicators 79", "financials 12"])
    }

    // MARK: - Limits

    /// A workbook whose one sheet is `sheet`, its declared uncompressed size `declared`.
    static func workbook(sheet: [UInt8], method: UInt16, declared: Int, crc: UInt32 = 0) -> [UInt8] {
        let workbookXML = Array(
            """
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Bomb" sheetId="1" r:id="rId1"/></sheets></workbook>
            """.utf8)
        return ZipBuilder.archive([
            .init(name: "xl/workbook.xml", data: workbookXML, method: 0, declared: workbookXML.count, crc: Deflater.crc32(workbookXML)),
            .init(name: "xl/worksheets/sheet1.xml", data: sheet, method: method, declared: declared, crc: crc),
        ])
    }

    /// A raw deflate stream that unpacks to `<worksheet><sheetData>` and then `mebibytes` MiB of
    /// spaces, built from one compressed MiB repeated (a full flush makes each block stand alone).
    static func spacesBomb(mebibytes: Int) -> [UInt8] {
        let deflater = Deflater(level: 9)
        var stream = deflater.compress(Array("<worksheet><sheetData>".utf8), flush: .full)
        let block = deflater.compress([UInt8](repeating: 0x20, count: 1 << 20), flush: .full)
        stream.reserveCapacity(stream.count + block.count * mebibytes + 16)
        for _ in 0..<mebibytes { stream += block }
        stream += deflater.compress([], flush: .finish)
        return stream
    }

    @Test func aZipBombIsRefusedBeforeItUnpacks() throws {
        let bomb = Self.spacesBomb(mebibytes: 1024)
        #expect(bomb.count < 4 << 20)
        // Declared honestly: refused from the directory, nothing inflated.
        let honest = Self.workbook(sheet: bomb, method: 8, declared: (1 << 30) + 22)
        let clock = ContinuousClock()
        let start = clock.now
        #expect(throws: Diagnostic(.error, "part xl/worksheets/sheet1.xml unpacks at more than 100:1 (zip bomb)", path: "bomb.xlsx")) {
            try XLSXReader().read(path: "bomb.xlsx", bytes: honest)
        }
        // Declared small (the directory lies): refused at the first chunk past the declared size.
        let lying = Self.workbook(sheet: bomb, method: 8, declared: 1000)
        #expect(
            throws: Diagnostic(
                .error, "part xl/worksheets/sheet1.xml unpacks to more than the 1000 bytes the archive declares for it (a forged size, as zip bombs use)",
                path: "bomb.xlsx")
        ) {
            try XLSXReader().read(path: "bomb.xlsx", bytes: lying)
        }
        #expect(clock.now - start < .seconds(20))
    }

    @Test func aPartLargerThanTheLimitIsRefused() throws {
        var sheet = Array("<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>".utf8)
        sheet += (0..<(3 << 19)).map { UInt8(0x61 + $0 % 26) }
        sheet += Array("</t></is></c></row></sheetData></worksheet>".utf8)
        let stored = Self.workbook(sheet: sheet, method: 0, declared: sheet.count, crc: Deflater.crc32(sheet))
        #expect(
            throws: Diagnostic(.error, "part xl/worksheets/sheet1.xml unpacks to more than 1 MiB, the limit (raise it with --max-file-size)", path: "big.xlsx")
        ) {
            try XLSXReader(maxPartSize: 1 << 20).read(path: "big.xlsx", bytes: stored)
        }
        // Within the limit it reads.
        let data = try XLSXReader(maxPartSize: 2 << 20).read(path: "big.xlsx", bytes: stored)
        #expect(data.notes.map(\.message) == ["sheet 'Bomb' has no header row (a row with two or more text cells): skipped"])
    }

    @Test func aFewBytesOfXMLCannotSpreadOverAMillionRows() throws {
        func book(_ cells: String) -> [UInt8] {
            let sheet = Array("<worksheet><sheetData>\(cells)</sheetData></worksheet>".utf8)
            return Self.workbook(sheet: sheet, method: 0, declared: sheet.count, crc: Deflater.crc32(sheet))
        }
        let corner = book("<row r=\"1048576\"><c r=\"XFD1048576\" t=\"inlineStr\"><is><t>x</t></is></c></row>")
        #expect(
            throws: Diagnostic(
                .error, "sheet 'Bomb' spreads its cells over more than 1 MiB of rows and columns, the limit (raise it with --max-file-size)",
                path: "corner.xlsx")
        ) {
            try XLSXReader(maxPartSize: 1 << 20).read(path: "corner.xlsx", bytes: corner)
        }
        let beyond = book("<row r=\"2000000\"><c t=\"inlineStr\"><is><t>x</t></is></c></row>")
        #expect(
            throws: Diagnostic(
                .error, "sheet 'Bomb' (part xl/worksheets/sheet1.xml) has a cell in row 2000000, outside a sheet's 1,048,576 rows and 16,384 columns",
                path: "beyond.xlsx")
        ) {
            try XLSXReader().read(path: "beyond.xlsx", bytes: beyond)
        }
    }

    @Test func rowsOutOfOrderAreAnInputError() throws {
        let sheet = Array(
            """
            <worksheet><sheetData><row r="3"><c r="A3" t="inlineStr"><is><t>a</t></is></c><c r="B3" t="inlineStr"><is><t>b</t></is></c></row>\
            <row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>
            """.utf8)
        let book = Self.workbook(sheet: sheet, method: 0, declared: sheet.count, crc: Deflater.crc32(sheet))
        #expect(
            throws: Diagnostic(
                .error, "sheet 'Bomb' writes row 2 after row 3: rows out of order are not read (save the workbook again from a spreadsheet)", path: "order.xlsx"
            )
        ) {
            try XLSXReader().read(path: "order.xlsx", bytes: book)
        }
    }

    @Test func damagedArchivesAreInputErrors() {
        #expect(throws: Diagnostic.self) { try XLSXReader().read(path: "cut.xlsx", bytes: Array("PK\u{3}\u{4}not a zip".utf8)) }
        let sheet = Array("<worksheet><sheetData>".utf8)
        let wrongChecksum = Self.workbook(sheet: Deflater().compress(sheet, flush: .finish), method: 8, declared: sheet.count, crc: 1)
        #expect(throws: Diagnostic(.error, "part xl/worksheets/sheet1.xml is damaged: its checksum does not match", path: "crc.xlsx")) {
            try XLSXReader().read(path: "crc.xlsx", bytes: wrongChecksum)
        }
    }
}

/// Writes ZIP archives in memory for tests: local headers, data as given, a central directory.
enum ZipBuilder {
    struct Entry {
        var name: String
        var data: [UInt8]
        var method: UInt16
        var declared: Int
        var crc: UInt32
    }

    static func archive(_ entries: [Entry]) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        func u16(_ v: Int, _ into: inout [UInt8]) { into += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func u32(_ v: Int, _ into: inout [UInt8]) { into += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24 & 0xFF)] }
        for entry in entries {
            let name = Array(entry.name.utf8)
            let offset = out.count
            u32(0x0403_4B50, &out)
            u16(20, &out)
            u16(0, &out)
            u16(Int(entry.method), &out)
            u32(0, &out)
            u32(Int(entry.crc), &out)
            u32(entry.data.count, &out)
            u32(entry.declared, &out)
            u16(name.count, &out)
            u16(0, &out)
            out += name
            out += entry.data
            u32(0x0201_4B50, &central)
            u16(20, &central)
            u16(20, &central)
            u16(0, &central)
            u16(Int(entry.method), &central)
            u32(0, &central)
            u32(Int(entry.crc), &central)
            u32(entry.data.count, &central)
            u32(entry.declared, &central)
            u16(name.count, &central)
            u16(0, &central)
            u16(0, &central)
            u16(0, &central)
            u16(0, &central)
            u32(0, &central)
            u32(offset, &central)
            central += name
        }
        let centralOffset = out.count
        out += central
        u32(0x0605_4B50, &out)
        u16(0, &out)
        u16(0, &out)
        u16(entries.count, &out)
        u16(entries.count, &out)
        u32(central.count, &out)
        u32(centralOffset, &out)
        u16(0, &out)
        return out
    }
}
