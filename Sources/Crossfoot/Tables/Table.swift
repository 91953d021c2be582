/// A named table read from one file: named columns of equal length, stored column-wise.
public struct Table: Sendable {
    public let name: String
    public let source: SourceFile
    public private(set) var columns: [Column]
    public let origins: CellOrigins
    private let indexByName: [String: Int]

    public init(name: String, source: SourceFile, columns: [Column], origins: CellOrigins) {
        self.name = name
        self.source = source
        self.columns = columns
        self.origins = origins
        var index: [String: Int] = [:]
        for (i, column) in columns.enumerated() where index[column.name] == nil {
            index[column.name] = i
        }
        indexByName = index
    }

    public var rowCount: Int { columns.first?.count ?? 0 }
    public var columnNames: [String] { columns.map(\.name) }

    public func columnIndex(_ name: String) -> Int? { indexByName[name] }

    public func column(_ name: String) -> Column? {
        indexByName[name].map { columns[$0] }
    }

    /// The cell's value.
    public func value(row: Int, column: Int) -> CellValue {
        columns[column].value(at: row)
    }

    public func value(row: Int, column name: String) -> CellValue {
        guard let c = indexByName[name] else { return .missing }
        return columns[c].value(at: row)
    }

    /// The bytes of the cell's text in the source file.
    public func span(row: Int, column: Int) -> Range<Int> {
        switch origins {
        case .spans(let spans):
            guard column < spans.count, row < spans[column].count else { return 0..<0 }
            return spans[column][row].range
        case .delimited(let rowOffsets, let delimiter, let fields):
            guard row < rowOffsets.count, column < fields.count else { return 0..<0 }
            return DelimitedRecord.fieldSpan(in: source.bytes, recordStart: rowOffsets[row], field: fields[column], delimiter: delimiter)
        }
    }

    /// Where the cell's value starts: 1-based line and code-point column.
    public func location(row: Int, column: Int) -> SourceLocation {
        source.location(ofOffset: span(row: row, column: column).lowerBound)
    }

    /// Where the cell's value ends (the column just past its last character).
    public func endLocation(row: Int, column: Int) -> SourceLocation {
        source.location(ofOffset: span(row: row, column: column).upperBound)
    }

    /// The cell's text as written, with CSV quotes undone and HTML entities decoded.
    public func rawText(row: Int, column: Int) -> String {
        let range = span(row: row, column: column)
        guard range.upperBound <= source.bytes.count else { return "" }
        let slice = source.bytes[range]
        switch origins {
        case .delimited:
            return DelimitedRecord.unquote(slice)
        case .spans:
            return HTMLText.decodeEntities(String(decoding: slice, as: UTF8.self))
        }
    }
}
