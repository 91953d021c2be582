/// How a table finds the text and position of a cell in its source file.
///
/// Positions are recomputed on demand, so a large CSV keeps one offset per row rather than one
/// per cell.
public enum CellOrigins: Sendable {
    /// Every cell's span, stored (small tables: reports, chart series). `spans[column][row]`.
    case spans([[CellSpan]])
    /// Rows of a delimited file starting at `rowOffsets[row]`; table column `c` is field
    /// `fields[c]` of the record, found again by tokenising the record.
    case delimited(rowOffsets: [Int], delimiter: UInt8, fields: [Int])
}
