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
        var view = WorkbookView(path: path, limit: maxPartSize)
        var built: [SheetTableBuilder] = []
        for sheet in workbook.sheets {
            // Merges first (they follow the rows in the part), then the rows as they stream.
            var builder = SheetTableBuilder(name: sheet.name, merges: try reader.merges(sheet), schemas: schemas, view: view)
            view = WorkbookView(path: path, limit: maxPartSize)
            try reader.read(sheet) { (row) throws(Diagnostic) in try builder.add(row) }
            try builder.finish()
            view = builder.view
            if builder.header == nil {
                notes.append(
                    Diagnostic(
                        .note,
                        builder.sawRows
                            ? "sheet '\(sheet.name)' has no header row (a row with two or more text cells): skipped"
                            : "sheet '\(sheet.name)' is empty: skipped",
                        path: path))
            }
            built.append(builder.withoutView)
        }
        let file = SourceFile(path: path, bytes: view.bytes, sheets: SheetMap(sheets: view.sheets))
        var tables: [Table] = []
        var headers: [TableHeader] = []
        var issues: [ReaderIssue] = []
        for sheet in built {
            issues += sheet.issues.map { i in
                ReaderIssue(
                    rule: i.rule, severity: i.severity, message: i.message, location: file.location(ofOffset: i.offset), table: i.table, column: i.column,
                    rowPosition: i.rowOffset.map { file.location(ofOffset: $0) })
            }
            guard let header = sheet.header else { continue }
            let fields = sheet.headerFields
            let start = { (column: Int) in column < fields.count ? Int(fields[column].start) : 0 }
            headers.append(
                TableHeader(table: header.schema.name, location: file.location(ofOffset: start(header.columns.first ?? 0)), nearMiss: header.nearMiss))
            issues += header.duplicates.map { d in
                ReaderIssue(rule: "duplicate-column", severity: .error, message: d.message, location: file.location(ofOffset: start(header.columns[d.column])))
            }
            let table = Table(name: header.schema.name, path: path, columns: sheet.columns, rowCount: sheet.rowCount, origins: .spans(file, sheet.spans))
            if table.rowCount == 0 {
                notes.append(Diagnostic(.note, "sheet '\(sheet.name)' has a header but no rows: an empty table '\(header.schema.name)'", path: path))
            }
            tables.append(table)
        }
        if workbook.sheets.isEmpty { notes.append(Diagnostic(.note, "the workbook has no worksheet: nothing to check", path: path)) }
        return Dataset(source: file, format: .xlsx, tables: tables, issues: issues, notes: notes, headers: headers)
    }
}
