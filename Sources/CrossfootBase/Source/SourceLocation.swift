/// A point in a file: 1-based line and 1-based column in Unicode code points.
///
/// In a PDF, `line` counts the lines of the whole extracted text (what `crossfoot extract --text`
/// prints), and `page` says which page the point is on and its line within that page.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int
    /// The 1-based page and the 1-based line within it, for a point in a PDF.
    public var page: PageLine?
    /// In a workbook: the sheet's name, as written (unquoted).
    public var sheet: String?
    /// In a workbook: the cell's 1-based sheet row and column number.
    public var sheetCell: SheetCell?

    /// A page of a document and a line on it.
    public struct PageLine: Sendable, Hashable {
        public var page: Int32
        public var line: Int32

        public init(page: Int, line: Int) {
            self.page = Int32(clamping: page)
            self.line = Int32(clamping: line)
        }
    }

    /// A cell of a sheet: its 1-based row and column number (A is 1).
    public struct SheetCell: Sendable, Hashable {
        public var row: Int
        public var column: Int

        public init(row: Int, column: Int) {
            self.row = row
            self.column = column
        }
    }

    public init(path: String, line: Int, column: Int, page: PageLine? = nil, sheet: String? = nil, sheetCell: SheetCell? = nil) {
        self.path = path
        self.line = line
        self.column = column
        self.page = page
        self.sheet = sheet
        self.sheetCell = sheetCell
    }

    /// In a workbook: the cell's A1 address, without `$` (`E12`); made when asked for, so a
    /// location costs no string.
    public var cell: String? {
        sheetCell.map { SheetMap.letters($0.column - 1) + String($0.row) }
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.path, a.line, a.column) < (b.path, b.line, b.column)
    }

    /// `line:column`, `page 2:14:48` in a PDF, or `'Sheet'!E12` in a workbook, as a spreadsheet
    /// names a cell.
    public var place: String {
        if let sheet, let cell { return "\(SheetMap.quoted(sheet))!\(cell)" }
        guard let page else { return "\(line):\(column)" }
        return "page \(page.page):\(page.line):\(column)"
    }

    /// The line a user finds the point on: within its page in a PDF, the sheet row in a
    /// workbook, in the file otherwise.
    public var shownLine: Int { sheetCell?.row ?? page.map { Int($0.line) } ?? line }

    /// `path:line:column`, the form compilers and editors understand; `path:page 2:14:48` in a
    /// PDF, which no editor takes for a line of the PDF file; `path:'Sheet'!E12` in a workbook.
    public var description: String { "\(path):\(place)" }
}
