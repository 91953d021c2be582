import CrossfootBase
import CrossfootRules

/// The text view of a workbook, built as its rows stream: one line per sheet row, every column
/// from A on separated by tabs, sheets one after another.
struct WorkbookView {
    private(set) var bytes: [UInt8] = []
    var sheets: [SheetMap.Sheet] = []
    /// The next line's number.
    private(set) var line = 1
    let path: String
    /// The largest the view may grow (`--max-file-size`): a cell at XFD1048576 costs a few bytes
    /// of XML and a million lines of view.
    let limit: Int

    init(path: String, limit: Int) {
        self.path = path
        self.limit = limit
    }

    /// Writes one line of cells, the fields padded to `width`, and returns where each field is.
    mutating func write(_ cells: [SheetCell], width: Int, sheet: String) throws(Diagnostic) -> [CellSpan] {
        let count = max(width, (cells.last?.column ?? -1) + 1)
        var fields: [CellSpan] = []
        fields.reserveCapacity(count)
        var k = 0
        for column in 0..<count {
            if column > 0 { bytes.append(0x09) }
            let start = bytes.count
            if k < cells.count, cells[k].column == column {
                for byte in cells[k].text.utf8 { bytes.append(byte == 0x09 || byte == 0x0A || byte == 0x0D ? 0x20 : byte) }
                k += 1
            }
            fields.append(CellSpan(start: start, length: bytes.count - start))
        }
        try newLine(sheet: sheet)
        return fields
    }

    /// Ends a line.
    mutating func newLine(sheet: String) throws(Diagnostic) {
        bytes.append(0x0A)
        line += 1
        if bytes.count > limit {
            throw Diagnostic(
                .error,
                "sheet '\(sheet)' spreads its cells over more than \(FileSystem.size(limit)) of rows and columns, the limit (raise it with --max-file-size)",
                path: path)
        }
    }
}

/// A sheet's header: the row it is on and the table its columns make.
struct SheetHeader {
    /// The header's 1-based row.
    var row: Int
    /// The sheet columns (0-based) the table's columns come from, in order.
    var columns: [Int]
    /// The table's column names (a known table's names where the header stands for them).
    var names: [String]
    var schema: TableSchema
    var textColumns: [Bool]
    var nearMiss: TableHeader.NearMiss?
    /// Columns named twice: the second's index in `columns`, and what to say.
    var duplicates: [(column: Int, message: String)]
    /// Whether the table is a known one (whose column types say which columns are text).
    var known: Bool
    /// Whether the header has every column of a table recognised by its header (`indicators`,
    /// `financials`), which makes it the header over a title row before it.
    var recognised: Bool
}

/// A finding found while the view was built, placed by byte offset until the view is whole.
struct PendingIssue {
    var rule: String
    var severity: Severity
    var message: String
    var offset: Int
    var table: String?
    var column: String?
    var rowOffset: Int?
}

/// Builds one sheet's table as its rows stream, without holding the sheet.
///
/// Rows are held only until the header is decided: the first row with two or more text cells,
/// unless a later one among the first `headerCandidates` makes a known table. After that each
/// row goes to the view and, below the header, to the table's columns. A vertical merge (read
/// before the rows) fills its rows with its top-left value as they pass, in a text column of a
/// known table, or in any column of another table when that value is text; numbers never.
struct SheetTableBuilder {
    let name: String
    let schemas: [String: TableSchema]
    /// Vertical merges, by their first row.
    let merges: [MergedRange]
    private(set) var view: WorkbookView
    private let firstLine: Int
    /// How many rows with two or more text cells are tried as the header.
    static let headerCandidates = 20

    private var pending: [SheetRow] = []
    private var candidates: [Int] = []
    private var decided = false
    private(set) var header: SheetHeader?
    private var lastRow = 0
    private var nextMerge = 0
    /// Merges whose rows are passing, with the cell they fill.
    private var active: [(merge: MergedRange, cell: SheetCell)] = []

    private(set) var columns: [Column] = []
    private(set) var spans: [[CellSpan]] = []
    private(set) var rowCount = 0
    private(set) var headerFields: [CellSpan] = []
    private(set) var issues: [PendingIssue] = []
    private(set) var sawRows = false

    init(name: String, merges: [MergedRange], schemas: [String: TableSchema], view: WorkbookView) {
        self.name = name
        self.schemas = schemas
        self.merges = merges.filter { $0.rows.count > 1 }.sorted { $0.rows.lowerBound < $1.rows.lowerBound }
        self.view = view
        firstLine = view.line
    }

    /// Takes the next row.
    ///
    /// - Throws: a `Diagnostic` when rows come out of order or the view passes its limit.
    mutating func add(_ row: SheetRow) throws(Diagnostic) {
        sawRows = true
        let last = pending.last?.number ?? lastRow
        guard row.number > last else {
            throw Diagnostic(
                .error,
                "sheet '\(name)' writes row \(row.number) after row \(last): rows out of order are not read (save the workbook again from a spreadsheet)",
                path: view.path)
        }
        guard !decided else {
            try place(row)
            return
        }
        pending.append(row)
        guard row.cells.count(where: { $0.value.text != nil }) >= 2 else { return }
        candidates.append(pending.count - 1)
        if let made = makeHeader(row), made.recognised {
            try decide(made)
        } else if candidates.count >= Self.headerCandidates {
            try decide(candidates.first.flatMap { makeHeader(pending[$0]) })
        }
    }

    /// The builder with the view handed on (so the next sheet's builder holds the only copy).
    var withoutView: SheetTableBuilder {
        var copy = self
        copy.view = WorkbookView(path: view.path, limit: view.limit)
        return copy
    }

    /// Places the rows still held and the sheet's lines.
    mutating func finish() throws(Diagnostic) {
        if !decided { try decide(candidates.first.flatMap { makeHeader(pending[$0]) }) }
        view.sheets.append(SheetMap.Sheet(name: name, firstLine: firstLine, rows: lastRow))
    }

    private mutating func decide(_ chosen: SheetHeader?) throws(Diagnostic) {
        decided = true
        header = chosen
        if let chosen {
            columns = chosen.names.map { Column(name: $0) }
            spans = Array(repeating: [], count: chosen.names.count)
        }
        let held = pending
        pending = []
        for row in held { try place(row) }
    }

    private func makeHeader(_ row: SheetRow) -> SheetHeader? {
        let named = row.cells.filter { !$0.text.trimmingSpaces.isEmpty }
        let written = named.map { $0.text.trimmingSpaces }
        let (schema, mapped, nearMiss) = CSVHeader.recognise(written, stem: name, schemas: schemas)
        let names = zip(written, mapped).map { $1 ?? $0 }
        var duplicates: [(Int, String)] = []
        var seen: [String: Int] = [:]
        for (i, n) in names.enumerated() {
            guard let first = seen[n] else {
                seen[n] = i
                continue
            }
            duplicates.append(
                (
                    i,
                    written[first] == written[i]
                        ? "column '\(n)' appears twice in the header (columns \(first + 1) and \(i + 1)); rules see only the first"
                        : "column \(i + 1), '\(written[i])', is read as '\(n)', and so is column \(first + 1), '\(written[first])'; rules see only the first"
                ))
        }
        let known = schemas[schema.name] != nil || TableSchema.builtInByName[schema.name] != nil
        return SheetHeader(
            row: row.number, columns: named.map(\.column), names: names, schema: schema, textColumns: names.map { schema.type(of: $0) == .text },
            nearMiss: nearMiss, duplicates: duplicates, known: known,
            recognised: TableSchema.recognisedInCSV.contains(schema.name) && !mapped.contains(nil))
    }

    /// Writes a row to the view (after empty lines for the rows the part skips) and, below the
    /// header, to the table.
    private mutating func place(_ given: SheetRow) throws(Diagnostic) {
        var row = given
        fill(&row)
        while lastRow + 1 < row.number {
            try view.newLine(sheet: name)
            lastRow += 1
        }
        let width = header.map { row.number >= $0.row ? ($0.columns.max() ?? 0) + 1 : 0 } ?? 0
        let fields = try view.write(row.cells, width: width, sheet: name)
        lastRow = row.number
        var tableRow = false
        if let header {
            if row.number == header.row { headerFields = fields }
            let wanted = header.columns
            tableRow = row.number > header.row && row.cells.contains { wanted.contains($0.column) && (!$0.value.isMissing || $0.problem != nil) }
            if tableRow {
                var k = 0
                for (c, sheetColumn) in header.columns.enumerated() {
                    // Cells are in column order; header columns too.
                    while k < row.cells.count, row.cells[k].column < sheetColumn { k += 1 }
                    let cell = k < row.cells.count && row.cells[k].column == sheetColumn ? row.cells[k] : nil
                    columns[c].append(Self.value(cell, text: header.textColumns[c]))
                    spans[c].append(sheetColumn < fields.count ? fields[sheetColumn] : CellSpan(start: view.bytes.count, length: 0))
                }
                rowCount += 1
            }
        }
        for cell in row.cells {
            guard let problem = cell.problem, cell.column < fields.count else { continue }
            let address = "\(SheetMap.quoted(name))!\(SheetMap.letters(cell.column))\(row.number)"
            var table: String?
            var column: String?
            var subject = "cell \(address)"
            var rowOffset: Int?
            if let header, tableRow, let c = header.columns.firstIndex(of: cell.column) {
                table = header.schema.name
                column = header.names[c]
                subject = "\(header.names[c]) in \(address)"
                // The row's position as its table gives it (where its last cell starts), so
                // triage shows the finding with the row's other findings.
                rowOffset = header.columns.compactMap { $0 < fields.count ? Int(fields[$0].start) : nil }.max()
            }
            let issue: PendingIssue
            switch problem {
            case .error(let error):
                issue = PendingIssue(
                    rule: "formula-error", severity: .error,
                    message: "\(subject) holds the error value \(error): its formula failed, so the cell is read as empty and not checked",
                    offset: Int(fields[cell.column].start), table: table, column: column, rowOffset: rowOffset)
            case .notComputed(let formula):
                let what = formula.isEmpty ? "a formula shared with another cell" : "the formula =\(formula)"
                issue = PendingIssue(
                    rule: "formula-not-computed", severity: .warning,
                    message: "\(subject) has \(what) but no computed value: the workbook was written by a program and never opened in a spreadsheet, "
                        + "so the cell is read as empty (open and save it in a spreadsheet to compute it)",
                    offset: Int(fields[cell.column].start), table: table, column: column, rowOffset: rowOffset)
            }
            issues.append(issue)
        }
    }

    /// Fills the row's cells that merges passing over it cover.
    private mutating func fill(_ row: inout SheetRow) {
        guard let header else { return }
        active.removeAll { $0.merge.rows.upperBound < row.number }
        while nextMerge < merges.count, merges[nextMerge].rows.lowerBound <= row.number {
            let merge = merges[nextMerge]
            nextMerge += 1
            // Only a merge whose top-left cell is on this row has a value to give.
            guard merge.rows.lowerBound == row.number else { continue }
            let column = merge.columns.lowerBound
            guard var top = row.cells.first(where: { $0.column == column }), top.value.text != nil else { continue }
            if header.known {
                guard let c = header.columns.firstIndex(of: column), header.textColumns[c] else { continue }
            }
            top.problem = nil
            active.append((merge, top))
        }
        for (merge, cell) in active where merge.rows.lowerBound < row.number {
            if let c = row.cells.firstIndex(where: { $0.column == cell.column }) {
                guard row.cells[c].value.isMissing, row.cells[c].problem == nil else { continue }
                row.cells[c] = cell
            } else {
                row.cells.append(cell)
                row.cells.sort { $0.column < $1.column }
            }
        }
    }

    /// A cell's value in a table column: a text column takes the text a spreadsheet shows (an
    /// indicator code `13.2` stays `13.2`); another column reads a string like a CSV cell
    /// (`"1,200"` is a number).
    static func value(_ cell: SheetCell?, text: Bool) -> CellValue {
        guard let cell else { return .missing }
        if text {
            if case .number = cell.value {
                let shown = cell.text.trimmingSpaces
                return shown.isEmpty ? .missing : .text(shown)
            }
            return cell.value
        }
        if cell.isString, case .text(let s) = cell.value { return CellValue(parsing: s) }
        return cell.value
    }
}
