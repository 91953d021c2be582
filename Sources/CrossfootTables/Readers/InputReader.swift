import CrossfootBase
import CrossfootRules

/// Finds input files, tells their format from their content, and reads them into datasets.
public enum InputReader {
    /// File extensions looked at when a folder is linted.
    public static let extensions: Set<String> = ["csv", "tsv", "json", "jsonl", "ndjson", "md", "markdown", "txt", "html", "htm", "pdf", "xlsx", "xlsm"]

    /// The files under `paths`: files as given, folders searched recursively (hidden entries
    /// skipped), each folder's entries in name order.
    ///
    /// - Returns: the files, whether each was named explicitly, and the paths that could not be used.
    public static func collect(_ paths: [String]) -> (files: [(path: String, explicit: Bool)], problems: [Diagnostic]) {
        let (files, problems, _) = collectWithNotes(paths)
        return (files, problems)
    }

    /// The same, with notes about what a folder walk skipped: special files (FIFOs, devices,
    /// sockets) and symbolic links that lead out of the folder given, which a pull request
    /// could use to make a gate read files it should not.
    public static func collectWithNotes(_ paths: [String]) -> (files: [(path: String, explicit: Bool)], problems: [Diagnostic], notes: [Diagnostic]) {
        var files: [(String, Bool)] = []
        var problems: [Diagnostic] = []
        var notes: [Diagnostic] = []
        for path in paths {
            switch FileSystem.kind(of: path) {
            case .file:
                files.append((path, true))
            case .directory:
                var visited: Set<[UInt64]> = []
                walk(path, root: path, into: &files, problems: &problems, notes: &notes, visited: &visited)
            case .other:
                problems.append(Diagnostic(.error, "not a regular file or folder (a FIFO, device or socket is not read)", path: path))
            case .absent:
                problems.append(Diagnostic(.error, "no such file or folder", path: path))
            case .loop:
                problems.append(Diagnostic(.error, FileSystem.loopMessage, path: path))
            case .brokenLink:
                problems.append(Diagnostic(.error, "a symbolic link to nothing: its target does not exist", path: path))
            }
        }
        return (files, problems, notes)
    }

    private static func walk(
        _ directory: String, root: String, into files: inout [(String, Bool)], problems: inout [Diagnostic], notes: inout [Diagnostic],
        visited: inout Set<[UInt64]>
    ) {
        guard let id = FileSystem.identity(of: directory) else { return }
        guard visited.insert(id).inserted else {
            problems.append(Diagnostic(.error, "a symbolic link loops back to a folder already being linted; skipped", path: directory))
            return
        }
        let names: [String]
        do {
            names = try FileSystem.entries(of: directory)
        } catch {
            problems.append(error)
            return
        }
        for name in names where !name.hasPrefix(".") {
            let path = directory == "." ? name : directory.hasSuffix("/") ? directory + name : directory + "/" + name
            let kind = FileSystem.kind(of: path)
            if kind == .loop {
                problems.append(Diagnostic(.error, FileSystem.loopMessage, path: path))
                continue
            }
            if kind == .brokenLink {
                notes.append(Diagnostic(.note, "skipped: a symbolic link to nothing (its target does not exist)", path: path))
                continue
            }
            if FileSystem.isSymbolicLink(path), !RepositoryPaths.contains(root, path) {
                notes.append(Diagnostic(.note, "skipped: a symbolic link that leads out of \(root)", path: path))
                continue
            }
            switch kind {
            case .directory:
                walk(path, root: root, into: &files, problems: &problems, notes: &notes, visited: &visited)
            case .file:
                let ext = name.split(separator: ".").last.map { $0.lowercased() } ?? ""
                if name.contains("."), extensions.contains(ext) { files.append((path, false)) }
            case .other:
                notes.append(Diagnostic(.note, "skipped: not a regular file (a FIFO, device or socket)", path: path))
            case .absent, .loop, .brokenLink:
                continue
            }
        }
    }

    /// The format of a file: by its extension for `.csv`, `.tsv`, `.jsonl` and `.ndjson`, otherwise
    /// from its content; `nil` when it is none Crossfoot reads.
    ///
    /// JSON is rows when it is an array of objects or objects one after another, and holds no
    /// chart series; otherwise it is chart data. A `.json` file found in a folder (`explicit`
    /// false) counts only when it holds rows or chart series, so a data repository's other JSON
    /// files (`package.json`, a lone settings object) are left alone.
    public static func detect(path: String, bytes: [UInt8], explicit: Bool = true) -> InputFormat? {
        if XLSXReader.looksLikeWorkbook(bytes) { return .xlsx }
        let ext = path.split(separator: "/").last?.split(separator: ".").last.map { $0.lowercased() } ?? ""
        switch ext {
        case "csv", "tsv": return .csv
        case "jsonl", "ndjson": return .jsonRows
        case "json":
            if JSONRowsReader.holdsRows(bytes) { return .jsonRows }
            return explicit || ChartReader.looksLikeChartPage(bytes) ? .chart : nil
        default: break
        }
        if ReportReader.looksLikeReport(bytes) { return .report }
        if ChartReader.looksLikeChartPage(bytes) { return .chart }
        if JSONRowsReader.holdsRows(bytes) { return .jsonRows }
        var i = 0
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0xEF || bytes[i] == 0xBB || bytes[i] == 0xBF { i += 1 }
        if i < bytes.count, bytes[i] == 0x7B || bytes[i] == 0x5B { return .chart }
        return nil
    }

    /// Reads one file into a dataset.
    ///
    /// - Parameters:
    ///   - format: forces a format (`--input-format`); detected when `nil`.
    ///   - explicit: whether the user named the file; an unrecognised file found in a folder is
    ///     skipped (`nil`), one named explicitly is an error.
    ///   - schemas: the tables known by name, with the header names of their columns, which tell
    ///     what table a CSV file holds (a rule set's `schemas`).
    /// - Throws: a `Diagnostic` when the file cannot be read or become tables.
    public static func read(
        _ path: String, format: InputFormat? = nil, explicit: Bool = true, maxFileSize: Int = Int.max, maxLineLength: Int = Int.max,
        schemas: [String: TableSchema] = TableSchema.builtInByName
    ) throws(Diagnostic) -> Dataset? {
        let raw = try FileSystem.read(path, maxSize: maxFileSize)
        // A workbook is binary: it is unpacked, never decoded as text.
        if format == .xlsx || (format == nil && XLSXReader.looksLikeWorkbook(raw)) {
            return try XLSXReader(schemas: schemas, maxPartSize: maxFileSize).read(path: path, bytes: raw)
        }
        if isPDF(path: path, bytes: raw, format: format) {
            let file = try PDFReader.text(path: path, bytes: raw, maxTextSize: maxFileSize)
            try checkLineLength(file, limit: maxLineLength)
            return try read(file, format: .pdf, schemas: schemas)
        }
        let bytes = try TextDecoding.utf8(raw, path: path)
        guard let chosen = format ?? detect(path: path, bytes: bytes, explicit: explicit) else {
            if explicit {
                throw Diagnostic(
                    .error,
                    "cannot tell what this file holds: it is not a results report, a CSV file, chart data, JSON rows, a PDF or an XLSX workbook (use --input-format report|csv|chart|json-rows|pdf|xlsx)",
                    path: path)
            }
            return nil
        }
        let file = SourceFile(path: path, bytes: bytes)
        try checkLineLength(file, limit: maxLineLength)
        return try read(file, format: chosen, schemas: schemas)
    }

    /// Whether a file is read as a PDF: when told so, or named `.pdf` or starting as one does,
    /// unless a format other than a report was asked for (a PDF is a report).
    package static func isPDF(path: String, bytes: [UInt8], format: InputFormat?) -> Bool {
        if let format, format != .report { return format == .pdf }
        let ext = path.split(separator: "/").last?.split(separator: ".").last.map { $0.lowercased() } ?? ""
        return ext == "pdf" || PDFReader.looksLikePDF(bytes)
    }

    /// The text of a file as its reader sees it: a PDF's laid-out text page by page, a
    /// workbook's text view (one line per sheet row), any other file's bytes decoded as the
    /// readers decode them.
    ///
    /// - Throws: a `Diagnostic` when the file cannot be read.
    public static func text(of path: String, format: InputFormat? = nil, maxFileSize: Int = Int.max) throws(Diagnostic) -> SourceFile {
        let raw = try FileSystem.read(path, maxSize: maxFileSize)
        if isPDF(path: path, bytes: raw, format: format) { return try PDFReader.text(path: path, bytes: raw, maxTextSize: maxFileSize) }
        // A workbook's text view: one line per sheet row.
        if format == .xlsx || XLSXReader.looksLikeWorkbook(raw) { return try XLSXReader(maxPartSize: maxFileSize).read(path: path, bytes: raw).source }
        return SourceFile(path: path, bytes: try TextDecoding.utf8(raw, path: path))
    }

    /// Refuses a file with a line longer than `limit` bytes, naming the line.
    package static func checkLineLength(_ file: SourceFile, limit: Int) throws(Diagnostic) {
        let longest = file.lines.longest
        guard longest.length > limit else { return }
        throw Diagnostic.error(
            "line \(longest.line) is \(FileSystem.size(longest.length)) long, more than the limit of \(FileSystem.size(limit)) (raise it with --max-line-length)",
            at: SourceLocation(path: file.path, line: longest.line, column: 1))
    }

    /// Reads a file already in memory, in the given format.
    public static func read(_ file: SourceFile, format: InputFormat, schemas: [String: TableSchema] = TableSchema.builtInByName) throws(Diagnostic) -> Dataset {
        switch format {
        case .report, .pdf: return try ReportReader().read(file, format: format)
        case .csv: return try CSVReader(schemas: schemas).read(file)
        case .chart: return try ChartReader().read(file)
        case .jsonRows: return try JSONRowsReader().read(file)
        case .xlsx: return try XLSXReader(schemas: schemas).read(path: file.path, bytes: file.bytes)
        }
    }
}
