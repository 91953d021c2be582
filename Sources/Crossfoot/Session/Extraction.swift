import CrossfootBase
import CrossfootRules
import CrossfootTables

/// `crossfoot extract`: a results report's tables written as CSV files with the canonical
/// columns, so a data repository can keep clean CSV and lint it like the report.
public enum Extraction {
    /// One CSV file written.
    public struct Written: Sendable, Equatable {
        public var path: String
        public var rows: Int
    }

    /// Reads `report` and writes `indicators.csv` and `financials.csv` into `folder` (made if
    /// needed), each only when the report has that table. A workbook gives every table it
    /// holds, each as `<table>.csv` (a sheet that is no known table named after the sheet).
    ///
    /// - Returns: the files written, in order.
    /// - Throws: a diagnostic naming the file that could not be read or written.
    public static func extract(_ report: String, into folder: String) throws(Diagnostic) -> [Written] {
        let raw = try FileSystem.read(report)
        let workbook = XLSXReader.looksLikeWorkbook(raw)
        guard let dataset = try InputReader.read(report, format: workbook ? .xlsx : .report) else {
            throw Diagnostic(.error, "not a results report", path: report)
        }
        try FileSystem.makeDirectory(folder)
        var written: [Written] = []
        let tables: [(table: Table, columns: [String]?)]
        if workbook {
            tables = dataset.tables.map { table in (table, TableSchema.builtInByName[table.name]?.columns) }
        } else {
            tables = [TableSchema.indicators, TableSchema.financials].compactMap { schema in dataset.table(named: schema.name).map { ($0, schema.columns) } }
        }
        var names: Set<String> = []
        for (table, columns) in tables {
            // Two sheets of one table: the second gets a number. A sheet name never makes a folder.
            let base = table.name.replacing("/", with: "-")
            var name = base
            var k = 2
            while names.contains(name) {
                name = "\(base)-\(k)"
                k += 1
            }
            names.insert(name)
            let path = folder.hasSuffix("/") ? folder + name + ".csv" : folder + "/" + name + ".csv"
            try FileSystem.write(Array(CSVWriter.csv(table, columns: columns).utf8), to: path)
            written.append(Written(path: path, rows: table.rowCount))
        }
        return written
    }

    /// The text of `report` as the report reader sees it: a PDF's text laid out page by page (a
    /// line holding a form feed between pages), any other file's text as it is. Its lines are
    /// the lines that SARIF's `startLine` counts.
    ///
    /// - Parameter folder: writes `<name>.txt` into it (made if needed) when given.
    /// - Returns: the text, and the file written if any.
    public static func text(of report: String, into folder: String?) throws(Diagnostic) -> (text: [UInt8], written: String?) {
        let file = try InputReader.text(of: report)
        guard let folder else { return (file.bytes, nil) }
        try FileSystem.makeDirectory(folder)
        let name = (report.split(separator: "/").last.map(String.init) ?? report).split(separator: ".").dropLast().joined(separator: ".")
        let path = (folder.hasSuffix("/") ? folder : folder + "/") + (name.isEmpty ? "report" : name) + ".txt"
        try FileSystem.write(file.bytes, to: path)
        return (file.bytes, path)
    }
}
