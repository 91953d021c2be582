import CrossfootBase
import CrossfootRules

/// A named table read from one file: named columns of equal length, stored column-wise.
///
/// A table may be a whole file's table or one batch of a large CSV file's rows.
public struct Table: Sendable {
    public let name: String
    public let path: String
    public let columns: [Column]
    public let rowCount: Int
    public let origins: CellOrigins
    @usableFromInline package let indexByName: [String: Int]

    public init(name: String, path: String, columns: [Column], rowCount: Int? = nil, origins: CellOrigins) {
        self.name = name
        self.path = path
        self.columns = columns
        self.rowCount = rowCount ?? columns.first { $0.isLoaded }?.count ?? 0
        self.origins = origins
        columnNames = columns.map(\.name)
        var index: [String: Int] = [:]
        for (i, column) in columns.enumerated() where index[column.name] == nil {
            index[column.name] = i
        }
        indexByName = index
    }

    /// The columns' names, one array made once: findings share it rather than each holding a copy.
    public let columnNames: [String]

    @inlinable
    public func columnIndex(_ name: String) -> Int? { indexByName[name] }

    public func column(_ name: String) -> Column? {
        indexByName[name].map { columns[$0] }
    }

    /// The cell's value; for a column that was not loaded, parsed from the file again.
    @inlinable
    public func value(row: Int, column: Int) -> CellValue {
        if columns[column].isLoaded { return columns[column].value(at: row) }
        return CellValue(parsing: rawText(row: row, column: column))
    }

    @inlinable
    public func value(row: Int, column name: String) -> CellValue {
        guard let c = indexByName[name] else { return .missing }
        return value(row: row, column: c)
    }

    /// Where the cell's value starts and ends (the end is just past its last character).
    public func locations(row: Int, column: Int) -> (start: SourceLocation, end: SourceLocation) {
        switch origins {
        case .spans(let source, let spans):
            guard column < spans.count, row < spans[column].count else {
                let start = SourceLocation(path: path, line: 1, column: 1)
                return (start, start)
            }
            let range = spans[column][row].range
            return (source.location(ofOffset: range.lowerBound), source.location(ofOffset: range.upperBound))
        case .records(let records):
            let span = Self.valueSpan(recordSpan(records, row: row, column: column), in: records.bytes)
            return records.locations(of: span, row: row, path: path)
        case .fixed(let cells):
            let cell = cells[column][row]
            return (cell.start, cell.end)
        }
    }

    /// Where the cell's value starts: 1-based line and code-point column.
    public func location(row: Int, column: Int) -> SourceLocation { locations(row: row, column: column).start }

    /// A position in the file that belongs to this row and to no other row of the table: where a
    /// CSV record starts, otherwise where the row's last cell starts (a report row's last cell is
    /// on its own line, a chart year's is its last series' element, a JSON object's its last
    /// value or closing brace). It tells rows apart when several share a line (chart series,
    /// JSON objects on one line) and keeps one row together across lines; a copy of the row
    /// (`SnapshotRows`) gives the same position. `nil` for a table without cells.
    public func rowPosition(row: Int) -> SourceLocation? {
        switch origins {
        case .spans(let source, let spans):
            var last: Int32 = -1
            for column in spans where row < column.count { last = max(last, column[row].start) }
            return last < 0 ? nil : source.location(ofOffset: Int(last))
        case .records(let records):
            guard row < records.rowLines.count else { return nil }
            return SourceLocation(path: path, line: records.rowLines[row], column: 1)
        case .fixed(let cells):
            var last: SourceLocation?
            for column in cells where row < column.count {
                if let l = last, l >= column[row].start { continue }
                last = column[row].start
            }
            return last
        }
    }

    /// Where the cell's value ends (the column just past its last character).
    public func endLocation(row: Int, column: Int) -> SourceLocation { locations(row: row, column: column).end }

    private func recordSpan(_ records: RecordOrigins, row: Int, column: Int) -> Range<Int> {
        guard row < records.rowOffsets.count, column < records.fields.count else { return 0..<0 }
        return DelimitedRecord.fieldSpan(
            in: records.bytes, recordStart: records.rowOffsets[row], field: records.fields[column], delimiter: records.delimiter,
            loneCarriageReturns: records.loneCarriageReturns)
    }

    /// A field's span without the spaces around its value (`a, 120%` is read as `120%`, and a
    /// cell's column is its value's first character); a field of spaces keeps its span.
    private static func valueSpan(_ span: Range<Int>, in bytes: [UInt8]) -> Range<Int> {
        var s = span.lowerBound
        var e = min(span.upperBound, bytes.count)
        guard s < e else { return span }
        bytes.withUnsafeBufferPointer { CellText.trim($0, &s, &e) }
        return s < e ? s..<e : span
    }

    /// Every cell of a row as written, trimmed: for a CSV record, found in one pass.
    public func rowTexts(row: Int) -> [String]? {
        guard case .records(let records) = origins, row < records.rowOffsets.count else { return nil }
        let spans = DelimitedRecord.fieldSpans(
            in: records.bytes, recordStart: records.rowOffsets[row], delimiter: records.delimiter, loneCarriageReturns: records.loneCarriageReturns)
        return records.bytes.withUnsafeBufferPointer { b in
            records.fields.map { field -> String in
                guard field < spans.count else { return "" }
                var s = spans[field].lowerBound
                var e = spans[field].upperBound
                CellText.trim(b, &s, &e)
                var k = s
                while k + 1 < e, !(b[k] == 0x22 && b[k + 1] == 0x22) { k += 1 }
                if k + 1 < e { return DelimitedRecord.unquote(records.bytes[s..<e]) }
                return String(decoding: UnsafeBufferPointer(rebasing: b[s..<e]), as: UTF8.self)
            }
        }
    }

    /// Where every cell of a CSV record starts and ends, its fields found in one pass.
    public func rowLocations(row: Int) -> [(start: SourceLocation, end: SourceLocation)]? {
        guard case .records(let records) = origins, row < records.rowOffsets.count else { return nil }
        let spans = DelimitedRecord.fieldSpans(
            in: records.bytes, recordStart: records.rowOffsets[row], delimiter: records.delimiter, loneCarriageReturns: records.loneCarriageReturns)
        return records.fields.map { field in
            let span =
                field < spans.count
                ? Self.valueSpan(spans[field], in: records.bytes)
                : (spans.last?.upperBound ?? records.rowOffsets[row])..<(spans.last?.upperBound ?? records.rowOffsets[row])
            return (records.location(of: span.lowerBound, row: row, path: path), records.location(of: span.upperBound, row: row, path: path))
        }
    }

    /// The cell's text as written, with CSV quotes undone and HTML entities decoded.
    public func rawText(row: Int, column: Int) -> String {
        switch origins {
        case .spans(let source, let spans):
            guard column < spans.count, row < spans[column].count else { return "" }
            let range = spans[column][row].range
            guard range.upperBound <= source.bytes.count else { return "" }
            return HTMLText.decodeEntities(String(decoding: source.bytes[range], as: UTF8.self))
        case .records(let records):
            return DelimitedRecord.unquote(records.bytes[recordSpan(records, row: row, column: column)])
        case .fixed(let cells):
            return cells[column][row].text
        }
    }
}

extension RecordOrigins {
    /// Where a span of record `row` starts and ends, in one pass over the record.
    package func locations(of span: Range<Int>, row: Int, path: String) -> (start: SourceLocation, end: SourceLocation) {
        bytes.withUnsafeBufferPointer { b in
            var line = rowLines[row]
            var column = 1
            var i = rowOffsets[row]
            var start = SourceLocation(path: path, line: line, column: column)
            while i < span.upperBound {
                if i == span.lowerBound { start = SourceLocation(path: path, line: line, column: column) }
                let c = b[i]
                if c == 0x0A {
                    line += 1
                    column = 1
                } else if c & 0xC0 != 0x80 {
                    column += 1
                }
                i += 1
            }
            if span.isEmpty || span.lowerBound >= span.upperBound { start = SourceLocation(path: path, line: line, column: column) }
            return (start, SourceLocation(path: path, line: line, column: column))
        }
    }

    /// The line and column of byte `offset`, which lies in record `row`.
    package func location(of offset: Int, row: Int, path: String) -> SourceLocation {
        let start = rowOffsets[row]
        var line = rowLines[row]
        var lineStart = start
        var i = start
        while i < offset {
            if bytes[i] == 0x0A {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        var column = 1
        i = lineStart
        while i < offset {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return SourceLocation(path: path, line: line, column: column)
    }
}
