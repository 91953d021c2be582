import CrossfootBase
import CrossfootRules

/// Reads an XLSX workbook (`.xlsx`, `.xlsm`): every worksheet is a candidate table.
///
/// The header of a sheet is its first row with two or more text cells (title rows above it,
/// including a title merged across columns, are skipped); a sheet without one is skipped with a
/// note. The sheet's name is the table's, unless its header has every column of `indicators` or
/// `financials` (by name or by a header mapping), which makes it that table. A vertical merge
/// fills its rows with its top-left value in a text column (a Country merged over its
/// population types); numbers are never filled.
///
/// Positions are byte offsets into a text view of the workbook, one line per sheet row (cell
/// texts as a spreadsheet shows them, separated by tabs), sheets one after another; the view's
/// `SheetMap` turns them back into `'Sheet'!E12`. An error cell is a `formula-error` finding and
/// a formula without a cached value a `formula-not-computed` finding, each at its cell.
public struct XLSXReader: Sendable {
    /// The tables known by name, with the header names of their columns.
    public var schemas: [String: TableSchema]
    /// The largest size any part of the archive may unpack to (`--max-file-size`).
    public var maxPartSize: Int

    public init(schemas: [String: TableSchema] = TableSchema.builtInByName, maxPartSize: Int = Int.max) {
        self.schemas = schemas
        self.maxPartSize = maxPartSize
    }

    /// Whether the bytes are a ZIP archive holding `xl/workbook.xml`.
    public static func looksLikeWorkbook(_ bytes: [UInt8]) -> Bool {
        guard ZipArchive.looksLikeZip(bytes), let archive = try? ZipArchive(path: "", bytes: bytes) else { return false }
        return archive.entry(Workbook.workbookPart) != nil
    }

    /// Reads a workbook's bytes.
    ///
    /// - Throws: a `Diagnostic` naming the file (and the part) when it is not a readable
    ///   workbook or a part passes the size or compression-ratio limits.
    public func read(path: String, bytes: [UInt8]) throws(Diagnostic) -> Dataset {
        let archive = try ZipArchive(path: path, bytes: bytes)
        let workbook = try Workbook(archive: archive, limit: maxPartSize)
        let reader = SheetReader(workbook: workbook, archive: archive, limit: maxPartSize)
        var notes = workbook.notes
        var plans: [SheetPlan] = []
        for sheet in workbook.sheets {
            let (rows, merges) = try reader.read(sheet)
            let plan = SheetPlan(name: sheet.name, rows: rows, merges: merges, schemas: schemas)
            if plan.header == nil {
                notes.append(
                    Diagnostic(
                        .note,
                        rows.isEmpty
                            ? "sheet '\(sheet.name)' is empty: skipped"
                            : "sheet '\(sheet.name)' has no header row (a row with two or more text cells): skipped",
                        path: path))
            }
            plans.append(plan)
        }
        var view = ViewBuilder(path: path, limit: maxPartSize)
        for plan in plans { try view.add(plan) }
        let file = SourceFile(path: path, bytes: view.bytes, sheets: SheetMap(sheets: view.sheets))
        var tables: [Table] = []
        var headers: [TableHeader] = []
        var issues: [ReaderIssue] = []
        for (p, plan) in plans.enumerated() {
            issues += view.problems(of: p, plan: plan, file: file)
            guard let header = plan.header else { continue }
            let placed = view.placed[p]
            let headerFields = placed.fields[header.row] ?? []
            let headerStart = header.columns.first.flatMap { $0 < headerFields.count ? Int(headerFields[$0].start) : nil } ?? 0
            headers.append(TableHeader(table: header.schema.name, location: file.location(ofOffset: headerStart), nearMiss: header.nearMiss))
            issues += header.duplicates.map { d in
                ReaderIssue(
                    rule: "duplicate-column", severity: .error, message: d.message,
                    location: file.location(ofOffset: Int(headerFields[header.columns[d.column]].start)))
            }
            var columns = header.names.map { Column(name: $0) }
            var spans: [[CellSpan]] = Array(repeating: [], count: header.names.count)
            for row in plan.dataRows {
                let fields = placed.fields[row.number] ?? []
                let cells = Dictionary(row.cells.map { ($0.column, $0) }, uniquingKeysWith: { a, _ in a })
                for (c, sheetColumn) in header.columns.enumerated() {
                    columns[c].append(Self.value(cells[sheetColumn], text: header.textColumns[c]))
                    let field = sheetColumn < fields.count ? fields[sheetColumn] : CellSpan(start: view.bytes.count, length: 0)
                    spans[c].append(field)
                }
            }
            let table = Table(name: header.schema.name, path: path, columns: columns, rowCount: plan.dataRows.count, origins: .spans(file, spans))
            if table.rowCount == 0 {
                notes.append(Diagnostic(.note, "sheet '\(plan.name)' has a header but no rows: an empty table '\(header.schema.name)'", path: path))
            }
            tables.append(table)
        }
        if workbook.sheets.isEmpty { notes.append(Diagnostic(.note, "the workbook has no worksheet: nothing to check", path: path)) }
        return Dataset(source: file, format: .xlsx, tables: tables, issues: issues, notes: notes, headers: headers)
    }

    /// A cell's value in a table column: a text column takes the text a spreadsheet shows (an
    /// indicator code `13.2` stays `13.2`); another column reads a string like a CSV cell
    /// (`"1,200"` is a number).
    private static func value(_ cell: SheetCell?, text: Bool) -> CellValue {
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

/// A sheet's rows with its header found, its table recognised and its vertical merges filled.
struct SheetPlan {
    struct Header {
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
    }

    let name: String
    private(set) var rows: [SheetRow]
    let header: Header?
    /// How many rows with two or more text cells are tried as the header.
    static let headerCandidates = 20

    init(name: String, rows: [SheetRow], merges: [MergedRange], schemas: [String: TableSchema]) {
        self.name = name
        self.rows = rows
        // The first row with two or more text cells, unless a later one among the first few
        // makes a known table: a title block may hold a row such as `Operation: | Kazakhstan MCO`.
        let candidates = rows.indices.filter { rows[$0].cells.count(where: { $0.value.text != nil }) >= 2 }.prefix(Self.headerCandidates)
        func read(
            _ index: Int
        ) -> (named: [SheetCell], written: [String], recognised: (schema: TableSchema, columns: [String?], nearMiss: TableHeader.NearMiss?)) {
            let named = rows[index].cells.filter { !$0.text.trimmingSpaces.isEmpty }
            let written = named.map { $0.text.trimmingSpaces }
            return (named, written, CSVHeader.recognise(written, stem: name, schemas: schemas))
        }
        guard let first = candidates.first else {
            header = nil
            return
        }
        let chosen = candidates.lazy.map { ($0, read($0)) }.first { $0.1.recognised.schema.name != name } ?? (first, read(first))
        let headerRow = rows[chosen.0]
        let (named, written, (schema, mapped, nearMiss)) = chosen.1
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
        let columns = named.map(\.column)
        let textColumns = names.map { schema.type(of: $0) == .text }
        header = Header(
            row: headerRow.number, columns: columns, names: names, schema: schema, textColumns: textColumns, nearMiss: nearMiss, duplicates: duplicates)
        fill(
            merges, textColumns: Dictionary(zip(columns, textColumns), uniquingKeysWith: { a, _ in a }),
            known: schemas[schema.name] != nil || TableSchema.builtInByName[schema.name] != nil)
    }

    /// The rows below the header with a value in one of the table's columns.
    var dataRows: [SheetRow] {
        guard let header else { return [] }
        let wanted = Set(header.columns)
        return rows.filter { row in
            row.number > header.row && row.cells.contains { wanted.contains($0.column) && (!$0.value.isMissing || $0.problem != nil) }
        }
    }

    /// Fills each vertical merge's rows with its top-left value, in a text column of a known
    /// table, or in any column of another table when that value is text. Only rows that hold
    /// other cells are filled: a row of nothing but the merge is no row of the table.
    private mutating func fill(_ merges: [MergedRange], textColumns: [Int: Bool], known: Bool) {
        let index = Dictionary(rows.enumerated().map { ($1.number, $0) }, uniquingKeysWith: { a, _ in a })
        for merge in merges where merge.rows.count > 1 {
            let column = merge.columns.lowerBound
            guard let top = index[merge.rows.lowerBound].flatMap({ rows[$0].cells.first { $0.column == column } }), top.value.text != nil else { continue }
            if known, textColumns[column] != true { continue }
            var filled = top
            filled.problem = nil
            // The merge's rows that exist, found from the sorted rows rather than row by row
            // (a merge may name a million rows).
            var i = (index[merge.rows.lowerBound] ?? rows.count) + 1
            while i < rows.count, rows[i].number <= merge.rows.upperBound {
                defer { i += 1 }
                if let c = rows[i].cells.firstIndex(where: { $0.column == column }) {
                    guard rows[i].cells[c].value.isMissing, rows[i].cells[c].problem == nil else { continue }
                    rows[i].cells[c] = filled
                } else {
                    rows[i].cells.append(filled)
                    rows[i].cells.sort { $0.column < $1.column }
                }
            }
        }
    }
}

/// The text view of a workbook, built sheet by sheet: one line per sheet row, every column from
/// A on separated by tabs.
struct ViewBuilder {
    /// Where each field of a sheet's rows lies in the view, by 1-based row number.
    struct Placed {
        var fields: [Int: [CellSpan]] = [:]
    }

    private(set) var bytes: [UInt8] = []
    private(set) var sheets: [SheetMap.Sheet] = []
    private(set) var placed: [Placed] = []
    private var line = 1
    let path: String
    /// The largest the view may grow (`--max-file-size`): a cell at XFD1048576 costs a few bytes
    /// of XML and a million lines of view.
    let limit: Int

    init(path: String, limit: Int) {
        self.path = path
        self.limit = limit
    }

    /// Adds a sheet's rows.
    ///
    /// - Throws: a `Diagnostic` when the view passes the size limit.
    mutating func add(_ plan: SheetPlan) throws(Diagnostic) {
        var placed = Placed()
        let lastRow = plan.rows.last?.number ?? 0
        let width = plan.header.map { ($0.columns.max() ?? 0) + 1 } ?? 0
        var next = 0
        let firstLine = line
        for rowNumber in 1...max(lastRow, 1) where lastRow > 0 {
            var cells: [SheetCell] = []
            if next < plan.rows.count, plan.rows[next].number == rowNumber {
                cells = plan.rows[next].cells
                next += 1
            }
            let pad = plan.header.map { rowNumber >= $0.row } ?? false ? width : 0
            let fieldCount = max(pad, (cells.last?.column ?? -1) + 1)
            var fields: [CellSpan] = []
            fields.reserveCapacity(fieldCount)
            var k = 0
            for column in 0..<fieldCount {
                if column > 0 { bytes.append(0x09) }
                let start = bytes.count
                if k < cells.count, cells[k].column == column {
                    for byte in cells[k].text.utf8 { bytes.append(byte == 0x09 || byte == 0x0A || byte == 0x0D ? 0x20 : byte) }
                    k += 1
                }
                fields.append(CellSpan(start: start, length: bytes.count - start))
            }
            if !cells.isEmpty || pad > 0 { placed.fields[rowNumber] = fields }
            bytes.append(0x0A)
            if bytes.count > limit {
                throw Diagnostic(
                    .error,
                    "sheet '\(plan.name)' spreads its cells over more than \(FileSystem.size(limit)) of rows and columns, the limit (raise it with --max-file-size)",
                    path: path)
            }
            line += 1
        }
        sheets.append(SheetMap.Sheet(name: plan.name, firstLine: firstLine, rows: lastRow))
        self.placed.append(placed)
    }

    /// The findings of a sheet's error cells and formulas without a value, at their cells.
    func problems(of index: Int, plan: SheetPlan, file: SourceFile) -> [ReaderIssue] {
        var issues: [ReaderIssue] = []
        let header = plan.header
        let tableRows = Set(plan.dataRows.map(\.number))
        for row in plan.rows {
            for cell in row.cells {
                guard let problem = cell.problem, let fields = placed[index].fields[row.number], cell.column < fields.count else { continue }
                let location = file.location(ofOffset: Int(fields[cell.column].start))
                let address = "'\(plan.name)'!\(location.cell ?? "")"
                var table: String?
                var column: String?
                var subject = "cell \(address)"
                if let header, tableRows.contains(row.number), let c = header.columns.firstIndex(of: cell.column) {
                    table = header.schema.name
                    column = header.names[c]
                    subject = "\(column ?? "") in \(address)"
                }
                let rule: String
                let message: String
                switch problem {
                case .error(let error):
                    rule = "formula-error"
                    message = "\(subject) holds the error value \(error): its formula failed, so the cell is read as empty and not checked"
                case .notComputed(let formula):
                    rule = "formula-not-computed"
                    let what = formula.isEmpty ? "a formula shared with another cell" : "the formula =\(formula)"
                    message =
                        "\(subject) has \(what) but no computed value: the workbook was written by a program and never opened in a spreadsheet, "
                        + "so the cell is read as empty (open and save it in a spreadsheet to compute it)"
                }
                // The row's position as its table gives it (where its last cell starts), so triage
                // shows the finding with the row's other findings.
                let last = header?.columns.compactMap { $0 < fields.count ? fields[$0].start : nil }.max()
                let rowPosition = table == nil ? nil : last.map { file.location(ofOffset: Int($0)) }
                issues.append(
                    ReaderIssue(
                        rule: rule, severity: rule == "formula-error" ? .error : .warning, message: message, location: location, table: table,
                        column: column, rowPosition: rowPosition))
            }
        }
        return issues
    }
}
