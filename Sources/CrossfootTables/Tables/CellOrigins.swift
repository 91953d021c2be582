import CrossfootBase
import CrossfootRules

/// How a table finds the text and position of a cell in its source file.
///
/// Positions are recomputed on demand, so a large CSV keeps one offset per row rather than one
/// per cell, and only cells that produce findings are ever located.
public enum CellOrigins: Sendable {
    /// Every cell's span in a file held in memory (reports, chart series). `spans[column][row]`.
    case spans(SourceFile, [[CellSpan]])
    /// Records of a delimited file (CSV), found again by tokenising the record.
    case records(RecordOrigins)
    /// Cells copied out of a window that is gone: their text and location, `cells[column][row]`.
    case fixed([[FixedCell]])
}

/// The records of one window of a CSV file.
public struct RecordOrigins: Sendable {
    /// The window's bytes; `rowOffsets` index into them.
    public var bytes: [UInt8]
    public var rowOffsets: [Int]
    /// The 1-based line of each record's start (relative to its chunk until the chunk is placed).
    public var rowLines: [Int]
    public var delimiter: UInt8
    /// Table column `c` is field `fields[c]` of the record.
    public var fields: [Int]
    /// Whether the file's lines end with lone CRs (otherwise a CR not before a line feed is
    /// part of its cell).
    public var loneCarriageReturns: Bool

    public init(bytes: [UInt8], rowOffsets: [Int], rowLines: [Int], delimiter: UInt8, fields: [Int], loneCarriageReturns: Bool = false) {
        self.bytes = bytes
        self.rowOffsets = rowOffsets
        self.rowLines = rowLines
        self.delimiter = delimiter
        self.fields = fields
        self.loneCarriageReturns = loneCarriageReturns
    }
}

/// A cell kept after its bytes were released: what it says and where it was.
public struct FixedCell: Sendable {
    public var text: String
    public var start: SourceLocation
    public var end: SourceLocation

    public init(text: String, start: SourceLocation, end: SourceLocation) {
        self.text = text
        self.start = start
        self.end = end
    }
}
