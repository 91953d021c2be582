// One file on purpose: the report parser is one state machine over the lines (headings set the
// area and indicator kind, title rows the indicator, rows the cells), and splitting its states
// across files would hide how one line changes what the next one means.
import CrossfootBase
import CrossfootRules

/// Reads the text of an annual results report (as extracted from the published PDF) into the
/// tables `indicators` and `financials`.
///
/// The text has markdown headings that set the area and the kind of indicator, and
/// tab-separated tables: indicator tables (a title row per indicator, then a row per country
/// and population type) and two financial tables (impact areas and outcome areas). See the
/// README's "Readers" section for every rule this follows.
public struct ReportReader: Sendable {
    public init() {}

    /// - Parameter format: `.pdf` for the text of a PDF (`PDFReader`), `.report` otherwise.
    public func read(_ file: SourceFile, format: InputFormat = .report) throws(Diagnostic) -> Dataset {
        var parser = ReportParser(file: file)
        if Self.isHTML(file.bytes) { parser.runHTML() } else { parser.run() }
        if parser.indicators.rowCount == 0, parser.financials.rowCount == 0, parser.issues.allSatisfy({ $0.rule != "unread-table" }) {
            let location = file.location(ofOffset: file.lines.bomLength)
            if format == .pdf {
                if !file.bytes.contains(where: { $0 > 0x20 }) {
                    throw Diagnostic(.error, "this PDF holds no text, only pictures (a scanned report?): Crossfoot reads the text of a PDF", path: file.path)
                }
                throw Diagnostic.error(
                    "no indicator or financial table found in this PDF (expected rows under a 'Country  Population Type  Baseline …' or 'Impact Area  Final Budget  …' header; `crossfoot extract \(file.path) --text` shows the text as read)",
                    at: location)
            }
            throw Diagnostic.error(
                "no indicator or financial table found in this report (expected tab-separated rows under a 'Country\tPopulation Type\t…' or 'Impact Area\tFinal Budget\t…' header)",
                at: location)
        }
        var tables: [Table] = []
        if parser.indicators.rowCount > 0 { tables.append(parser.indicators.table(file: file, schema: .indicators)) }
        if parser.financials.rowCount > 0 { tables.append(parser.financials.table(file: file, schema: .financials)) }
        return Dataset(source: file, format: format, tables: tables, issues: parser.issues, notes: parser.notes)
    }

    /// Whether the text is HTML (a report saved from a browser): it starts with a tag.
    static func isHTML(_ bytes: [UInt8]) -> Bool {
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        return i < bytes.count && bytes[i] == 0x3C && (ReportHTML.find(bytes, "<table", from: i) != nil || ReportHTML.find(bytes, "<h1", from: i) != nil)
    }

    /// Whether the text looks like a report: a line that is its title (at any heading level),
    /// or a line that starts one of its table headers; or HTML holding them.
    public static func looksLikeReport(_ bytes: [UInt8]) -> Bool {
        if isHTML(bytes) { return ReportHTML.looksLikeReport(bytes) }
        let title = Array("Annual Results Report".utf8)
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            let line = bytes[start..<end]
            if line.contains(0x09) || line.first == 0x7C, ReportHeader.isHeaderLine(String(decoding: line, as: UTF8.self)) { return true }
            if line.first == 0x23 || line.first == 0x20 || line.first == 0x0C || line.first == 0x41 {
                // The title, as a heading (`# Annual Results Report`) or a line of plain text.
                let text = String(decoding: line.drop { $0 == 0x23 || $0 == 0x20 || $0 == 0x0C }, as: UTF8.self).collapsingSpaces
                if text.utf8.elementsEqual(title) { return true }
            }
            start = end + 1
        }
        return false
    }
}
private struct ReportParser {
    let file: SourceFile

    /// How a line's cells failed to stand apart, in words for the file at hand.
    var cellsApart: String {
        file.pageStarts.isEmpty
            ? "not separated by tabs, '|' or two or more spaces"
            : "drawn so close together in the PDF that they cannot be told apart (one space apart in the text that `crossfoot extract --text` shows)"
    }
    var indicators = TableBuilder(schema: .indicators)
    var financials = TableBuilder(schema: .financials)
    var issues: [ReaderIssue] = []
    var notes: [Diagnostic] = []

    // Title block.
    var sawTitle = false
    var year: (value: Number, span: CellSpan)?
    var operation: (value: String, span: CellSpan)?
    var titleBlockDone = false

    // Section state.
    var areaKind: (value: String, span: CellSpan)?
    var area: (value: String, span: CellSpan)?
    var indicatorKind: (value: String, span: CellSpan)?

    typealias Role = ReportHeader.Role
    enum FinancialRole { case area, finalBudget, fundsAvailable, fundsAvailablePct, expenditure, expenditurePct, ignored }

    enum State {
        case none
        case indicatorTable(roles: [Role])
        case financialTable(table: String, tableSpan: CellSpan, roles: [FinancialRole])
    }

    var state = State.none
    /// A table aligned by spaces being gathered.
    var space: SpaceTable?
    /// Whether the last line ended a table aligned by spaces (so a row-like line after it is said).
    var leftSpaceTable = false
    /// Whether the text has markdown (a `#` heading): then the title block is in bold.
    var sawMarkdown = false

    /// The table the parser is in, for findings about its lines.
    var tableName: String? {
        switch state {
        case .none: nil
        case .indicatorTable: "indicators"
        case .financialTable: "financials"
        }
    }
    /// The indicator whose rows follow: code, title and the title row's spans.
    var indicator: (code: String, title: String, codeSpan: CellSpan, titleSpan: CellSpan)?
    /// Rows of the current indicator waiting for their unit to be settled.
    var pendingRows: [(values: [CellValue], spans: [CellSpan], unit: String?)] = []

    // What says the report has indicator tables, for `unread-table` when none is read.
    /// The first area heading or indicator title: where the indicator section starts.
    var indicatorEvidence: (offset: Int, text: String)?
    /// Lines that look like a table header but whose columns could not be told apart.
    var unmappedHeaders: [(offset: Int, text: String)] = []
    /// Whether the last line was a table's (a header or a row), so a line of numbers right
    /// after it is a row that could not be read.
    var inTableRegion = false

    // Tables whose cells were set one space apart (pdfminer's text, as markitdown prints it).
    /// The header of such a table, and how many rows had been read before it: a table that
    /// ends with none read under it is an `unread-table`.
    var packedHeader: (offset: Int, text: String, rowsBefore: Int)?
    /// The last indicator row's cells and roles, while its wrapped cells may follow on the next
    /// line; which of them are open (`Refugees and`) is worked out only when a line might be
    /// their rest.
    var lastRow: (cells: [ReportCell], roles: [Role])?
    /// Lines of the last indicator title that may still follow it (a title wraps onto two more).
    var titleLinesLeft = 0
    /// A financial header was read and no row yet: cells below it with no number are its wrapped names.
    var awaitingFinancialRow = false

    init(file: SourceFile) {
        self.file = file
    }

    var bytes: [UInt8] { file.bytes }

    mutating func run() {
        furniture = Self.runningLines(file)
        for line in 1...file.lines.count {
            let range = file.lines.byteRange(ofLine: line, in: bytes)
            handle(range)
        }
        endTable()
        reportUnreadTables()
    }

    /// Reads a report saved as HTML: its headings, paragraphs and table rows, in order.
    mutating func runHTML() {
        for block in ReportHTML.blocks(bytes) {
            switch block {
            case .heading(let range):
                endTable()
                heading(range)
            case .text(let range):
                var cell = cell(range)
                cell.text = cell.text.collapsingSpaces
                guard !cell.text.isEmpty else { continue }
                if titleBlockValue(cell.text, span: cell.span, bold: false) { continue }
                endTable()
            case .row(let ranges):
                guard let last = ranges.last else { continue }
                let row = ranges.map { range -> ReportCell in
                    var cell = cell(range)
                    cell.text = cell.text.collapsingSpaces
                    return cell
                }
                tableRow(row, ranges[0].lowerBound..<last.upperBound)
            }
        }
        endTable()
        reportUnreadTables()
    }

    /// Lines printed on every page (running headers and footers), found by repetition.
    var furniture: Set<String> = []
    /// Whether an area or indicator heading has been seen (indicator titles follow them).
    var sawIndicatorHeading = false

    // MARK: Lines

    mutating func handle(_ range: Range<Int>) {
        var s = range.lowerBound
        var e = range.upperBound
        bytes.withUnsafeBufferPointer { buffer in
            // A form feed (a page break in extracted text) is not a line of its own.
            while true {
                CellText.trim(buffer, &s, &e)
                guard s < e, buffer[s] == 0x0C else { break }
                s += 1
            }
        }
        if s == e { return }  // blank line or page-break residue
        if bytes[s] == 0x23 {  // '#'
            endTable()
            inTableRegion = false
            sawMarkdown = true
            heading(s..<e)
            return
        }
        if bytes[s] == 0x7C {  // '|': a pipe table, as markdown converters print them
            pipeRow(s..<e)
            return
        }
        if bytes[range].contains(0x09) {
            tableRow(cells(range), range)
            return
        }
        // Headings, titles and headers are short: a paragraph of prose is taken as it is.
        let raw = String(decoding: bytes[s..<e], as: UTF8.self)
        let text = e - s < 240 ? raw.collapsingSpaces : raw
        if titleBlockLine(s..<e) { return }
        if Self.isPageFurniture(text, furniture) { return }  // a running header, footer or page number
        let previousRow = lastRow
        lastRow = nil
        if var table = space {
            if table.take(bytes, range) {
                space = table
                return
            }
            let header = SpaceTable.header(bytes, range)
            if let next = header, next.headerCells().map({ ReportHeader.role($0.text) }) == table.headerCells().map({ ReportHeader.role($0.text) }) {
                // The table's header again on the next page: the table, and its indicator, go on.
                finishSpaceTable(keepingIndicator: true)
                space = next
                return
            }
            if header == nil, !ReportHeader.isPlainHeading(text), SpaceTable.standsInCells(bytes, range) {
                // Cells apart like a row's, yet not lined up with the table's columns: said, not dropped.
                unreadRow(at: s, Self.notLinedUp, table: table.isFinancial ? "financials" : "indicators")
                table.markUnread()
                space = table
                return
            }
            endTable()
            leftSpaceTable = true
        } else if leftSpaceTable, !ReportHeader.isPlainHeading(text), SpaceTable.standsInCells(bytes, range), SpaceTable.header(bytes, range) == nil {
            // Right after a table aligned by spaces, a line whose words stand apart like cells.
            unreadRow(
                at: s, "this line stands apart in cells like a table's row but comes after its table ended, so it was not read as a row", table: tableName)
            return
        } else {
            leftSpaceTable = false
        }
        if ReportHeader.isPlainHeading(text) {
            endTable()
            inTableRegion = false
            heading(s..<e)
            return
        }
        if let table = SpaceTable.header(bytes, range) {
            endTable()
            space = table
            inTableRegion = true
            return
        }
        if let (_, title, _) = ReportHeader.indicatorCode(text), !title.isEmpty, title.count > 12, indicatorEvidence == nil, sawIndicatorHeading {
            indicatorEvidence = (s, text)
        }
        let header = Self.looksLikeHeader(text)
        if e - s < 400, packedLine(s..<e, text, header: header, previousRow: previousRow) { return }
        if header {
            endTable()
            unmappedHeaders.append((s, text))
            inTableRegion = true
            return
        } else if inTableRegion, Self.looksLikeData(text) {
            unreadRow(
                at: s,
                "this line holds numbers but was not read as a row of a table (its cells are \(cellsApart)); check it by hand or fix the extraction",
                table: tableName)
            return
        }
        // A prose line ends any table; an indicator title keeps its region, so rows under it
        // that cannot be read are still said.
        endTable()
        inTableRegion = inTableRegion && ReportHeader.indicatorCode(text) != nil
    }

    /// The year and the operation under the title: `**2024**` and `**Kazakhstan MCO**` in
    /// markdown, the two lines after it in plain text (`pdftotext -layout`).
    ///
    /// - Returns: whether the line was part of the title block.
    @discardableResult
    mutating func titleBlockLine(_ range: Range<Int>) -> Bool {
        guard sawTitle, !titleBlockDone else { return false }
        let text = String(decoding: bytes[range], as: UTF8.self)
        let bold = text.hasPrefix("**") && text.hasSuffix("**") && text.count > 4
        guard bold || !sawMarkdown else { return false }
        let inner = bold ? String(text.dropFirst(2).dropLast(2)).trimmingSpaces : text
        let innerSpan = bold ? CellSpan(start: range.lowerBound + 2, length: range.count - 4) : CellSpan(start: range.lowerBound, length: range.count)
        return titleBlockValue(inner, span: innerSpan, bold: bold)
    }

    /// The year, then the operation, of the title block.
    mutating func titleBlockValue(_ inner: String, span innerSpan: CellSpan, bold: Bool) -> Bool {
        guard sawTitle, !titleBlockDone else { return false }
        if year == nil {
            if inner.count == 4, inner.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(inner) {
                year = (Number(n), innerSpan)
                return true
            }
            return bold
        }
        if operation == nil {
            operation = (HTMLText.decodeEntities(inner), innerSpan)
            titleBlockDone = true
            return true
        }
        return false
    }

    mutating func heading(_ range: Range<Int>) {
        var start = range.lowerBound
        while start < range.upperBound, bytes[start] == 0x23 || bytes[start] == 0x20 { start += 1 }
        let raw = String(decoding: bytes[start..<range.upperBound], as: UTF8.self)
        // Runs of spaces are one (a large font spread out by a PDF's text extraction).
        let text = HTMLText.decodeEntities(HTMLText.stripTags(raw.replacingOccurrences(of: "**", with: ""))).collapsingSpaces
        if text == "Annual Results Report" {
            sawTitle = true
            return
        }
        if sawTitle, year != nil { titleBlockDone = true }
        let span = CellSpan(start: start, length: range.upperBound - start)
        if ReportHeader.areaHeading(text) != nil || text.lowercased().hasSuffix("indicators") {
            sawIndicatorHeading = true
            if indicatorEvidence == nil { indicatorEvidence = (start, text) }
        }
        if let (number, kind, name) = ReportHeader.areaHeading(text) {
            let prefix = kind == "impact" ? "IA" : "OA"
            areaKind = (kind, span)
            area = ("\(prefix)\(number): \(name)", span)
            indicatorKind = (kind, span)
            return
        }
        switch text.lowercased() {
        case "core output indicators":
            indicatorKind = ("output", span)
        case "core outcome indicators":
            indicatorKind = ("outcome", span)
        case "core impact indicators":
            indicatorKind = ("impact", span)
        case "other core impact indicators":
            areaKind = ("impact", span)
            area = ("", span)
            indicatorKind = ("impact", span)
        case "other core outcome indicators":
            areaKind = ("outcome", span)
            area = ("", span)
            indicatorKind = ("outcome", span)
        case "other core output indicators":
            areaKind = ("outcome", span)
            area = ("", span)
            indicatorKind = ("output", span)
        default:
            break
        }
    }

    // MARK: Tab-separated rows

    func cells(_ range: Range<Int>) -> [ReportCell] {
        var result: [ReportCell] = []
        var fieldStart = range.lowerBound
        var i = range.lowerBound
        while true {
            if i == range.upperBound || bytes[i] == 0x09 {
                result.append(cell(fieldStart..<i))
                if i == range.upperBound { break }
                fieldStart = i + 1
            }
            i += 1
        }
        return result
    }

    /// The value inside a field: spaces and `<b>…</b>` tags around it removed.
    func cell(_ field: Range<Int>) -> ReportCell {
        var s = field.lowerBound
        var e = field.upperBound
        bytes.withUnsafeBufferPointer { buffer in
            while true {
                CellText.trim(buffer, &s, &e)
                if s < e, buffer[s] == 0x3C, let close = tagLength(buffer, at: s, end: e) {
                    s += close
                    continue
                }
                if s < e, buffer[e - 1] == 0x3E, let open = closingTagStart(buffer, start: s, end: e) {
                    e = open
                    continue
                }
                break
            }
        }
        if s >= e {
            return ReportCell(span: CellSpan(start: field.lowerBound, length: 0), text: "")
        }
        var raw = String(decoding: bytes[s..<e], as: UTF8.self)
        // A line break inside a cell (`<br>`, as markdown converters write it) reads as a space.
        if raw.utf8.containsByte(0x3C), raw.contains("<br") {
            for tag in ["<br>", "<br/>", "<br />", "<BR>"] { raw = raw.replacingOccurrences(of: tag, with: " ") }
        }
        let text = HTMLText.decodeEntities(HTMLText.stripTags(raw)).trimmingSpaces
        return ReportCell(span: CellSpan(start: s, length: e - s), text: text)
    }

    /// The length of a tag such as `<b>` or `</b>` starting at `i`, if one does.
    func tagLength(_ b: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Int? {
        guard i + 2 < end else { return nil }
        let c = b[i + 1]
        guard c == 0x2F || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) else { return nil }
        var j = i + 1
        while j < end, j - i < 40 {
            if b[j] == 0x3E { return j - i + 1 }
            if b[j] == 0x3C { return nil }
            j += 1
        }
        return nil
    }

    /// Where a tag ending at `end` starts, if the bytes end with one.
    func closingTagStart(_ b: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Int? {
        var j = end - 2
        while j >= start, end - j < 40 {
            if b[j] == 0x3C { return tagLength(b, at: j, end: end) == end - j ? j : nil }
            if b[j] == 0x3E { return nil }
            j -= 1
        }
        return nil
    }

    /// A row of a pipe table: `| a | b |`; the `|---|` line under its header is skipped.
    mutating func pipeRow(_ range: Range<Int>) {
        if bytes[range].allSatisfy({ [0x7C, 0x2D, 0x3A, 0x20, 0x09, 0x0D].contains($0) }) { return }
        var fields: [ReportCell] = []
        var fieldStart = range.lowerBound + 1
        var end = range.upperBound
        if end > fieldStart, bytes[end - 1] == 0x7C { end -= 1 }
        var i = fieldStart
        while i <= end {
            if i == end || bytes[i] == 0x7C {
                fields.append(cell(fieldStart..<i))
                fieldStart = i + 1
            }
            i += 1
        }
        tableRow(fields, range)
    }

    mutating func tableRow(_ row: [ReportCell], _ range: Range<Int>) {
        let first = row[0].text
        if row.allSatisfy({ $0.text.isEmpty }) { return }  // residue
        lastRow = nil
        inTableRegion = true
        if first == "Indicator", row.dropFirst().allSatisfy({ $0.text.isEmpty }) {
            endTable()  // the line above a header
            return
        }
        if let roles = ReportHeader.indicatorRoles(row.map(\.text)) {
            // The same header again right after the table's rows: the table goes on over a page
            // break, and so does its indicator.
            if case .indicatorTable(let current) = state, current == roles, indicator != nil { return }
            endTable()
            indicatorHeader(row, roles: roles)
            return
        }
        if ReportHeader.isFinancialHeader(row.map(\.text)) {
            endTable()
            financialHeader(row)
            return
        }
        switch state {
        case .indicatorTable(let roles):
            indicatorRow(row, roles: roles, lineRange: range)
        case .financialTable(let table, let tableSpan, let roles):
            if awaitingFinancialRow, first.isEmpty, !row.contains(where: { if case .number = CellText.parse($0.text) { return true } else { return false } }) {
                return  // the header's names, wrapped into the cells below it
            }
            financialRow(row, table: table, tableSpan: tableSpan, roles: roles, lineRange: range)
        case .none:
            if row.dropFirst().allSatisfy({ $0.text.isEmpty }), let (_, title, _) = ReportHeader.indicatorCode(first), !title.isEmpty {
                if indicatorEvidence == nil { indicatorEvidence = (Int(row[0].span.start), first) }
                return
            }
            if row.contains(where: { if case .number = CellText.parse($0.text) { return true } else { return false } }) {
                unreadRow(
                    at: Int(row[0].span.start), "this row holds numbers but comes under no table header the reader knows, so it is not checked", table: nil)
            } else if Self.looksLikeHeader(row.map(\.text).joined(separator: " ")) {
                unmappedHeaders.append((Int(row[0].span.start), row.map(\.text).filter { !$0.isEmpty }.joined(separator: " | ")))
            }
        }
    }

    mutating func endTable() {
        finishSpaceTable()
        flushIndicator()
        indicator = nil
        state = .none
        lastRow = nil
        titleLinesLeft = 0
        if let header = packedHeader {
            packedHeader = nil
            let rows = Self.looksLikeFinancialHeader(header.text) ? financials.rowCount : indicators.rowCount
            if rows == header.rowsBefore { unmappedHeaders.append((header.offset, header.text)) }
        }
    }

    // MARK: Tables whose cells stand one space apart

    /// A line of a table whose cells were set one space apart: its header, a row split by what
    /// each column holds, the rest of cells or of a title wrapped from the line above, or an
    /// indicator title. `header` is whether the line looks like a table header. Returns whether
    /// the line was taken.
    mutating func packedLine(_ range: Range<Int>, _ text: String, header: Bool, previousRow: (cells: [ReportCell], roles: [Role])?) -> Bool {
        if case .none = state, !header { return false }
        let words = PackedCells.words(bytes, range)
        if header {
            if let cells = PackedCells.indicatorHeader(words), let roles = ReportHeader.indicatorRoles(cells.map(\.text)) {
                // The same header again after a page break: the table and its indicator go on.
                if case .indicatorTable(let current) = state, current == roles, indicator != nil { return true }
                endTable()
                indicatorHeader(cells, roles: roles)
                packedHeader = (range.lowerBound, text, indicators.rowCount)
            } else if Self.looksLikeFinancialHeader(text), let cells = PackedCells.financialHeader(words) {
                endTable()
                financialHeader(cells)
                packedHeader = (range.lowerBound, text, financials.rowCount)
            } else {
                return false
            }
            inTableRegion = true
            return true
        }
        switch state {
        case .none:
            return false
        case .indicatorTable(let roles):
            let open = previousRow.map(Self.openCells) ?? []
            if !open.isEmpty, let texts = PackedCells.complete(open.map { ($0.text, $0.role) }, with: words), !pendingRows.isEmpty {
                for (cell, text) in zip(open, texts) {
                    pendingRows[pendingRows.count - 1].values[cell.column] = cell.role == .populationType ? .text(text) : Self.value(text)
                }
                return true
            }
            if let cells = PackedCells.indicatorRow(words, roles: roles) {
                indicatorRow(cells, roles: roles, lineRange: range)
                return true
            }
            let titleCell = cell(range)
            if let (_, title, _) = ReportHeader.indicatorCode(titleCell.text), !title.isEmpty {
                tableRow(
                    [titleCell] + Array(repeating: ReportCell(span: CellSpan(start: range.upperBound, length: 0), text: ""), count: max(0, roles.count - 1)),
                    range)
                return true
            }
            if titleLinesLeft > 0, let current = indicator, !words.contains(where: \.isNumber), !ReportHeader.isPlainHeading(text) {
                titleLinesLeft -= 1
                indicator = (current.code, current.title + " " + text, current.codeSpan, current.titleSpan)
                return true
            }
        case .financialTable(let table, let tableSpan, let roles):
            // The header's names wrapped onto the next line (`Available`).
            if awaitingFinancialRow, !words.contains(where: \.isNumber), words.count <= 8 { return true }
            if let cells = PackedCells.financialRow(words, columns: roles.count) {
                financialRow(cells, table: table, tableSpan: tableSpan, roles: roles, lineRange: range)
                return true
            }
        }
        // A line with numbers in a table, yet not splittable into its columns: said, and the table goes on.
        guard words.last?.isNumber == true, words.count <= 16 || Self.looksLikeData(text) else { return false }
        unreadRow(
            at: range.lowerBound,
            "this line holds numbers but its cells are \(cellsApart), and it could not be split into the table's columns by what each holds: "
                + "a cell may be empty (with cells one space apart there is no telling which), or hold a population type or text value the reader does not know. "
                + "It was not read; check it by hand, or lint the PDF itself or `pdftotext -layout` text, which keep the columns apart",
            table: tableName)
        return true
    }

    // MARK: Tables aligned by spaces

    /// Reads a table aligned by spaces once it has ended: its header, then its rows and titles.
    mutating func finishSpaceTable(keepingIndicator: Bool = false) {
        guard let table = space else { return }
        space = nil
        let header = table.headerCells()
        if table.isFinancial {
            guard ReportHeader.isFinancialHeader(header.map(\.text)) else { return }
            financialHeader(header)
        } else {
            guard let roles = ReportHeader.indicatorRoles(header.map(\.text)) else { return }
            indicatorHeader(header, roles: roles)
        }
        let width = header.count
        for item in table.items() {
            switch item {
            case .title(let cell):
                let empty = ReportCell(span: CellSpan(start: Int(cell.span.start) + Int(cell.span.length), length: 0), text: "")
                tableRow([cell] + Array(repeating: empty, count: max(0, width - 1)), cell.span.range)
            case .row(let cells, let line):
                tableRow(cells, line)
            case .unread(let offset):
                unreadRow(at: offset, Self.notLinedUp, table: table.isFinancial ? "financials" : "indicators")
            }
        }
        guard !keepingIndicator else { return }
        flushIndicator()
        indicator = nil
        state = .none
    }

    mutating func indicatorHeader(_ row: [ReportCell], roles: [Role]) {
        for (cell, role) in zip(row, roles) {
            switch role {
            case .target: checkYear(in: cell, table: "indicators", column: "target")
            case .actual: checkYear(in: cell, table: "indicators", column: "actual")
            default: break
            }
        }
        state = .indicatorTable(roles: roles)
    }

    /// `Actual (2023)` in a 2024 report is a finding; without a bold year, the header's year is used.
    mutating func checkYear(in cell: ReportCell, table: String, column: String) {
        guard let headerYear = ReportHeader.year(cell.text) else { return }
        guard let year else {
            self.year = (Number(headerYear), cell.span)
            return
        }
        if Number(headerYear) != year.value {
            issues.append(
                ReaderIssue(
                    rule: "report-year",
                    severity: .warning,
                    message: "the column header says \(cell.text), but this is the \(year.value) report",
                    location: file.location(ofOffset: Int(cell.span.start)), table: table, column: column))
        }
    }

    mutating func financialHeader(_ row: [ReportCell]) {
        var roles: [FinancialRole] = []
        for (i, cell) in row.enumerated() {
            let text = cell.text.lowercased()
            let role: FinancialRole
            if i == 0 {
                role = .area
            } else if text.hasPrefix("final budget") {
                role = .finalBudget
            } else if text.hasPrefix("funds available as %") {
                role = .fundsAvailablePct
            } else if text.hasPrefix("funds available") {
                role = .fundsAvailable
            } else if text.hasPrefix("expenditure as %") {
                role = .expenditurePct
            } else if text.hasPrefix("expenditure") {
                role = .expenditure
            } else {
                role = .ignored
            }
            roles.append(role)
        }
        let table = ReportHeader.financialTable(row[0].text) ?? "impact"
        state = .financialTable(table: table, tableSpan: row[0].span, roles: roles)
        awaitingFinancialRow = true
    }

    mutating func indicatorRow(_ row: [ReportCell], roles: [Role], lineRange: Range<Int>) {
        if row.dropFirst().allSatisfy({ $0.text.isEmpty }), let (code, title, codeLength) = ReportHeader.indicatorCode(row[0].text) {
            flushIndicator()
            let cellSpan = row[0].span
            // The title starts after the code and its space, counted in bytes of the raw text.
            let raw = String(decoding: bytes[cellSpan.range], as: UTF8.self)
            let codeBytes = String(raw.unicodeScalars.prefix(codeLength)).utf8.count
            var titleStart = Int(cellSpan.start) + codeBytes
            while titleStart < Int(cellSpan.start) + Int(cellSpan.length), bytes[titleStart] == 0x20 { titleStart += 1 }
            indicator = (
                code, title,
                CellSpan(start: Int(cellSpan.start), length: codeBytes),
                CellSpan(start: titleStart, length: Int(cellSpan.start) + Int(cellSpan.length) - titleStart)
            )
            titleLinesLeft = 2
            return
        }
        titleLinesLeft = 0
        guard let indicator else {
            issues.append(
                ReaderIssue(
                    rule: "report-layout", severity: .warning, message: "this row has no indicator title above it, so it is not checked",
                    location: file.location(ofOffset: Int(row[0].span.start)), table: "indicators"))
            return
        }
        if row.count != roles.count {
            // A row cut off (the file ends mid-row) or shifted: its cells may not be where the
            // header says. It is still read, and said.
            let shape = row.count < roles.count ? "cut off or missing cells" : "cells shifted or split"
            issues.append(
                ReaderIssue(
                    rule: "report-layout", severity: .warning,
                    message:
                        "this row has \(row.count) cell\(row.count == 1 ? "" : "s"), but its table's header has \(roles.count): \(shape)? Check the values read from it",
                    location: file.location(ofOffset: Int(row[0].span.start)), table: "indicators"))
        }
        let endOfLine = CellSpan(start: lineRange.upperBound, length: 0)
        let missing = (CellValue.missing, endOfLine)
        // The row's cells by the indicators table's columns, in its order.
        let at = IndicatorColumn.self
        var cells = [(CellValue, CellSpan)?](repeating: nil, count: TableSchema.indicators.columns.count)
        for (i, role) in roles.enumerated() {
            let cell = i < row.count ? row[i] : ReportCell(span: endOfLine, text: "")
            switch role {
            case .country: cells[at.country] = (cell.text.isEmpty ? .missing : .text(cell.text), cell.span)
            case .populationType: cells[at.populationType] = (cell.text.isEmpty ? .missing : .text(cell.text), cell.span)
            case .baseline: cells[at.baseline] = (Self.value(cell.text), cell.span)
            case .target: cells[at.target] = (Self.value(cell.text), cell.span)
            case .actual: cells[at.actual] = (Self.value(cell.text), cell.span)
            case .ignored: break
            }
        }
        let measures = [cells[at.baseline], cells[at.target], cells[at.actual]].compactMap { $0 }.filter { !$0.0.isMissing }
        let unit: String?
        if measures.isEmpty {
            unit = nil
        } else if measures.allSatisfy({ if case .number(_, true) = $0.0 { return true } else { return false } }) {
            unit = "percent"
        } else if measures.allSatisfy({ if case .number(_, false) = $0.0 { return true } else { return false } }) {
            unit = "number"
        } else {
            unit = "text"
        }
        if !roles.contains(.country) {
            // A single-country report's tables have no Country column: the operation is the country.
            cells[at.country] = operation.map { (.text($0.value), $0.span) } ?? missing
        }
        cells[at.operation] = operation.map { (.text($0.value), $0.span) } ?? missing
        cells[at.year] = year.map { (.number($0.value, percent: false), $0.span) } ?? missing
        cells[at.areaKind] = areaKind.map { (.text($0.value), $0.span) } ?? missing
        cells[at.area] = area.map { ($0.value.isEmpty ? .missing : .text($0.value), $0.span) } ?? missing
        cells[at.indicatorKind] = indicatorKind.map { (.text($0.value), $0.span) } ?? missing
        cells[at.indicatorCode] = (.text(indicator.code), indicator.codeSpan)
        cells[at.indicator] = (.text(indicator.title), indicator.titleSpan)
        cells[at.unit] = (unit.map { .text($0) } ?? .missing, measures.first?.1 ?? row[0].span)
        let rowValues = cells.map { ($0 ?? missing).0 }
        let rowSpans = cells.map { ($0 ?? missing).1 }
        pendingRows.append((rowValues, rowSpans, unit))
        lastRow = (row, roles)
    }

    /// The cells of a row that hold the start of a phrase wrapped onto the next line (`Refugees
    /// and`): their column in the indicators table, their role and their text.
    static func openCells(_ row: (cells: [ReportCell], roles: [Role])) -> [(column: Int, role: Role, text: String)] {
        var open: [(column: Int, role: Role, text: String)] = []
        for (i, role) in row.roles.enumerated() where i < row.cells.count && role != .country && role != .ignored {
            guard PackedCells.isOpen(row.cells[i].text, column: role), let column = TableSchema.indicators.columns.firstIndex(of: columnName(role)) else {
                continue
            }
            open.append((column, role, row.cells[i].text))
        }
        return open
    }

    static func columnName(_ role: Role) -> String {
        switch role {
        case .country: "country"
        case .populationType: "population_type"
        case .baseline: "baseline"
        case .target: "target"
        case .actual: "actual"
        case .ignored: ""
        }
    }

    /// Settles the unit of rows with no values from their indicator's other rows, then adds them.
    mutating func flushIndicator() {
        guard !pendingRows.isEmpty else { return }
        var counts: [String: Int] = [:]
        for row in pendingRows { if let unit = row.unit { counts[unit, default: 0] += 1 } }
        let majority = counts.max { a, b in (a.value, b.key) < (b.value, a.key) }?.key
        let unitIndex = TableSchema.indicators.columns.firstIndex(of: "unit") ?? 9
        for var row in pendingRows {
            if row.unit == nil, let majority { row.values[unitIndex] = .text(majority) }
            indicators.append(row.values, row.spans)
        }
        pendingRows.removeAll()
    }

    mutating func financialRow(_ row: [ReportCell], table: String, tableSpan: CellSpan, roles: [FinancialRole], lineRange: Range<Int>) {
        awaitingFinancialRow = false
        let endOfLine = CellSpan(start: lineRange.upperBound, length: 0)
        var values: [String: (CellValue, CellSpan)] = [
            "operation": operation.map { (.text($0.value), $0.span) } ?? (.missing, endOfLine),
            "year": year.map { (.number($0.value, percent: false), $0.span) } ?? (.missing, endOfLine),
            "table": (.text(table), tableSpan),
        ]
        for (i, role) in roles.enumerated() {
            let cell = i < row.count ? row[i] : ReportCell(span: endOfLine, text: "")
            let name: String
            switch role {
            case .area:
                values["area"] = (cell.text.isEmpty ? .missing : .text(cell.text), cell.span)
                continue
            case .finalBudget: name = "final_budget"
            case .fundsAvailable: name = "funds_available"
            case .fundsAvailablePct: name = "funds_available_pct"
            case .expenditure: name = "expenditure"
            case .expenditurePct: name = "expenditure_pct"
            case .ignored: continue
            }
            values[name] = (Self.value(cell.text), cell.span)
        }
        financials.append(
            TableSchema.financials.columns.map { values[$0]?.0 ?? .missing },
            TableSchema.financials.columns.map { values[$0]?.1 ?? endOfLine })
    }

    // MARK: What was not read

    static let notLinedUp = "this line stands in a table aligned by spaces but its words do not line up with the table's columns, so it was not read as a row"

    /// An `unread-row` warning: a line that looks like a row of a table but was not read as one.
    mutating func unreadRow(at offset: Int, _ message: String, table: String?) {
        issues.append(ReaderIssue(rule: "unread-row", severity: .warning, message: message, location: file.location(ofOffset: offset), table: table))
    }

    /// After the last line: a report with indicator sections but no indicator row read, or with
    /// a table header whose columns could not be told apart, gets an `unread-table` error.
    mutating func reportUnreadTables() {
        for header in unmappedHeaders {
            let financial = Self.looksLikeFinancialHeader(header.text)
            let named = Self.columnNames(in: header.text, financial: financial)
            let needs =
                financial
                ? "a financial table needs an Impact Area or Outcome Area column and Final Budget, Funds Available or Expenditure"
                : "an indicator table needs Baseline or Actual, and Country, Population Type or Target beside it"
            issues.append(
                ReaderIssue(
                    rule: "unread-table", severity: .error,
                    message: "this looks like a table header naming \(Self.list(named)), but its columns are \(cellsApart), "
                        + "and no line under it could be split into those columns by what each holds, so no row under it was read (\(needs), each in a cell of its own)",
                    location: file.location(ofOffset: header.offset), table: financial ? "financials" : "indicators"))
        }
        guard indicators.rowCount == 0, unmappedHeaders.isEmpty, let evidence = indicatorEvidence else { return }
        issues.append(
            ReaderIssue(
                rule: "unread-table", severity: .error,
                message: "the report has indicator sections (the first is '\(Self.quotedHeader(evidence.text))'), but no indicator row was read: "
                    + "no table header naming Baseline or Actual beside Country, Population Type or Target was found under them",
                location: file.location(ofOffset: evidence.offset), table: "indicators"))
    }

    static func quotedHeader(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\t", with: " ")
        return flat.count > 80 ? String(flat.prefix(79)) + "…" : flat
    }

    /// A line that names the columns of a table without cells to tell them apart:
    /// `Country Population Type Baseline Actual (2024)`, `Impact Area Final Budget …`.
    static func looksLikeHeader(_ text: String) -> Bool {
        guard text.utf8.count < 240, !text.hasSuffix(".") else { return false }
        let financial = looksLikeFinancialHeader(text)
        guard financial || text.utf8.containsIgnoringASCIICase("baseline") || text.utf8.containsIgnoringASCIICase("actual") else { return false }
        // A column's year (`Target (2024) Actual (2024)`) is not a number of a row.
        let withoutYears = text.split(separator: " ").filter { !Self.isYearWord($0) }.joined(separator: " ")
        guard !looksLikeData(withoutYears) else { return false }
        return financial || columnNames(in: text, financial: false).count >= 2
    }

    /// `2024` or `(2024)`: a column's year.
    static func isYearWord(_ word: Substring) -> Bool {
        var digits = word.utf8[...]
        if digits.first == 0x28, digits.last == 0x29 { digits = digits.dropFirst().dropLast() }
        return digits.count == 4 && digits.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } && (digits.first == 0x31 || digits.first == 0x32)
    }

    static func looksLikeFinancialHeader(_ text: String) -> Bool {
        // Only a line that starts with an area column is lowercased to look further.
        guard text.utf8.starts(ignoringASCIICase: "impact area") || text.utf8.starts(ignoringASCIICase: "outcome area") else { return false }
        let words = text.lowercased()
        return (words.hasPrefix("impact area") || words.hasPrefix("outcome area")) && (words.contains("final budget") || words.contains("funds available"))
    }

    /// The column names a header line holds, as written, in order.
    static func columnNames(in text: String, financial: Bool) -> [String] {
        let names =
            financial
            ? [
                "Impact Area", "Outcome Area", "Final Budget", "Funds Available as % of Budget", "Funds Available", "Expenditure as % of Funds Available",
                "Expenditure",
            ]
            : ["Country", "Population Type", "Baseline", "Target", "Actual"]
        var found: [(Int, String)] = []
        var rest = text.lowercased()
        for name in names {
            guard let range = rest.firstRange(of: name.lowercased()) else { continue }
            found.append((rest.distance(from: rest.startIndex, to: range.lowerBound), name))
            rest.replaceSubrange(range, with: String(repeating: " ", count: name.count))
        }
        return found.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// `a, b and c`.
    static func list(_ items: [String]) -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + last
    }

    /// A line that is a row of numbers: two or more numbers or percentages, the last word one of
    /// them (prose ends with a word or a full stop).
    static func looksLikeData(_ text: String) -> Bool {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{A0}" })
        guard let last = words.last else { return false }
        func isNumber(_ w: Substring) -> Bool {
            if case .number = CellText.parse(String(w)) { return true }
            return false
        }
        return isNumber(last) && words.filter(isNumber).count >= 2
    }

    /// Running headers and footers, and page numbers: `12`, `Page 3`, `Page 3 of 20`, `- 4 -`,
    /// `3 / 20`, or a line printed on many pages.
    static func isPageFurniture(_ text: String, _ running: Set<String>) -> Bool {
        if !running.isEmpty, running.contains(text) { return true }
        guard text.utf8.count <= 24 else { return false }
        let t = text.lowercased().filter { $0 != "-" && $0 != "–" }.trimmingSpaces
        let words = t.split(separator: " ")
        func isPageNumber(_ w: Substring) -> Bool { w.count <= 4 && w.allSatisfy { $0.isASCII && $0.isNumber } }
        if words.count == 1, isPageNumber(words[0]) { return true }
        if words.count == 2, words[0] == "page", isPageNumber(words[1]) { return true }
        if words.count == 4, words[0] == "page", isPageNumber(words[1]), words[2] == "of", isPageNumber(words[3]) { return true }
        if words.count == 3, isPageNumber(words[0]), words[1] == "/" || words[1] == "of", isPageNumber(words[2]) { return true }
        return false
    }

    /// Lines that stand at the top or the bottom of at least three pages of the text, with no
    /// tab: a PDF's running header and footer. Pages are split by form feeds, or, in text
    /// without them, end at their `Page N` line (then only a page's first line counts).
    static func runningLines(_ file: SourceFile) -> Set<String> {
        var pages: [[String]] = []
        if file.bytes.contains(0x0C) {
            pages = file.bytes.split(separator: 0x0C, omittingEmptySubsequences: false).map { page in
                page.split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self).trimmingSpaces }.filter { !$0.isEmpty }
            }
        } else {
            // Without form feeds (pdfminer's text), pages end at their `Page N` line: the first
            // line after each, and the text's first line, are the pages' first lines.
            var firstLines: [String] = []
            var pageEnded = true
            // The file's line table already knows where each line starts.
            file.bytes.withUnsafeBufferPointer { b in
                for line in 1...max(1, file.lines.count) {
                    let range = file.lines.byteRange(ofLine: line, in: file.bytes)
                    var first = range.lowerBound
                    while first < range.upperBound, b[first] == 0x20 || b[first] == 0x0D { first += 1 }
                    guard first < range.upperBound else { continue }
                    if pageEnded {
                        firstLines.append(String(decoding: UnsafeBufferPointer(rebasing: b[range]), as: UTF8.self).trimmingSpaces)
                        pageEnded = false
                    }
                    if b[first] == 0x50, range.upperBound - first <= 24,
                        isPageFurniture(String(decoding: UnsafeBufferPointer(rebasing: b[first..<range.upperBound]), as: UTF8.self).trimmingSpaces, [])
                    {
                        pageEnded = true
                    }
                }
            }
            // Page lines that split the text into three pages or more, or none.
            guard firstLines.count >= 4 else { return [] }
            pages = firstLines.map { [$0] }
        }
        // Without form feeds only the line after each page line is looked at: the lines around
        // it may be a table's, cut by the page break.
        let edge = file.bytes.contains(0x0C) ? 2 : 1
        var seen: [String: Int] = [:]
        for lines in pages {
            var edges = Set(lines.prefix(edge))
            if edge == 2 { edges.formUnion(lines.suffix(2)) }
            for text in edges where !text.utf8.containsByte(0x09) && text.count < 120 { seen[text, default: 0] += 1 }
        }
        return Set(seen.filter { $0.value >= 3 }.keys)
    }

    static func value(_ text: String) -> CellValue {
        switch CellText.parse(text) {
        case .missing: return .missing
        case .number(let n, let percent): return .number(n, percent: percent)
        case .text: return .text(text)
        }
    }
}

/// Where each column stands in the indicators table, for a row built cell by cell.
private enum IndicatorColumn {
    static let operation = index("operation")
    static let year = index("year")
    static let areaKind = index("area_kind")
    static let area = index("area")
    static let indicatorKind = index("indicator_kind")
    static let indicatorCode = index("indicator_code")
    static let indicator = index("indicator")
    static let country = index("country")
    static let populationType = index("population_type")
    static let unit = index("unit")
    static let baseline = index("baseline")
    static let target = index("target")
    static let actual = index("actual")

    private static func index(_ name: String) -> Int {
        TableSchema.indicators.columns.firstIndex(of: name) ?? 0
    }
}
