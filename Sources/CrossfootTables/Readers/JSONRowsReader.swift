import CrossfootBase
import CrossfootRules

/// Reads rows written as JSON objects — an array of them (`[{"year": 2013, "budget": 1200000,
/// "expenditure": 900000}, …]`, the shape of UNHCR's own financial charts) or JSON Lines (one
/// object a line) — into one table.
///
/// The first object's keys are the columns, in its order. The table is `indicators` or
/// `financials` when those keys are exactly that table's columns, and is otherwise named after the
/// file's stem, as a CSV file's is. A cell's position is its value's own position in the file (for
/// a string, its first character inside the quotes). Numbers keep the precision they are written
/// with; `null` is missing; `true` and `false` are text; a string is read like a CSV cell
/// (`"1,200"` is a number); a nested object or array is a text cell holding its JSON as written
/// (rules see it as they see any text: shown in the row, not a number), so the row is still read
/// and its other cells checked.
///
/// An object whose keys differ from the first object's, a key repeated in one object and an item
/// that is not an object are `object-keys` findings at that item: a missing key reads as an empty
/// cell (placed at the object's closing brace), a key the first object lacks is not checked, and
/// an item that is not an object is not a row.
public struct JSONRowsReader: Sendable {
    public init() {}

    public func read(_ file: SourceFile) throws(Diagnostic) -> Dataset {
        let bytes = file.bytes
        var parser = JSONParser(bytes: bytes, start: file.lines.bomLength)
        var rows = RowsBuilder(file: file)
        var emptyArray = false
        do throws(JSONParser.Failure) {
            parser.skipSpace()
            if parser.i < bytes.count, bytes[parser.i] == 0x5B {
                // One array: its items are the rows, read one at a time.
                parser.i += 1
                parser.skipSpace()
                if parser.i < bytes.count, bytes[parser.i] == 0x5D {
                    parser.i += 1
                    emptyArray = true
                } else {
                    while true {
                        rows.add(try parser.parseValue(depth: 1))
                        parser.skipSpace()
                        guard parser.i < bytes.count else { throw parser.expected("',' or ']'") }
                        if bytes[parser.i] == 0x2C {
                            parser.i += 1
                            continue
                        }
                        if bytes[parser.i] == 0x5D {
                            parser.i += 1
                            break
                        }
                        throw parser.expected("',' or ']'")
                    }
                }
                parser.skipSpace()
                if parser.i < bytes.count {
                    throw JSONParser.Failure(
                        message: "more JSON after the array of rows has ended (expected one array, or one object a line)", offset: parser.i)
                }
            } else {
                // JSON Lines: one value after another.
                while true {
                    parser.skipSpace()
                    if parser.i >= bytes.count { break }
                    rows.add(try parser.parseValue())
                }
            }
        } catch {
            throw Diagnostic.error(error.message, at: file.location(ofOffset: error.offset))
        }
        return rows.dataset(emptyArray: emptyArray)
    }

    /// Whether JSON text holds rows rather than chart series: one array whose items are objects
    /// (or that is empty), or objects one after another (JSON Lines); and no chart series (an
    /// object with a `"categories"` array) anywhere a chart reader would take one.
    ///
    /// A lone object is not rows: it is chart data, or a file such as `package.json`.
    public static func holdsRows(_ bytes: [UInt8]) -> Bool {
        var parser = JSONParser(bytes: bytes, start: bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0)
        parser.skipSpace()
        guard parser.i < bytes.count, bytes[parser.i] == 0x5B || bytes[parser.i] == 0x7B else { return false }
        let start = parser.i
        // Only a file that says "categories" somewhere can hold chart series; only such a file is
        // read whole here.
        if bytes.firstIndex(of: Array("\"categories\"".utf8), from: start) != nil, holdsChartSeries(bytes, from: start) { return false }
        if bytes[start] == 0x5B {
            parser.i += 1
            parser.skipSpace()
            if parser.i < bytes.count, bytes[parser.i] == 0x5D { return true }
            guard let first = try? parser.parseValue(depth: 1), case .object = first.kind else { return false }
            return true
        }
        guard let first = try? parser.parseValue(), case .object = first.kind else { return false }
        parser.skipSpace()
        return parser.i < bytes.count && bytes[parser.i] == 0x7B
    }

    /// Whether the JSON values from `start` hold a chart series where `ChartReader` looks for one:
    /// at the top, in a top-level array, or as a member of a top-level object. JSON that does not
    /// parse counts as chart data, so the chart reader reports the error as before.
    private static func holdsChartSeries(_ bytes: [UInt8], from start: Int) -> Bool {
        func isSeries(_ value: JSONValue) -> Bool {
            guard case .object(let pairs) = value.kind, let categories = pairs.first(where: { $0.key == "categories" }) else { return false }
            if case .array = categories.value.kind { return true }
            return false
        }
        var parser = JSONParser(bytes: bytes, start: start)
        while true {
            parser.skipSpace()
            if parser.i >= bytes.count { return false }
            guard let value = try? parser.parseValue() else { return true }
            switch value.kind {
            case .array(let items): if items.contains(where: isSeries) { return true }
            case .object(let pairs): if isSeries(value) || pairs.contains(where: { isSeries($0.value) }) { return true }
            default: break
            }
        }
    }
}

/// The table of a JSON rows file, built one item at a time.
private struct RowsBuilder {
    let file: SourceFile
    /// Column names, from the first object.
    var names: [String] = []
    var index: [String: Int] = [:]
    var columns: [Column] = []
    var spans: [[CellSpan]] = []
    /// Columns that are always text (`indicator_code` of the canonical tables).
    var textColumns: [Bool] = []
    var schema: TableSchema?
    var issues: [ReaderIssue] = []
    var items = 0

    init(file: SourceFile) {
        self.file = file
    }

    mutating func add(_ item: JSONValue) {
        items += 1
        guard case .object(let pairs) = item.kind else {
            issue("this item is \(Self.kindName(item.kind)), not an object: it is not read as a row", at: item.span)
            return
        }
        let first = schema == nil
        if first { start(pairs) }
        // Which pair gives each column's cell; keys the first object lacks, keys said twice.
        var given = Array(repeating: -1, count: columns.count)
        var extra: [String] = []
        var repeated: [String] = []
        // Most objects list the first object's keys in its order: no lookups then.
        let sameOrder = pairs.count == names.count && zip(pairs, names).allSatisfy { $0.key == $1 }
        for (p, pair) in pairs.enumerated() {
            if sameOrder {
                given[p] = p
                continue
            }
            guard let c = index[pair.key] else {
                extra.append(pair.key)
                continue
            }
            if given[c] < 0 {
                given[c] = p
            } else if !repeated.contains(pair.key) {
                repeated.append(pair.key)
            }
        }
        // A missing key is an empty cell where the key would be added: before the closing brace.
        let closing = CellSpan(start: Int(item.span.start) + max(0, Int(item.span.length) - 1), length: 0)
        var missing: [String] = []
        for c in columns.indices {
            if given[c] < 0 {
                columns[c].appendMissing()
                spans[c].append(closing)
                missing.append(names[c])
            } else {
                append(pairs[given[c]].value, column: c)
            }
        }
        var clauses: [String] = []
        if !missing.isEmpty { clauses.append("it has no \(Self.list(missing, joinedBy: "or")) (read as empty)") }
        if !extra.isEmpty {
            clauses.append("\(Self.list(extra, joinedBy: "and")) \(extra.count == 1 ? "is not a column" : "are not columns") (not checked)")
        }
        if !repeated.isEmpty {
            clauses.append("\(Self.list(repeated, joinedBy: "and")) \(repeated.count == 1 ? "appears" : "appear") twice (rules see only the first)")
        }
        guard !clauses.isEmpty else { return }
        let subject = missing.isEmpty && extra.isEmpty ? "this object repeats a key" : "this object's keys differ from the first object's"
        // The row it is about, found as the table finds it (where its last cell starts), so triage
        // shows the warning with the row's other findings.
        let last = spans.compactMap(\.last?.start).max()
        issue(subject + ": " + clauses.joined(separator: "; "), at: item.span, row: last.map { file.location(ofOffset: Int($0)) })
    }

    /// The columns and table of the first object.
    private mutating func start(_ pairs: [(key: String, value: JSONValue)]) {
        for pair in pairs where index[pair.key] == nil {
            index[pair.key] = names.count
            names.append(pair.key)
        }
        let keys = Set(names)
        if keys == Set(TableSchema.indicators.columns) {
            schema = .indicators
        } else if keys == Set(TableSchema.financials.columns) {
            schema = .financials
        } else {
            schema = TableSchema(name: CSVHeader.stem(of: file.path), columns: names)
        }
        columns = names.map { Column(name: $0) }
        spans = Array(repeating: [], count: names.count)
        textColumns = names.map { schema?.type(of: $0) == .text }
    }

    private mutating func append(_ value: JSONValue, column c: Int) {
        var span = value.span
        switch value.kind {
        case .null:
            columns[c].appendMissing()
        case .number(let n):
            if textColumns[c] {
                columns[c].appendText(written(value.span))
            } else {
                columns[c].appendNumber(n, percent: false)
            }
        case .string(let s):
            // The cell is what is inside the quotes.
            span = CellSpan(start: Int(value.span.start) + 1, length: max(0, Int(value.span.length) - 2))
            if textColumns[c] {
                let text = s.trimmingSpaces
                if text.isEmpty { columns[c].appendMissing() } else { columns[c].appendText(text) }
            } else {
                columns[c].append(CellValue(parsing: s))
            }
        case .bool(let b):
            columns[c].appendText(b ? "true" : "false")
        case .array, .object:
            columns[c].appendText(written(value.span))
        }
        spans[c].append(span)
    }

    private func written(_ span: CellSpan) -> String {
        let range = span.range.clamped(to: 0..<file.bytes.count)
        return String(decoding: file.bytes[range], as: UTF8.self)
    }

    private mutating func issue(_ message: String, at span: CellSpan, row: SourceLocation? = nil) {
        issues.append(
            ReaderIssue(rule: "object-keys", severity: .warning, message: message, location: file.location(ofOffset: Int(span.start)), rowPosition: row))
    }

    func dataset(emptyArray: Bool) -> Dataset {
        let name = schema?.name ?? CSVHeader.stem(of: file.path)
        let named = issues.map { issue -> ReaderIssue in
            var issue = issue
            issue.table = name
            return issue
        }
        guard schema != nil else {
            let note: String
            if emptyArray {
                note = "an empty array: no rows, nothing to check"
            } else if items == 0 {
                note = "empty file: no rows, nothing to check"
            } else {
                note = "no item is an object: no rows, nothing to check"
            }
            return Dataset(source: file, format: .jsonRows, tables: [], issues: named, notes: [Diagnostic(.note, note, path: file.path)])
        }
        let table = Table(name: name, path: file.path, columns: columns, rowCount: columns.first?.count ?? 0, origins: .spans(file, spans))
        return Dataset(source: file, format: .jsonRows, tables: [table], issues: named)
    }

    private static func kindName(_ kind: JSONValue.Kind) -> String {
        switch kind {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// Keys as a message names them: quoted, each cut to 40 characters, at most five.
    private static func list(_ keys: [String], joinedBy word: String) -> String {
        var quoted = keys.prefix(5).map { key in "'" + (key.count > 40 ? String(key.prefix(39)) + "…" : key) + "'" }
        if keys.count > 5 { quoted.append("\(keys.count - 5) more") }
        guard let last = quoted.popLast() else { return "" }
        return quoted.isEmpty ? last : quoted.joined(separator: ", ") + " \(word) " + last
    }
}
