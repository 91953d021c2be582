import CrossfootBase
import CrossfootRules

/// The header of a CSV file: its delimiter, its columns and what table they make.
///
/// A header whose names stand for every column of `indicators` or `financials` makes that
/// table (`TableSchema.column(forHeader:)`: the column's own name in any case, with spaces for
/// `_`, or a name its `headers:` declare); any other CSV makes a table named after the file's
/// stem, whose columns a pack may declare (and map) too.
public struct CSVHeader: Sendable {
    /// The columns' names as rules read them: a known table's column names where the header
    /// stands for them, the names as written elsewhere.
    public var names: [String]
    /// The names as the header writes them.
    public var written: [String]
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
    /// Where the header's first cell starts.
    public var location: SourceLocation
    /// The known table most of whose columns the header has, when it lacks some of them.
    public var nearMiss: TableHeader.NearMiss?

    /// The header as the engine sees any table's.
    public var tableHeader: TableHeader { TableHeader(table: schema.name, location: location, nearMiss: nearMiss) }

    /// Reads the header from the start of a file.
    ///
    /// - Parameters:
    ///   - schemas: the tables known by name, with the header names of their columns (a rule
    ///     set's `schemas`).
    /// - Returns: `nil` for an empty file.
    /// - Throws: a `Diagnostic` when the header has an unterminated quote.
    package static func read(_ bytes: [UInt8], path: String, schemas: [String: TableSchema] = TableSchema.builtInByName) throws(Diagnostic) -> CSVHeader? {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let delimiter = sniffDelimiter(bytes, from: start)
        var tokenizer = CSVTokenizer(bytes: bytes, start: start, delimiter: delimiter)
        guard let header = try tokenizer.next(path: path) else { return nil }
        var written: [String] = []
        for field in header.fields {
            var s = field.range.lowerBound
            var e = field.range.upperBound
            bytes.withUnsafeBufferPointer { CellText.trim($0, &s, &e) }
            written.append(DelimitedRecord.unquote(bytes[s..<e]))
        }
        if written == [""] { return nil }
        let headerFile = SourceFile(path: path, bytes: Array(bytes[..<tokenizer.position]))
        let (schema, columns, nearMiss) = recognise(written, stem: stem(of: path), schemas: schemas)
        let names = zip(written, columns).map { $1 ?? $0 }
        var issues: [ReaderIssue] = []
        var seen: [String: Int] = [:]
        for (i, name) in names.enumerated() {
            guard let first = seen[name] else {
                seen[name] = i
                continue
            }
            let message =
                written[first] == written[i]
                ? "column '\(name)' appears twice in the header (columns \(first + 1) and \(i + 1)); rules see only the first"
                : "column \(i + 1), '\(written[i])', is read as '\(name)', and so is column \(first + 1), '\(written[first])'; rules see only the first"
            issues.append(
                ReaderIssue(
                    rule: "duplicate-column", severity: .error, message: message, location: headerFile.location(ofOffset: header.fields[i].range.lowerBound)))
        }
        var lines = 1
        for byte in bytes[start..<tokenizer.position] where byte == 0x0A { lines += 1 }
        var result = CSVHeader(
            names: names, written: written, schema: schema, delimiter: delimiter, dataStart: tokenizer.position, dataLine: lines,
            textColumns: names.map { schema.type(of: $0) == .text }, issues: issues,
            location: headerFile.location(ofOffset: header.fields.first?.range.lowerBound ?? start), nearMiss: nearMiss)
        let end = tokenizer.position
        result.loneCarriageReturns = end > start && bytes[end - 1] == 0x0D
        return result
    }

    /// The table a header makes, the column each of its names stands for, and — when it is
    /// none of the tables recognised by their columns — the one it comes closest to, when at
    /// least half of that table's columns are there: named, or under a name that contains the
    /// column's (`Final budget (USD)`).
    static func recognise(
        _ written: [String], stem: String, schemas: [String: TableSchema]
    ) -> (schema: TableSchema, columns: [String?], nearMiss: TableHeader.NearMiss?) {
        var nearMiss: (miss: TableHeader.NearMiss, share: Double)?
        for name in TableSchema.recognisedInCSV {
            guard let known = schemas[name] ?? TableSchema.builtInByName[name] else { continue }
            let columns = known.columns(forHeader: written)
            let found = Set(columns.compactMap { $0 })
            if found.count == known.columns.count { return (known, columns, nil) }
            let miss = TableHeader.NearMiss(
                table: known.name, matched: found.count, columns: known.columns.count, missing: known.columns.filter { !found.contains($0) },
                unmatched: zip(written, columns).filter { $0.1 == nil }.map(\.0))
            let share = Double(found.count + miss.likelyNames.count) / Double(known.columns.count)
            if share >= 0.5, share > nearMiss?.share ?? 0 { nearMiss = (miss, share) }
        }
        // A table named after the file: a pack may declare its columns, and their header names.
        if let declared = schemas[stem], !declared.isOpen, !declared.columns.isEmpty {
            return (declared, declared.columns(forHeader: written), nearMiss?.miss)
        }
        return (TableSchema(name: stem, columns: written), written.map { _ in nil }, nearMiss?.miss)
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
