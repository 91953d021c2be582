/// A point in a file: 1-based line and 1-based column in Unicode code points.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int
    /// In a workbook: the sheet's name, as written (unquoted).
    public var sheet: String?
    /// In a workbook: the cell's A1 address, without `$` (`E12`).
    public var cell: String?

    public init(path: String, line: Int, column: Int, sheet: String? = nil, cell: String? = nil) {
        self.path = path
        self.line = line
        self.column = column
        self.sheet = sheet
        self.cell = cell
    }

    /// The cell's 1-based sheet row and column, from its address.
    public var sheetCell: (row: Int, column: Int)? {
        guard let cell else { return nil }
        var column = 0
        var row = 0
        for c in cell.utf8 {
            if c >= 0x41, c <= 0x5A {
                column = column * 26 + Int(c - 0x40)
            } else if c >= 0x30, c <= 0x39 {
                row = row * 10 + Int(c - 0x30)
            }
        }
        return (row, column)
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.path, a.line, a.column) < (b.path, b.line, b.column)
    }

    /// `path:line:column`, the form compilers and editors understand; in a workbook
    /// `path:'Sheet'!E12`, as a spreadsheet names a cell.
    public var description: String {
        if let sheet, let cell { return "\(path):\(SheetMap.quoted(sheet))!\(cell)" }
        return "\(path):\(line):\(column)"
    }
}
