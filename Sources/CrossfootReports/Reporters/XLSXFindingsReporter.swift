import CrossfootBase
import CrossfootEngine
import CrossfootTables

/// Every finding as a row of a workbook (`--report xlsx=findings.xlsx`): the columns of the CSV
/// report, row 1 the header (bold, frozen, with an autofilter), columns wide enough to read,
/// numbers as numbers and text as inline text, never a formula. When the checked file is a
/// workbook, the `cell` column links to that cell (`book.xlsx#'Sheet'!E12`, the book's path
/// relative to the report).
public struct XLSXFindingsReporter: Reporter {
    let context: ReportContext
    /// Where the report is written, which links are relative to; the working folder when `nil`.
    let reportPath: String?

    public init(context: ReportContext = ReportContext(), reportPath: String? = nil) {
        self.context = context
        self.reportPath = reportPath
    }

    /// A workbook is bytes, not text: `render` describes it.
    public func render(_ run: LintResult) -> String {
        var count = 0
        run.forEachFinding { _ in count += 1 }
        return "an XLSX workbook of \(count) findings; write it to a file with --report xlsx=FILE\n"
    }

    public func renderBytes(_ run: LintResult) -> [UInt8] {
        var findings: [Finding] = []
        run.forEachFinding { findings.append($0) }
        return Self.workbook(findings, context: context, reportPath: reportPath)
    }

    public func renderParts(_ run: LintResult) -> [[UInt8]] { [renderBytes(run)] }

    static let widths = [40, 16, 7, 10, 26, 9, 90, 12, 12, 7, 50]

    package static func workbook(_ findings: [Finding], context: ReportContext, reportPath: String?) -> [UInt8] {
        var sheet = XMLBuilder()
        var links: [(cell: String, target: String)] = []
        sheet.raw(
            "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
        )
        sheet.raw("<dimension ref=\"A1:K\(findings.count + 1)\"/>")
        sheet.raw(
            "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"
        )
        sheet.raw("<sheetFormatPr defaultRowHeight=\"15\"/><cols>")
        for (k, width) in widths.enumerated() { sheet.raw("<col min=\"\(k + 1)\" max=\"\(k + 1)\" width=\"\(width)\" customWidth=\"1\"/>") }
        sheet.raw("</cols><sheetData>")
        sheet.raw("<row r=\"1\">")
        for (k, name) in CSVFindingsReporter.header.enumerated() { sheet.text(name, at: "\(SheetMap.letters(k))1", style: 1) }
        sheet.raw("</row>")
        for (index, f) in findings.enumerated() {
            let r = index + 2
            sheet.raw("<row r=\"\(r)\">")
            let cell = f.location.cell ?? f.location.place
            sheet.text(context.paths.relative(f.location.path), at: "A\(r)")
            sheet.text(f.location.sheet ?? "", at: "B\(r)")
            sheet.number(String(f.location.shownLine), at: "C\(r)")
            sheet.text(cell, at: "D\(r)", style: f.location.sheet == nil ? 0 : 2)
            sheet.text(f.rule, at: "E\(r)")
            sheet.text(f.severity.rawValue, at: "F\(r)")
            sheet.text(f.message, at: "G\(r)")
            sheet.value(f.actual, at: "H\(r)")
            sheet.value(f.expected, at: "I\(r)")
            sheet.number(CSVFindingsReporter.number(JSONReporter.score(f.score)), at: "J\(r)")
            sheet.text(f.notes.map(\.message).joined(separator: " | "), at: "K\(r)")
            sheet.raw("</row>")
            if let name = f.location.sheet, let address = f.location.cell {
                links.append(("D\(r)", linkPath(f.location.path, from: reportPath) + "#" + SheetMap.quoted(name) + "!" + address))
            }
        }
        sheet.raw("</sheetData><autoFilter ref=\"A1:K\(findings.count + 1)\"/>")
        if !links.isEmpty {
            sheet.raw("<hyperlinks>")
            for (k, link) in links.enumerated() { sheet.raw("<hyperlink ref=\"\(link.cell)\" r:id=\"rId\(k + 1)\"/>") }
            sheet.raw("</hyperlinks>")
        }
        sheet.raw("</worksheet>")

        var relationships = XMLBuilder()
        relationships.raw("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">")
        for (k, link) in links.enumerated() {
            relationships.raw(
                "<Relationship Id=\"rId\(k + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" Target=\"\(XMLText.escape(link.target))\" TargetMode=\"External\"/>"
            )
        }
        relationships.raw("</Relationships>")

        var zip = ZipWriter()
        zip.add("[Content_Types].xml", package(contentTypes))
        zip.add("_rels/.rels", package(rootRelationships))
        zip.add("xl/workbook.xml", package(workbookXML))
        zip.add("xl/_rels/workbook.xml.rels", package(workbookRelationships))
        zip.add("xl/styles.xml", package(styles))
        zip.add("xl/worksheets/sheet1.xml", sheet.bytes)
        if !links.isEmpty { zip.add("xl/worksheets/_rels/sheet1.xml.rels", relationships.bytes) }
        return zip.finish()
    }

    /// The checked file's path as a link from the report's folder.
    static func linkPath(_ path: String, from reportPath: String?) -> String {
        let folder = reportPath.map { p -> String in
            guard let slash = p.lastIndex(of: "/") else { return "." }
            return String(p[..<slash])
        }
        // The report's folder may not exist yet: it is made absolute by its words, not looked up.
        guard let target = RepositoryPaths.absolute(path), let here = RepositoryPaths.absolute(".") else { return path }
        let written = folder ?? "."
        var from: [Substring] = []
        for part in ((written.hasPrefix("/") ? "" : here + "/") + written).split(separator: "/") {
            if part == "." { continue }
            if part == ".." { _ = from.popLast() } else { from.append(part) }
        }
        let to = target.split(separator: "/")
        var common = 0
        while common < from.count, common < to.count, from[common] == to[common] { common += 1 }
        return (Array(repeating: "..", count: from.count - common) + to[common...].map(String.init)).joined(separator: "/")
    }

    private static func package(_ text: String) -> [UInt8] {
        Array(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" + text).utf8)
    }

    private static let contentTypes =
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        + "</Types>"
    private static let rootRelationships =
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
        + "</Relationships>"
    private static let workbookXML =
        "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
        + "<sheets><sheet name=\"Findings\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
        + "<definedNames><definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"0\" hidden=\"1\">Findings!$A$1:$K$1</definedName></definedNames>"
        + "</workbook>"
    private static let workbookRelationships =
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
        + "</Relationships>"
    /// Style 0 plain, 1 the bold header, 2 a link (blue, underlined).
    private static let styles =
        "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        + "<fonts count=\"3\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font>"
        + "<font><u/><sz val=\"11\"/><color rgb=\"FF0563C1\"/><name val=\"Calibri\"/></font></fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"3\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
        + "<xf numFmtId=\"0\" fontId=\"2\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/></cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        + "</styleSheet>"
}

/// A worksheet's XML, cell by cell.
private struct XMLBuilder {
    var text = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    var bytes: [UInt8] { Array(text.utf8) }

    mutating func raw(_ s: String) { text += s }

    /// A text cell, as inline text: never read as a formula, whatever it starts with.
    mutating func text(_ s: String, at ref: String, style: Int = 0) {
        guard !s.isEmpty else { return }
        text += "<c r=\"\(ref)\" t=\"inlineStr\"\(style == 0 ? "" : " s=\"\(style)\"")><is><t xml:space=\"preserve\">\(XMLText.escape(s))</t></is></c>"
    }

    mutating func number(_ digits: String, at ref: String) {
        text += "<c r=\"\(ref)\"><v>\(digits)</v></c>"
    }

    mutating func value(_ v: Finding.Value, at ref: String) {
        switch v {
        case .missing: break
        case .number(let n): number(CSVFindingsReporter.number(n), at: ref)
        case .text(let s): text(s, at: ref)
        }
    }
}
