import CrossfootBase
import CrossfootRules

/// Tokenises the records of one window of CSV bytes straight into a table batch.
///
/// Only the columns a rule reads are parsed (`loaded`); the others are found again from the
/// bytes when a finding shows its row. Text cells stay in the window's bytes. Numbers are
/// parsed from bytes without making a `String`. Field ends are found eight bytes at a time.
package struct CSVBatchBuilder {
    package let header: CSVHeader
    package let path: String
    /// Which columns to parse.
    package let loaded: [Bool]

    package struct Result {
        package var table: Table
        /// Where the next record starts (the first byte not consumed).
        package var end: Int
        /// The line the next record starts on.
        package var nextLine: Int
        package var issues: [ReaderIssue]
    }

    /// The cells of the loaded columns, written by row into raw storage that grows as needed.
    private struct Cells {
        let columns: Int
        var capacity: Int
        var kinds: [UnsafeMutablePointer<CellKind>]
        var payloads: [UnsafeMutablePointer<Int64>]
        var exponents: [UnsafeMutablePointer<Int8>]
        var pools: [StringPool]
        var wide: [[Int: Number]]

        init(columns: Int, capacity: Int) {
            self.columns = columns
            self.capacity = max(capacity, 16)
            kinds = (0..<columns).map { _ in UnsafeMutablePointer<CellKind>.allocate(capacity: max(capacity, 16)) }
            payloads = (0..<columns).map { _ in UnsafeMutablePointer<Int64>.allocate(capacity: max(capacity, 16)) }
            exponents = (0..<columns).map { _ in UnsafeMutablePointer<Int8>.allocate(capacity: max(capacity, 16)) }
            pools = Array(repeating: StringPool(), count: columns)
            wide = Array(repeating: [:], count: columns)
        }

        mutating func grow() {
            let bigger = capacity * 2
            for j in 0..<columns {
                let k = UnsafeMutablePointer<CellKind>.allocate(capacity: bigger)
                k.update(from: kinds[j], count: capacity)
                kinds[j].deallocate()
                kinds[j] = k
                let p = UnsafeMutablePointer<Int64>.allocate(capacity: bigger)
                p.update(from: payloads[j], count: capacity)
                payloads[j].deallocate()
                payloads[j] = p
                let e = UnsafeMutablePointer<Int8>.allocate(capacity: bigger)
                e.update(from: exponents[j], count: capacity)
                exponents[j].deallocate()
                exponents[j] = e
            }
            capacity = bigger
        }

        func release() {
            for j in 0..<columns {
                kinds[j].deallocate()
                payloads[j].deallocate()
                exponents[j].deallocate()
            }
        }

        @inline(__always)
        func set(_ j: Int, _ row: Int, _ kind: CellKind, _ payload: Int64, _ exponent: Int8) {
            kinds[j][row] = kind
            payloads[j][row] = payload
            exponents[j][row] = exponent
        }
    }

    @inline(__always)
    package static func hasZeroByte(_ x: UInt64) -> UInt64 {
        (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
    }

    /// The first offset at or after `i` holding the delimiter or a line break, or `n`. A CR
    /// ends a field only in files whose lines end with a lone CR; elsewhere it can only come
    /// before an LF, and trimming removes it.
    @inline(__always)
    package static func fieldEnd(_ b: UnsafePointer<UInt8>, _ i: Int, _ n: Int, _ delimiter: UInt8, _ delimiterMask: UInt64, _ carriageReturns: Bool) -> Int {
        var i = i
        if carriageReturns {
            while i + 8 <= n {
                let word = UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self)
                let hits = hasZeroByte(word ^ delimiterMask) | hasZeroByte(word ^ 0x0A0A_0A0A_0A0A_0A0A) | hasZeroByte(word ^ 0x0D0D_0D0D_0D0D_0D0D)
                if hits != 0 { return i + hits.trailingZeroBitCount >> 3 }
                i += 8
            }
        } else {
            while i + 8 <= n {
                let word = UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self)
                let hits = hasZeroByte(word ^ delimiterMask) | hasZeroByte(word ^ 0x0A0A_0A0A_0A0A_0A0A)
                if hits != 0 { return i + hits.trailingZeroBitCount >> 3 }
                i += 8
            }
        }
        while i < n {
            let c = b[i]
            if c == delimiter || c == 0x0A || (carriageReturns && c == 0x0D) { return i }
            i += 1
        }
        return n
    }

    /// Reads the records that start in `start..<limit` of `bytes[..<end]`.
    ///
    /// - Parameters:
    ///   - final: whether `bytes` ends where the input ends; otherwise a record cut off by the end
    ///     of the window is left for the next window.
    ///   - line: the line `start` is on.
    /// - Throws: a `Diagnostic` (with its line) for a quote that never closes in final input.
    package func build(_ bytes: [UInt8], start: Int, limit: Int, end: Int? = nil, final: Bool, line: Int) throws(Diagnostic) -> Result {
        let available = end ?? bytes.count
        let columnCount = header.names.count
        var dense = Array(repeating: -1, count: columnCount)
        var loadedColumns: [Int] = []
        for c in 0..<columnCount where loaded[c] {
            dense[c] = loadedColumns.count
            loadedColumns.append(c)
        }
        let estimate = max(64, (limit - start) / max(16, columnCount * 6))
        var cells = Cells(columns: loadedColumns.count, capacity: estimate)
        defer { cells.release() }
        var rowOffsets: [Int] = []
        var rowLines: [Int] = []
        rowOffsets.reserveCapacity(estimate)
        rowLines.reserveCapacity(estimate)
        var issues: [ReaderIssue] = []
        let delimiter = header.delimiter
        let delimiterMask = UInt64(delimiter) &* 0x0101_0101_0101_0101
        let textColumns = header.textColumns.map { $0 }
        let carriageReturns = header.loneCarriageReturns
        var failure: Diagnostic?
        var position = start
        var currentLine = line
        var rows = 0

        bytes.withUnsafeBufferPointer { buffer in
            guard let b = buffer.baseAddress else { return }
            let n = available
            var i = start
            record: while i < limit, i < n {
                let recordStart = i
                let recordLine = currentLine
                // Blank lines between records are skipped, as spreadsheets write them.
                if b[i] == 0x0A || b[i] == 0x0D {
                    if b[i] == 0x0D, i + 1 < n, b[i + 1] == 0x0A { i += 1 }
                    i += 1
                    currentLine += 1
                    position = i
                    continue
                }
                if rows == cells.capacity { cells.grow() }
                var lines = 0
                var field = 0
                while true {
                    var fieldStart = i
                    var fieldEndOffset: Int
                    var escaped = false
                    if i < n, b[i] == 0x22 {
                        let open = i
                        i += 1
                        fieldStart = i
                        while true {
                            if i >= n {
                                if final {
                                    failure = Diagnostic.error(
                                        "a quoted field opened here never closes (an unterminated \")",
                                        at: RecordOrigins(bytes: bytes, rowOffsets: [recordStart], rowLines: [recordLine], delimiter: delimiter, fields: [])
                                            .location(of: open, row: 0, path: path))
                                }
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
                        fieldEndOffset = i
                        i += 1
                        i = Self.fieldEnd(b, i, n, delimiter, delimiterMask, carriageReturns)
                    } else {
                        i = Self.fieldEnd(b, i, n, delimiter, delimiterMask, carriageReturns)
                        fieldEndOffset = i
                    }
                    if i >= n, !final {
                        // The record may go on in the next window.
                        break record
                    }
                    if field < columnCount {
                        let j = dense[field]
                        if j >= 0 {
                            var s = fieldStart
                            var e = fieldEndOffset
                            CellText.trim(buffer, &s, &e)
                            if s == e {
                                cells.set(j, rows, .missing, 0, 0)
                            } else if textColumns[field] {
                                if escaped {
                                    cells.set(j, rows, .text, Int64(cells.pools[j].intern(DelimitedRecord.unquote(bytes[s..<e]))), 0)
                                } else {
                                    cells.set(j, rows, .rawText, Int64(s) << 24 | Int64((e - s) & 0xFF_FFFF), 0)
                                }
                            } else if let d = CellText.plainDecimal(buffer, s, e) {
                                cells.set(j, rows, d.percent ? .percent : .number, d.significand, d.exponent)
                            } else {
                                switch CellText.parseTrimmed(buffer, s, e) {
                                case .missing:
                                    cells.set(j, rows, .missing, 0, 0)
                                case .number(let value, let percent):
                                    if let small = Int64(exactly: value.significand), let exponent = Int8(exactly: value.exponent) {
                                        cells.set(j, rows, percent ? .percent : .number, small, exponent)
                                    } else {
                                        cells.set(j, rows, percent ? .percent : .number, 0, 0)
                                        cells.wide[j][rows] = value
                                    }
                                case .text:
                                    if escaped {
                                        cells.set(j, rows, .text, Int64(cells.pools[j].intern(DelimitedRecord.unquote(bytes[s..<e]))), 0)
                                    } else {
                                        cells.set(j, rows, .rawText, Int64(s) << 24 | Int64((e - s) & 0xFF_FFFF), 0)
                                    }
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
                if field < columnCount {
                    for c in field..<columnCount where dense[c] >= 0 { cells.set(dense[c], rows, .missing, 0, 0) }
                }
                if field != columnCount {
                    issues.append(
                        ReaderIssue(
                            rule: "ragged-row", severity: .error, message: "row has \(field) field\(field == 1 ? "" : "s"), the header has \(columnCount)",
                            location: SourceLocation(path: path, line: recordLine, column: 1)))
                }
                rowOffsets.append(recordStart)
                rowLines.append(recordLine)
                rows += 1
                currentLine += lines
                position = i
            }
        }
        if let failure { throw failure }
        var columns: [Column] = []
        columns.reserveCapacity(columnCount)
        for c in 0..<columnCount {
            let j = dense[c]
            guard j >= 0 else {
                columns.append(Column(name: header.names[c], loaded: false))
                continue
            }
            columns.append(
                Column(
                    name: header.names[c],
                    kinds: Array(UnsafeBufferPointer(start: cells.kinds[j], count: rows)),
                    payloads: Array(UnsafeBufferPointer(start: cells.payloads[j], count: rows)),
                    exponents: Array(UnsafeBufferPointer(start: cells.exponents[j], count: rows)),
                    pool: cells.pools[j], wide: cells.wide[j], raw: bytes))
        }
        let origins = RecordOrigins(
            bytes: bytes, rowOffsets: rowOffsets, rowLines: rowLines, delimiter: delimiter, fields: Array(0..<columnCount), loneCarriageReturns: carriageReturns
        )
        let table = Table(name: header.schema.name, path: path, columns: columns, rowCount: rows, origins: .records(origins))
        return Result(table: table, end: position, nextLine: currentLine, issues: issues)
    }
}
