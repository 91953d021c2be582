import CrossfootBase
import CrossfootRules

/// Reads RFC 4180 CSV with a header row into one table, all in memory.
///
/// A header that stands for every column of `indicators` or `financials` makes that table; any
/// other CSV becomes a table named after the file's stem, with its own columns (see
/// `CSVHeader`). The delimiter is a comma unless the header holds more semicolons or tabs than
/// commas. Large files are linted without holding them whole: see `CSVStream`.
public struct CSVReader: Sendable {
    /// The tables known by name, with the header names of their columns.
    public var schemas: [String: TableSchema]

    public init(schemas: [String: TableSchema] = TableSchema.builtInByName) {
        self.schemas = schemas
    }

    public func read(_ file: SourceFile) throws(Diagnostic) -> Dataset {
        guard let header = try CSVHeader.read(file.bytes, path: file.path, schemas: schemas) else {
            let note = Diagnostic(.note, "empty file: no header row, nothing to check", path: file.path)
            return Dataset(source: file, format: .csv, tables: [], notes: [note])
        }
        let builder = CSVBatchBuilder(header: header, path: file.path, loaded: Array(repeating: true, count: header.names.count))
        let result = try builder.build(file.bytes, start: header.dataStart, limit: file.bytes.count, final: true, line: header.dataLine)
        var notes: [Diagnostic] = []
        if result.table.rowCount == 0 {
            notes.append(Diagnostic(.note, "the file has a header but no rows: an empty table '\(header.schema.name)'", path: file.path))
        }
        return Dataset(
            source: file, format: .csv, tables: [result.table], issues: header.issues + result.issues, notes: notes, headers: [header.tableHeader])
    }
}

/// Splits CSV bytes into records and fields, following RFC 4180 quoting.
package struct CSVTokenizer {
    package struct Field {
        /// The field's content: inside the quotes for a quoted field.
        package var range: Range<Int>
        package var hasEscapedQuotes: Bool
    }

    package struct Record {
        package var start: Int
        package var end: Int
        package var fields: [Field]
    }

    package let bytes: [UInt8]
    package var position: Int
    package let delimiter: UInt8
    private var fields: [Field] = []

    package init(bytes: [UInt8], start: Int, delimiter: UInt8) {
        self.bytes = bytes
        self.position = start
        self.delimiter = delimiter
    }

    /// The next record, or `nil` at the end.
    ///
    /// - Throws: a `Diagnostic` at the opening quote of a quoted field that never closes.
    package mutating func next(path: String) throws(Diagnostic) -> Record? {
        let n = bytes.count
        guard position < n else { return nil }
        let recordStart = position
        fields.removeAll(keepingCapacity: true)
        var i = position
        while true {
            if i < n, bytes[i] == 0x22 {
                let open = i
                i += 1
                let contentStart = i
                var escaped = false
                while true {
                    guard i < n else {
                        let location = SourceFile(path: path, bytes: bytes).location(ofOffset: open)
                        throw Diagnostic.error("a quoted field opened here never closes (an unterminated \")", at: location)
                    }
                    if bytes[i] == 0x22 {
                        if i + 1 < n, bytes[i + 1] == 0x22 {
                            escaped = true
                            i += 2
                            continue
                        }
                        break
                    }
                    i += 1
                }
                fields.append(Field(range: contentStart..<i, hasEscapedQuotes: escaped))
                i += 1
                // Text after the closing quote (malformed, but common) is ignored up to the delimiter.
                while i < n, bytes[i] != delimiter, bytes[i] != 0x0A, bytes[i] != 0x0D { i += 1 }
            } else {
                let fieldStart = i
                while i < n {
                    let c = bytes[i]
                    if c == delimiter || c == 0x0A || c == 0x0D { break }
                    i += 1
                }
                fields.append(Field(range: fieldStart..<i, hasEscapedQuotes: false))
            }
            if i < n, bytes[i] == delimiter {
                i += 1
                continue
            }
            let end = i
            if i < n, bytes[i] == 0x0D { i += 1 }
            if i < n, bytes[i] == 0x0A { i += 1 }
            position = i
            return Record(start: recordStart, end: end, fields: fields)
        }
    }
}
