import CrossfootBase
import CrossfootRules
import CrossfootTables

/// Rows copied out of a batch whose bytes will be released, so grouped and joined rules can
/// finish after the whole file has been read.
///
/// Rows of a CSV file keep their record's bytes (in one arena) and the values of the loaded
/// columns, so their cells are located and shown lazily, exactly as in the batch; rows of a file
/// held in memory (a report, chart series, JSON rows) keep each cell's value and span in that
/// file, so they too are located and shown only when a finding needs them; rows of other tables
/// keep every cell's value, text and location.
package struct SnapshotRows: Sendable {
    package let name: String
    package let path: String
    private(set) var columns: [Column]
    /// A key per row (its join columns).
    private(set) var keys: [[Value]] = []
    private var storage: Storage

    private enum Storage: Sendable {
        case records(arena: [UInt8], offsets: [Int], lines: [Int], delimiter: UInt8, loneCarriageReturns: Bool)
        case spans(SourceFile, [[CellSpan]])
        case fixed([[FixedCell]])
        /// Rows of a table held in memory as a whole (a report, chart series, JSON rows): only
        /// their numbers, the table itself kept; copied into `spans` only when rows of another
        /// table join them or their lines move.
        case view(Table, rows: [Int32])
    }

    /// The loaded cells of a CSV snapshot, by column; raw text points into the arena.
    private struct Cells: Sendable {
        var kinds: [CellKind] = []
        var payloads: [Int64] = []
        var exponents: [Int8] = []
        var pool = StringPool()
        var wide: [Int: Number] = [:]
    }

    private var cells: [Cells?] = []

    package init(like table: Table) {
        name = table.name
        path = table.path
        if case .records(let records) = table.origins {
            columns = table.columns.map { Column(name: $0.name, loaded: $0.isLoaded) }
            cells = table.columns.map { $0.isLoaded ? Cells() : nil }
            storage = .records(arena: [], offsets: [], lines: [], delimiter: records.delimiter, loneCarriageReturns: records.loneCarriageReturns)
        } else if case .spans = table.origins {
            columns = table.columns.map { Column(name: $0.name) }
            storage = .view(table, rows: [])
        } else {
            columns = table.columns.map { Column(name: $0.name) }
            storage = .fixed(Array(repeating: [], count: table.columns.count))
        }
    }

    package var count: Int { keys.count }

    /// The names of the kept rows' columns, without building their table.
    package var columnNames: [String] { columns.map(\.name) }

    package mutating func append(from table: Table, row: Int, key: [Value]) {
        switch storage {
        case .view(let viewed, var rows):
            guard Self.isSame(viewed, table) else {
                materialize()
                append(from: table, row: row, key: key)
                return
            }
            storage = .view(viewed, rows: [])
            rows.append(Int32(truncatingIfNeeded: row))
            storage = .view(viewed, rows: rows)
        case .records(var arena, var offsets, var lines, let delimiter, let loneCR):
            guard case .records(let records) = table.origins else { return }
            storage = .records(arena: [], offsets: [], lines: [], delimiter: delimiter, loneCarriageReturns: loneCR)
            let start = records.rowOffsets[row]
            let end = DelimitedRecord.recordEnd(
                in: records.bytes, recordStart: start, delimiter: records.delimiter, loneCarriageReturns: records.loneCarriageReturns)
            let base = arena.count
            offsets.append(base)
            lines.append(records.rowLines[row])
            arena.append(contentsOf: records.bytes[start..<end])
            arena.append(0x0A)
            for c in cells.indices where cells[c] != nil && c < table.columns.count {
                guard table.columns[c].isLoaded else {
                    cells[c]?.kinds.append(.missing)
                    cells[c]?.payloads.append(0)
                    cells[c]?.exponents.append(0)
                    continue
                }
                var kind = table.columns[c].kinds[row]
                var payload = table.columns[c].payloads[row]
                switch kind {
                case .rawText:
                    // The same bytes, now in the arena.
                    let range = table.columns[c].rawRange(row)
                    payload = Int64(base + range.lowerBound - start) << 24 | Int64(range.count & 0xFF_FFFF)
                case .text:
                    let text = table.columns[c].text(at: row) ?? ""
                    payload = Int64(cells[c]?.pool.intern(text) ?? 0)
                case .number, .percent:
                    // Hashing a row number costs more than the rest: most batches have no wide numbers.
                    if !table.columns[c].wide.isEmpty, let w = table.columns[c].wide[row] {
                        let index = cells[c]?.kinds.count ?? 0
                        cells[c]?.wide[index] = w
                    }
                case .missing:
                    kind = .missing
                }
                cells[c]?.kinds.append(kind)
                cells[c]?.payloads.append(payload)
                cells[c]?.exponents.append(table.columns[c].exponents[row])
            }
            storage = .records(arena: arena, offsets: offsets, lines: lines, delimiter: delimiter, loneCarriageReturns: loneCR)
        case .spans(let source, var spans):
            guard case .spans(let from, let tableSpans) = table.origins, from === source else {
                convertToFixed()
                append(from: table, row: row, key: key)
                return
            }
            storage = .spans(source, [])
            for c in 0..<min(columns.count, table.columns.count) {
                columns[c].append(table.value(row: row, column: c))
                spans[c].append(row < tableSpans[c].count ? tableSpans[c][row] : CellSpan(start: 0, length: 0))
            }
            storage = .spans(source, spans)
        case .fixed(var cells):
            storage = .fixed([])
            let texts = table.rowTexts(row: row)
            let locations = table.rowLocations(row: row)
            for c in 0..<min(columns.count, table.columns.count) {
                columns[c].append(table.value(row: row, column: c))
                let (start, end) = locations?[c] ?? table.locations(row: row, column: c)
                let text = texts.map { c < $0.count ? $0[c] : "" } ?? FindingBuilder.displayText(table, row: row, column: c)
                cells[c].append(FixedCell(text: text, start: start, end: end))
            }
            storage = .fixed(cells)
        }
        keys.append(key)
    }

    package mutating func append(_ other: SnapshotRows) {
        materialize()
        // Records: one copy of the other arena, its offsets moved past ours.
        if case .records(var arena, var offsets, var lines, let delimiter, let loneCR) = storage,
            case .records(let otherArena, let otherOffsets, let otherLines, _, _) = other.storage,
            cells.count == other.cells.count
        {
            storage = .records(arena: [], offsets: [], lines: [], delimiter: delimiter, loneCarriageReturns: loneCR)
            let base = arena.count
            arena += otherArena
            offsets += otherOffsets.map { $0 + base }
            lines += otherLines
            for c in cells.indices {
                guard var mine = cells[c], let theirs = other.cells[c] else { continue }
                cells[c] = nil
                let first = mine.kinds.count
                for r in 0..<theirs.kinds.count {
                    var payload = theirs.payloads[r]
                    switch theirs.kinds[r] {
                    case .rawText:
                        payload += Int64(base) << 24
                    case .text:
                        payload = Int64(mine.pool.intern(theirs.pool[Int32(truncatingIfNeeded: payload)]))
                    case .number, .percent:
                        if !theirs.wide.isEmpty, let w = theirs.wide[r] { mine.wide[first + r] = w }
                    case .missing:
                        break
                    }
                    mine.kinds.append(theirs.kinds[r])
                    mine.payloads.append(payload)
                    mine.exponents.append(theirs.exponents[r])
                }
                cells[c] = mine
            }
            keys += other.keys
            storage = .records(arena: arena, offsets: offsets, lines: lines, delimiter: delimiter, loneCarriageReturns: loneCR)
            return
        }
        if case .spans(let source, var spans) = storage, case .spans(let otherSource, let otherSpans) = other.storage, source === otherSource,
            spans.count == otherSpans.count
        {
            storage = .spans(source, [])
            let otherTable = other.table
            for c in spans.indices {
                spans[c] += otherSpans[c]
                for row in 0..<other.count { columns[c].append(otherTable.value(row: row, column: c)) }
            }
            keys += other.keys
            storage = .spans(source, spans)
            return
        }
        let table = other.table
        for row in 0..<other.count {
            append(from: table, row: row, key: other.keys[row])
        }
    }

    /// Whether two tables are one table of one file held in memory.
    private static func isSame(_ a: Table, _ b: Table) -> Bool {
        guard case .spans(let first, _) = a.origins, case .spans(let second, _) = b.origins else { return false }
        return first === second && a.name == b.name && a.rowCount == b.rowCount
    }

    /// Copies the rows of a view out of its table, each cell's value and span.
    private mutating func materialize() {
        guard case .view(let viewed, let rows) = storage, case .spans(let source, _) = viewed.origins else { return }
        storage = .spans(source, Array(repeating: [], count: viewed.columns.count))
        let viewKeys = keys
        keys = []
        for (i, row) in rows.enumerated() { append(from: viewed, row: Int(row), key: viewKeys[i]) }
    }

    /// Keeps every cell's text and location instead of its span (rows of another file, or
    /// moved to other lines, are about to join).
    private mutating func convertToFixed() {
        guard case .spans = storage else { return }
        let table = self.table
        var cells: [[FixedCell]] = Array(repeating: [], count: columns.count)
        for c in cells.indices {
            for row in 0..<count {
                let (start, end) = table.locations(row: row, column: c)
                cells[c].append(FixedCell(text: FindingBuilder.displayText(table, row: row, column: c), start: start, end: end))
            }
        }
        storage = .fixed(cells)
    }

    /// Moves every location down by `lines` (a later chunk placed after the ones before it).
    package mutating func shiftLines(by shift: Int) {
        guard shift != 0 else { return }
        switch storage {
        case .records(let arena, let offsets, var lines, let delimiter, let loneCR):
            for i in lines.indices { lines[i] += shift }
            storage = .records(arena: arena, offsets: offsets, lines: lines, delimiter: delimiter, loneCarriageReturns: loneCR)
        case .spans:
            convertToFixed()
            shiftLines(by: shift)
        case .view:
            materialize()
            shiftLines(by: shift)
        case .fixed(var cells):
            for c in cells.indices {
                for r in cells[c].indices {
                    cells[c][r].start.line += shift
                    cells[c][r].end.line += shift
                }
            }
            storage = .fixed(cells)
        }
    }

    package var table: Table {
        switch storage {
        case .records(let arena, let offsets, let lines, let delimiter, let loneCR):
            let origins = RecordOrigins(
                bytes: arena, rowOffsets: offsets, rowLines: lines, delimiter: delimiter, fields: Array(columns.indices), loneCarriageReturns: loneCR)
            let built = columns.indices.map { c -> Column in
                guard let cell = cells[c] else { return columns[c] }
                return Column(
                    name: columns[c].name, kinds: cell.kinds, payloads: cell.payloads, exponents: cell.exponents, pool: cell.pool, wide: cell.wide, raw: arena)
            }
            return Table(name: name, path: path, columns: built, rowCount: count, origins: .records(origins))
        case .spans(let source, let spans):
            return Table(name: name, path: path, columns: columns, rowCount: count, origins: .spans(source, spans))
        case .fixed(let cells):
            return Table(name: name, path: path, columns: columns, rowCount: count, origins: .fixed(cells))
        case .view(let viewed, let rows):
            // Every row in order is the table itself.
            if rows.count == viewed.rowCount, rows.indices.allSatisfy({ Int(rows[$0]) == $0 }) { return viewed }
            // Some rows: their cells picked out of the table's columns, their spans with them.
            guard case .spans(let source, let spans) = viewed.origins else { return viewed }
            let picked = spans.map { column in rows.map { Int($0) < column.count ? column[Int($0)] : CellSpan(start: 0, length: 0) } }
            return Table(
                name: name, path: path, columns: viewed.columns.map { $0.selecting(rows) }, rowCount: rows.count, origins: .spans(source, picked))
        }
    }
}
