/// Tokenises the records of one window of CSV bytes straight into a table batch.
///
/// Only the columns a rule reads are parsed (`loaded`); the others are found again from the
/// bytes when a finding shows its row. Text cells stay in the window's bytes. Numbers are
/// parsed from bytes without making a `String`.
struct CSVBatchBuilder {
    let header: CSVHeader
    let path: String
    /// Which columns to parse.
    let loaded: [Bool]

    struct Result {
        var table: Table
        /// Where the next record starts (the first byte not consumed).
        var end: Int
        /// The line the next record starts on.
        var nextLine: Int
        var issues: [ReaderIssue]
    }

    /// Reads the records that start in `start..<limit` of `bytes`.
    ///
    /// - Parameters:
    ///   - final: whether `bytes` ends where the input ends; otherwise a record cut off by the end
    ///     of the window is left for the next window.
    ///   - line: the line `start` is on.
    /// - Throws: a `Diagnostic` (with its line) for a quote that never closes in final input.
    func build(_ bytes: [UInt8], start: Int, limit: Int, final: Bool, line: Int) throws(Diagnostic) -> Result {
        let columnCount = header.names.count
        var columns = header.names.enumerated().map { i, name in
            loaded[i] ? Column(name: name, raw: bytes) : Column(name: name, loaded: false)
        }
        let estimate = max(16, (limit - start) / max(16, columnCount * 8))
        for i in columns.indices where loaded[i] { columns[i].reserveCapacity(estimate) }
        var rowOffsets: [Int] = []
        var rowLines: [Int] = []
        rowOffsets.reserveCapacity(estimate)
        rowLines.reserveCapacity(estimate)
        var issues: [ReaderIssue] = []
        let delimiter = header.delimiter
        let textColumns = header.textColumns
        var failure: Diagnostic?
        var position = start
        var currentLine = line

        bytes.withUnsafeBufferPointer { b in
            let n = b.count
            var i = start
            record: while i < limit, i < n {
                let recordStart = i
                let recordLine = currentLine
                var lines = 0
                var field = 0
                // Blank lines between records are skipped, as spreadsheets write them.
                if b[i] == 0x0A || b[i] == 0x0D {
                    if b[i] == 0x0D, i + 1 < n, b[i + 1] == 0x0A { i += 1 }
                    i += 1
                    currentLine += 1
                    position = i
                    continue
                }
                while true {
                    var fieldStart = i
                    var fieldEnd = i
                    var escaped = false
                    if i < n, b[i] == 0x22 {
                        let open = i
                        i += 1
                        fieldStart = i
                        while true {
                            if i >= n {
                                if final {
                                    failure = Diagnostic.error("a quoted field opened here never closes (an unterminated \")", at: RecordOrigins(bytes: bytes, rowOffsets: [recordStart], rowLines: [recordLine], delimiter: delimiter, fields: []).location(of: open, row: 0, path: path))
                                }
                                // Cut off by the window: undo this record and stop.
                                for c in columns.indices where columns[c].isLoaded && columns[c].count > rowOffsets.count { columns[c].removeLast() }
                                break record
                            }
                            let c = b[i]
                            if c == 0x22 {
                                if i + 1 < n, b[i + 1] == 0x22 {
                                    escaped = true
                                    i += 2
                                    continue
                                }
                                break
                            }
                            if c == 0x0A { lines += 1 }
                            i += 1
                        }
                        fieldEnd = i
                        i += 1
                        while i < n, b[i] != delimiter, b[i] != 0x0A, b[i] != 0x0D { i += 1 }
                    } else {
                        while i < n {
                            let c = b[i]
                            if c == delimiter || c == 0x0A || c == 0x0D { break }
                            i += 1
                        }
                        fieldEnd = i
                    }
                    if i >= n, !final {
                        // The record may go on in the next window.
                        for c in columns.indices where columns[c].isLoaded && columns[c].count > rowOffsets.count { columns[c].removeLast() }
                        break record
                    }
                    if field < columnCount, loaded[field] {
                        var s = fieldStart, e = fieldEnd
                        CellText.trim(b, &s, &e)
                        if s == e {
                            columns[field].appendMissing()
                        } else if textColumns[field] {
                            if escaped {
                                columns[field].appendText(DelimitedRecord.unquote(bytes[s..<e]))
                            } else {
                                columns[field].appendRawText(offset: s, length: e - s)
                            }
                        } else if let d = CellText.plainDecimal(b, s, e) {
                            columns[field].appendCompact(d.significand, d.exponent, percent: d.percent)
                        } else {
                            switch CellText.parseTrimmed(b, s, e) {
                            case .missing: columns[field].appendMissing()
                            case .number(let value, let percent): columns[field].appendNumber(value, percent: percent)
                            case .text:
                                if escaped {
                                    columns[field].appendText(DelimitedRecord.unquote(bytes[s..<e]))
                                } else {
                                    columns[field].appendRawText(offset: s, length: e - s)
                                }
                            }
                        }
                    }
                    field += 1
                    if i < n, b[i] == delimiter {
                        i += 1
                        continue
                    }
                    // End of record.
                    if i < n, b[i] == 0x0D { i += 1 }
                    if i < n, b[i] == 0x0A { i += 1 }
                    lines += 1
                    break
                }
                if field != columnCount {
                    issues.append(ReaderIssue(rule: "ragged-row", severity: .error, message: "row has \(field) field\(field == 1 ? "" : "s"), the header has \(columnCount)", location: SourceLocation(path: path, line: recordLine, column: 1)))
                    for c in field..<columnCount where loaded[c] { columns[c].appendMissing() }
                }
                rowOffsets.append(recordStart)
                rowLines.append(recordLine)
                currentLine += lines
                position = i
            }
        }
        if let failure { throw failure }
        let origins = RecordOrigins(bytes: bytes, rowOffsets: rowOffsets, rowLines: rowLines, delimiter: delimiter, fields: Array(0..<columnCount))
        let table = Table(name: header.schema.name, path: path, columns: columns, rowCount: rowOffsets.count, origins: .records(origins))
        return Result(table: table, end: position, nextLine: currentLine, issues: issues)
    }
}
