/// A point in a file: 1-based line and 1-based column in Unicode code points.
///
/// In a PDF, `line` counts the lines of the whole extracted text (what `crossfoot extract --text`
/// prints), and `page` says which page the point is on and its line within that page.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var path: String
    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = UInt32(clamping: newValue) }
    }
    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = UInt32(clamping: newValue) }
    }

    // Kept small: a finding holds several locations, and a large run holds many findings. A line
    // and a column fit 32 bits (a file is at most 4 GiB); a page, or a sheet cell, takes three
    // more 32-bit fields, the sheet's name interned (`SheetNames`).
    private var storedLine: UInt32
    private var storedColumn: UInt32
    /// The page and the line on it, or the sheet row and column.
    private var first: Int32 = 0
    private var second: Int32 = 0
    /// 0: neither; −1: a page; n > 0: the sheet interned as n.
    private var kind: Int32 = 0

    /// The 1-based page and the 1-based line within it, for a point in a PDF.
    public var page: PageLine? {
        get { kind == -1 ? PageLine(page: Int(first), line: Int(second)) : nil }
        set {
            guard let newValue else {
                if kind == -1 { (kind, first, second) = (0, 0, 0) }
                return
            }
            (kind, first, second) = (-1, newValue.page, newValue.line)
        }
    }

    /// In a workbook: the sheet's name, as written (unquoted).
    public var sheet: String? {
        get { kind > 0 ? SheetNames.name(kind) : nil }
        set {
            if let newValue {
                kind = SheetNames.id(newValue)
            } else if kind > 0 {
                (kind, first, second) = (0, 0, 0)
            }
        }
    }

    /// In a workbook: the cell's 1-based sheet row and column number.
    public var sheetCell: SheetCell? {
        get { kind > 0 && first > 0 ? SheetCell(row: Int(first), column: Int(second)) : nil }
        set {
            first = Int32(clamping: newValue?.row ?? 0)
            second = Int32(clamping: newValue?.column ?? 0)
        }
    }

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
        storedLine = UInt32(clamping: line)
        storedColumn = UInt32(clamping: column)
        if let page {
            self.page = page
        } else if let sheet {
            self.sheet = sheet
            self.sheetCell = sheetCell
        }
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

/// Sheet names interned for `SourceLocation`, which holds a number rather than the name.
enum SheetNames {
    private static let table = Locked((names: [String](), ids: [String: Int32]()))

    /// The number of `name` (1 and up), given it once.
    static func id(_ name: String) -> Int32 {
        table.withLock { t in
            if let id = t.ids[name] { return id }
            t.names.append(name)
            let id = Int32(clamping: t.names.count)
            t.ids[name] = id
            return id
        }
    }

    static func name(_ id: Int32) -> String? {
        table.withLock { t in id >= 1 && Int(id) <= t.names.count ? t.names[Int(id) - 1] : nil }
    }
}
