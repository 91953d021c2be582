import CrossfootBase
import CrossfootEngine
import CrossfootRules
import CrossfootTables

/// The findings a repository has accepted for now, so a gate reports only new ones.
///
/// An entry is identified by what it is about — the rule, the table, the row's key columns,
/// the column and the cell's text — never by a line number or a row's position, so reordering
/// rows, inserting lines or renaming the file keeps it. The path is recorded but only breaks
/// ties between identical entries.
public struct Baseline: Sendable {
    public struct Entry: Sendable, Hashable, Comparable {
        public var rule: String
        public var table: String?
        /// The row's key columns and their text, in key order.
        public var key: [String]
        public var keyNames: [String]
        public var column: String?
        public var value: String
        public var path: String

        /// Everything but the path.
        public var identity: String {
            var parts = [rule, table ?? ""]
            for (name, text) in zip(keyNames, key) { parts.append("\(name)=\(text)") }
            parts.append(column ?? "")
            parts.append(value)
            return parts.joined(separator: "\u{1F}")
        }

        public static func < (a: Entry, b: Entry) -> Bool {
            (a.path, a.identity) < (b.path, b.identity)
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries.sorted()
    }

    /// The columns that identify a row of `table`: its schema's key, or every other column.
    package static func keyColumns(_ finding: Finding, schemas: [String: TableSchema]) -> [String] {
        guard let table = finding.table else { return [] }
        if let schema = schemas[table], !schema.keyColumns.isEmpty { return schema.keyColumns }
        return finding.rowNames.filter { $0 != finding.column }
    }

    /// The text of a finding's row in a column, or nil.
    static func text(_ finding: Finding, _ name: String) -> String? {
        guard let i = finding.rowNames.firstIndex(of: name), i < finding.rowTexts.count else { return nil }
        return finding.rowTexts[i]
    }

    /// The entry a finding would make; `path` is its repository-relative path.
    public static func entry(for finding: Finding, path: String, schemas: [String: TableSchema]) -> Entry {
        let names = keyColumns(finding, schemas: schemas)
        let texts = names.map { text(finding, $0) ?? "" }
        let value: String
        if let column = finding.column, let cell = text(finding, column) {
            value = cell
        } else {
            value = finding.table == nil ? finding.message : ""
        }
        return Entry(rule: finding.rule, table: finding.table, key: texts, keyNames: names, column: finding.column, value: value, path: path)
    }

    // MARK: File

    /// The baseline as sorted, pretty-printed JSON, so a review diff is readable.
    public func json() -> [UInt8] {
        var w = JSONWriter()
        w.open("{")
        w.int(1, key: "crossfoot_baseline")
        w.open("[", key: "entries")
        for entry in entries { entry.write(into: &w) }
        w.close("]")
        w.close("}")
        return w.document
    }

    /// Reads a baseline file.
    ///
    /// - Throws: a `Diagnostic` at the position of anything that is not a baseline.
    public static func read(_ file: SourceFile) throws(Diagnostic) -> Baseline {
        var parser = JSONParser(bytes: file.bytes, start: file.lines.bomLength)
        let root: JSONValue
        do {
            root = try parser.parseValue()
        } catch {
            throw Diagnostic.error("the baseline is not valid JSON: \(error.message)", at: file.location(ofOffset: error.offset))
        }
        func fail(_ message: String, _ value: JSONValue) -> Diagnostic {
            .error(message, at: file.location(ofOffset: Int(value.span.start)))
        }
        guard case .object(let top) = root.kind else { throw fail("a baseline is a JSON object with 'entries'", root) }
        guard let list = top.first(where: { $0.key == "entries" })?.value, case .array(let items) = list.kind else {
            throw fail("a baseline needs an 'entries' list", root)
        }
        var entries: [Entry] = []
        for item in items {
            guard case .object(let pairs) = item.kind else { throw fail("each baseline entry is an object", item) }
            func string(_ key: String) -> String? {
                if case .string(let s)? = pairs.first(where: { $0.key == key })?.value.kind { return s }
                return nil
            }
            guard let rule = string("rule"), let value = string("value"), let path = string("path") else {
                throw fail("a baseline entry needs 'rule', 'value' and 'path'", item)
            }
            var names: [String] = []
            var texts: [String] = []
            if case .object(let key)? = pairs.first(where: { $0.key == "key" })?.value.kind {
                for (name, v) in key {
                    guard case .string(let text) = v.kind else { throw fail("key values are strings", v) }
                    names.append(name)
                    texts.append(text)
                }
            }
            entries.append(Entry(rule: rule, table: string("table"), key: texts, keyNames: names, column: string("column"), value: value, path: path))
        }
        return Baseline(entries: entries)
    }

    // MARK: Matching

    /// Splits findings into new ones and baselined ones, and finds the entries nothing matched.
    ///
    /// - Parameters:
    ///   - paths: each finding's repository-relative path, by the finding's index.
    /// - Returns: the indices of baselined findings, and the unmatched entries.
    public func match(_ findings: [Finding], paths: [String], schemas: [String: TableSchema]) -> (baselined: Set<Int>, unmatched: [Entry]) {
        var available: [String: [Entry]] = [:]
        for entry in entries { available[entry.identity, default: []].append(entry) }
        var baselined: Set<Int> = []
        for (i, finding) in findings.enumerated() {
            let entry = Self.entry(for: finding, path: paths[i], schemas: schemas)
            guard var candidates = available[entry.identity], !candidates.isEmpty else { continue }
            let pick = candidates.firstIndex { $0.path == entry.path } ?? 0
            candidates.remove(at: pick)
            available[entry.identity] = candidates
            baselined.insert(i)
        }
        return (baselined, available.values.flatMap { $0 }.sorted())
    }
}

extension Baseline.Entry {
    /// The entry as a JSON object, as the baseline file and the JSON report's `stale` list hold it.
    package func write(into w: inout JSONWriter) {
        w.open("{")
        w.string(rule, key: "rule")
        if let table { w.string(table, key: "table") }
        if !keyNames.isEmpty {
            w.open("{", key: "key")
            for (name, text) in zip(keyNames, key) { w.string(text, key: JSONKey(name)) }
            w.close("}")
        }
        if let column { w.string(column, key: "column") }
        w.string(value, key: "value")
        w.string(path, key: "path")
        w.close("}")
    }
}
