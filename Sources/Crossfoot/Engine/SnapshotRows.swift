/// Rows copied out of a batch whose bytes will be released: every cell's value, text and
/// location, so grouped and joined rules can finish after the whole file has been read.
struct SnapshotRows: Sendable {
    let name: String
    let path: String
    private(set) var columns: [Column]
    private(set) var cells: [[FixedCell]]
    /// A key per row (its group, or its join columns).
    private(set) var keys: [[Value]] = []

    init(like table: Table) {
        name = table.name
        path = table.path
        columns = table.columns.map { Column(name: $0.name) }
        cells = Array(repeating: [], count: table.columns.count)
    }

    var count: Int { keys.count }

    mutating func append(from table: Table, row: Int, key: [Value]) {
        for c in 0..<min(columns.count, table.columns.count) {
            columns[c].append(table.value(row: row, column: c))
            let (start, end) = table.locations(row: row, column: c)
            cells[c].append(FixedCell(text: FindingBuilder.displayText(table, row: row, column: c), start: start, end: end))
        }
        keys.append(key)
    }

    mutating func append(_ other: SnapshotRows) {
        for c in columns.indices where c < other.columns.count {
            for r in 0..<other.count {
                columns[c].append(other.columns[c].value(at: r))
            }
            cells[c] += other.cells[c]
        }
        keys += other.keys
    }

    /// Moves every location down by `lines` (a later chunk placed after the ones before it).
    mutating func shiftLines(by lines: Int) {
        guard lines != 0 else { return }
        for c in cells.indices {
            for r in cells[c].indices {
                cells[c][r].start.line += lines
                cells[c][r].end.line += lines
            }
        }
    }

    var table: Table {
        Table(name: name, path: path, columns: columns, rowCount: count, origins: .fixed(cells))
    }
}
