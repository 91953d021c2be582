import CrossfootBase
import CrossfootRules

/// The header of a CSV file: its delimiter, its columns and what table they make.
public struct CSVHeader: Sendable {
    public var names: [String]
    public var schema: TableSchema
    public var delimiter: UInt8
    /// Where the first data record starts.
    public var dataStart: Int
    /// The line the first data record starts on.
    public var dataLine: Int
    /// Columns that are always text (`indicator_code` of the canonical tables).
    public var textColumns: [Bool]
    /// Layout problems of the header itself (a repeated column name).
    public var issues: [ReaderIssue]
    /// Whether lines end with a lone CR (old Mac spreadsheets), not LF or CRLF.
    public var loneCarriageReturns = false

    /// Reads the header from the start of a file.
    ///
    /// - Returns: `nil` for an empty file.
    /// - Throws: a `Diagnostic` when the header has an unterminated quote.
    package static func read(_ bytes: [UInt8], path: String) throws(Diagnostic) -> CSVHeader? {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let delimiter = sniffDelimiter(bytes, from: start)
        var tokenizer = CSVTokenizer(bytes: bytes, start: start, delimiter: delimiter)
        guard let header = try tokenizer.next(path: path) else { return nil }
        var names: [String] = []
        for field in header.fields {
            var s = field.range.lowerBound
            var e = field.range.upperBound
            bytes.withUnsafeBufferPointer { CellText.trim($0, &s, &e) }
            names.append(DelimitedRecord.unquote(bytes[s..<e]))
        }
        if names == [""] { return nil }
        var issues: [ReaderIssue] = []
        let headerFile = SourceFile(path: path, bytes: Array(bytes[..<tokenizer.position]))
        var seen: [String: Int] = [:]
        for (i, name) in names.enumerated() {
            if let first = seen[name] {
                issues.append(
                    ReaderIssue(
                        rule: "duplicate-column", severity: .error,
                        message: "column '\(name)' appears twice in the header (columns \(first + 1) and \(i + 1)); rules see only the first",
                        location: headerFile.location(ofOffset: header.fields[i].range.lowerBound)))
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
            schema = TableSchema(name: stem(of: path), columns: names)
        }
        var lines = 1
        for byte in bytes[start..<tokenizer.position] where byte == 0x0A { lines += 1 }
        var result = CSVHeader(
            names: names, schema: schema, delimiter: delimiter, dataStart: tokenizer.position, dataLine: lines,
            textColumns: names.map { schema.type(of: $0) == .text }, issues: issues)
        let end = tokenizer.position
        result.loneCarriageReturns = end > start && bytes[end - 1] == 0x0D
        return result
    }

    /// The file name without folders and extension: `data/budget-lines.csv` → `budget-lines`.
    package static func stem(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            return String(name[..<dot])
        }
        return name
    }

    /// A comma, unless the first line holds more semicolons or tabs than commas.
    package static func sniffDelimiter(_ bytes: [UInt8], from start: Int) -> UInt8 {
        var comma = 0
        var semicolon = 0
        var tab = 0
        var quoted = false
        var i = start
        while i < bytes.count, bytes[i] != 0x0A || quoted {
            switch bytes[i] {
            case 0x22: quoted.toggle()
            case 0x2C where !quoted: comma += 1
            case 0x3B where !quoted: semicolon += 1
            case 0x09 where !quoted: tab += 1
            default: break
            }
            i += 1
        }
        if tab > comma, tab >= semicolon { return 0x09 }
        if semicolon > comma { return 0x3B }
        return 0x2C
    }
}
