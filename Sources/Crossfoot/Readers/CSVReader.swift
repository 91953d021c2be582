/// Reads RFC 4180 CSV with a header row into one table.
///
/// A header with every column of `indicators` or `financials` makes that table; any other CSV
/// becomes a table named after the file's stem, with its own columns. The delimiter is a comma
/// unless the header holds more semicolons or tabs than commas.
public struct CSVReader: Sendable {
    public init() {}

    public func read(_ file: SourceFile) throws(Diagnostic) -> Dataset {
        let bytes = file.bytes
        var issues: [ReaderIssue] = []
        var notes: [Diagnostic] = []
        let start = file.lines.bomLength
        let delimiter = sniffDelimiter(bytes, from: start)
        var tokenizer = CSVTokenizer(bytes: bytes, start: start, delimiter: delimiter)

        guard let header = try tokenizer.next(path: file.path) else {
            notes.append(Diagnostic(.note, "empty file: no header row, nothing to check", path: file.path))
            return Dataset(source: file, format: .csv, tables: [], notes: notes)
        }
        var names: [String] = []
        for field in header.fields {
            var s = field.range.lowerBound, e = field.range.upperBound
            bytes.withUnsafeBufferPointer { CellText.trim($0, &s, &e) }
            names.append(DelimitedRecord.unquote(bytes[s..<e]))
        }
        var seen: [String: Int] = [:]
        for (i, name) in names.enumerated() {
            if let first = seen[name] {
                issues.append(ReaderIssue(rule: "duplicate-column", severity: .error, message: "column '\(name)' appears twice in the header (columns \(first + 1) and \(i + 1)); rules see only the first", offset: header.fields[i].range.lowerBound))
            } else {
                seen[name] = i
            }
        }

        let schema: TableSchema
        if Set(TableSchema.indicators.columns).isSubset(of: names) {
            schema = .indicators
        } else if Set(TableSchema.financials.columns).isSubset(of: names) {
            schema = .financials
        } else {
            schema = TableSchema(name: Self.stem(of: file.path), columns: names)
        }
        let textColumns = names.map { schema.type(of: $0) == .text }
        var columns = names.map { Column(name: $0) }
        let estimate = bytes.count / max(header.end - header.start, 16)
        for i in columns.indices { columns[i].reserveCapacity(estimate) }
        var rowOffsets: [Int] = []
        rowOffsets.reserveCapacity(estimate)

        while let record = try tokenizer.next(path: file.path) {
            if record.fields.count == 1, record.fields[0].range.isEmpty { continue } // blank line
            if record.fields.count != names.count {
                issues.append(ReaderIssue(rule: "ragged-row", severity: .error, message: "row has \(record.fields.count) field\(record.fields.count == 1 ? "" : "s"), the header has \(names.count)", offset: record.start))
            }
            rowOffsets.append(record.start)
            bytes.withUnsafeBufferPointer { buffer in
                for c in columns.indices {
                    guard c < record.fields.count else {
                        columns[c].appendMissing()
                        continue
                    }
                    let field = record.fields[c]
                    var s = field.range.lowerBound, e = field.range.upperBound
                    CellText.trim(buffer, &s, &e)
                    if s == e {
                        columns[c].appendMissing()
                    } else if textColumns[c] {
                        columns[c].appendText(field.hasEscapedQuotes ? DelimitedRecord.unquote(bytes[s..<e]) : String(decoding: UnsafeBufferPointer(rebasing: buffer[s..<e]), as: UTF8.self))
                    } else {
                        let parsed = CellText.parseTrimmed(buffer, s, e)
                        columns[c].append(parsed) {
                            field.hasEscapedQuotes ? DelimitedRecord.unquote(bytes[s..<e]) : String(decoding: UnsafeBufferPointer(rebasing: buffer[s..<e]), as: UTF8.self)
                        }
                    }
                }
            }
        }
        if rowOffsets.isEmpty {
            notes.append(Diagnostic(.note, "the file has a header but no rows: an empty table '\(schema.name)'", path: file.path))
        }
        let table = Table(name: schema.name, source: file, columns: columns, origins: .delimited(rowOffsets: rowOffsets, delimiter: delimiter, fields: Array(names.indices)))
        return Dataset(source: file, format: .csv, tables: [table], issues: issues, notes: notes)
    }

    /// The file name without folders and extension: `data/budget-lines.csv` → `budget-lines`.
    static func stem(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            return String(name[..<dot])
        }
        return name
    }

    private func sniffDelimiter(_ bytes: [UInt8], from start: Int) -> UInt8 {
        var counts: [UInt8: Int] = [0x2C: 0, 0x3B: 0, 0x09: 0]
        var quoted = false
        var i = start
        while i < bytes.count, bytes[i] != 0x0A || quoted {
            let c = bytes[i]
            if c == 0x22 { quoted.toggle() } else if !quoted, counts[c] != nil { counts[c, default: 0] += 1 }
            i += 1
        }
        let comma = counts[0x2C] ?? 0
        let semicolon = counts[0x3B] ?? 0
        let tab = counts[0x09] ?? 0
        if tab > comma, tab >= semicolon { return 0x09 }
        if semicolon > comma { return 0x3B }
        return 0x2C
    }
}

/// Splits CSV bytes into records and fields, following RFC 4180 quoting.
struct CSVTokenizer {
    struct Field {
        /// The field's content: inside the quotes for a quoted field.
        var range: Range<Int>
        var hasEscapedQuotes: Bool
    }

    struct Record {
        var start: Int
        var end: Int
        var fields: [Field]
    }

    let bytes: [UInt8]
    var position: Int
    let delimiter: UInt8
    private var fields: [Field] = []

    init(bytes: [UInt8], start: Int, delimiter: UInt8) {
        self.bytes = bytes
        self.position = start
        self.delimiter = delimiter
    }

    /// The next record, or `nil` at the end.
    ///
    /// - Throws: a `Diagnostic` at the opening quote of a quoted field that never closes.
    mutating func next(path: String) throws(Diagnostic) -> Record? {
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
