import CrossfootBase
import CrossfootRules

/// Reads chart series — objects like `{"categories":[2016,…],"budget":[…],"expenditure":[…]}` —
/// from a `.json` file or from the text of a saved web page.
///
/// Each object becomes a table with a `year` column (its categories) and one column per series;
/// `null` is missing, and a cell's position is its array element. On a saved operation page
/// the objects come in a fixed order: the budget and expenditure trend (`trend`), then the
/// budget by pillar (`budget_by_pillar`), then the expenditure by pillar
/// (`expenditure_by_pillar`). An object with a `budget` series is always `trend`.
public struct ChartReader: Sendable {
    public init() {}

    public func read(_ file: SourceFile) throws(Diagnostic) -> Dataset {
        let bytes = file.bytes
        var objects: [(name: String?, value: JSONValue)] = []
        var probe = file.lines.bomLength
        while probe < bytes.count, bytes[probe] == 0x20 || bytes[probe] == 0x0A || bytes[probe] == 0x0D || bytes[probe] == 0x09 { probe += 1 }
        if probe < bytes.count, bytes[probe] == 0x7B || bytes[probe] == 0x5B {
            // A JSON file: one chart object, an array of them, or an object of named ones.
            var parser = JSONParser(bytes: bytes, start: probe)
            do {
                while true {
                    parser.skipSpace()
                    if parser.i >= bytes.count { break }
                    let value = try parser.parseValue()
                    switch value.kind {
                    case .array(let items): objects += items.filter(\.isChartSeries).map { (nil, $0) }
                    case .object(let pairs) where !value.isChartSeries:
                        objects += pairs.filter { $0.value.isChartSeries }.map { ($0.key, $0.value) }
                    default: objects.append((nil, value))
                    }
                }
            } catch {
                throw Diagnostic.error(error.message, at: file.location(ofOffset: error.offset))
            }
        } else {
            // Page text: find each embedded `{"categories": …}` object.
            let marker = Array("\"categories\"".utf8)
            var i = probe
            while let found = bytes.firstIndex(of: marker, from: i) {
                var open = found - 1
                while open >= 0, bytes[open] == 0x20 { open -= 1 }
                guard open >= 0, bytes[open] == 0x7B else {
                    i = found + marker.count
                    continue
                }
                var parser = JSONParser(bytes: bytes, start: open)
                do {
                    let value = try parser.parseValue()
                    objects.append((nil, value))
                    i = parser.i
                } catch {
                    throw Diagnostic.error("chart data: " + error.message, at: file.location(ofOffset: error.offset))
                }
            }
        }
        if objects.isEmpty {
            throw Diagnostic.error("no chart series found (expected JSON objects with a \"categories\" array)", at: file.location(ofOffset: probe))
        }
        var tables: [Table] = []
        var pillarTables = 0
        for (position, object) in objects.enumerated() {
            guard case .object(let pairs) = object.value.kind else { continue }
            let name: String
            if let given = object.name {
                name = given
            } else if pairs.contains(where: { $0.key == "budget" }) {
                name = "trend"
            } else {
                pillarTables += 1
                name = pillarTables == 1 ? "budget_by_pillar" : pillarTables == 2 ? "expenditure_by_pillar" : "chart_\(position + 1)"
            }
            tables.append(try table(name: name, pairs: pairs, file: file))
        }
        return Dataset(source: file, format: .chart, tables: tables)
    }

    private func table(name: String, pairs: [(key: String, value: JSONValue)], file: SourceFile) throws(Diagnostic) -> Table {
        var columns: [Column] = []
        var spans: [[CellSpan]] = []
        var length: Int?
        for (key, value) in pairs {
            guard case .array(let items) = value.kind else {
                throw Diagnostic.error("chart series '\(key)' is not an array", at: file.location(ofOffset: Int(value.span.start)))
            }
            if let length, items.count != length {
                throw Diagnostic.error(
                    "chart series '\(key)' has \(items.count) values, but 'categories' has \(length)", at: file.location(ofOffset: Int(value.span.start)))
            }
            length = length ?? items.count
            var column = Column(name: key == "categories" ? "year" : key)
            var columnSpans: [CellSpan] = []
            for item in items {
                switch item.kind {
                case .null: column.appendMissing()
                case .number(let n): column.appendNumber(n, percent: false)
                case .string(let s): column.append(CellValue(parsing: s))
                case .bool(let b): column.appendText(b ? "true" : "false")
                case .array, .object:
                    throw Diagnostic.error("chart series '\(key)' holds a nested value", at: file.location(ofOffset: Int(item.span.start)))
                }
                columnSpans.append(item.kind.isString ? CellSpan(start: Int(item.span.start) + 1, length: max(0, Int(item.span.length) - 2)) : item.span)
            }
            columns.append(column)
            spans.append(columnSpans)
        }
        return Table(name: name, path: file.path, columns: columns, origins: .spans(file, spans))
    }

    /// Whether page text holds chart series: an object whose `"categories"` key has a valid JSON
    /// array (text that merely shows the format, `[2016, …]`, does not count).
    public static func looksLikeChartPage(_ bytes: [UInt8]) -> Bool {
        let marker = Array("\"categories\"".utf8)
        var i = 0
        while let found = bytes.firstIndex(of: marker, from: i) {
            i = found + marker.count
            var open = found - 1
            while open >= 0, bytes[open] == 0x20 { open -= 1 }
            guard open >= 0, bytes[open] == 0x7B else { continue }
            var j = i
            while j < bytes.count, bytes[j] == 0x20 { j += 1 }
            guard j < bytes.count, bytes[j] == 0x3A else { continue }
            var parser = JSONParser(bytes: bytes, start: j + 1)
            if let value = try? parser.parseValue(), case .array = value.kind { return true }
        }
        return false
    }
}

extension JSONValue.Kind {
    package var isString: Bool {
        if case .string = self { return true }
        return false
    }
}

extension CellValue {
    /// A cell from text, parsed like any other cell.
    public init(parsing text: String) {
        switch CellText.parse(text) {
        case .missing: self = .missing
        case .number(let n, let percent): self = .number(n, percent: percent)
        case .text: self = .text(text)
        }
    }
}
