/// How the lines of a workbook's text view map back to its sheets and cells.
///
/// A workbook is read into a text view, one line per sheet row (its cells' texts separated by
/// tabs, every column from A on), sheets one after another; positions are byte offsets into
/// that view like any file's. This map turns a line back into a sheet and row, and a position
/// in the line into a column (the tabs before it), so a location can name `'Sheet'!E12`.
public struct SheetMap: Sendable, Hashable {
    /// A sheet's place in the view: its name and the view line of its row 1.
    public struct Sheet: Sendable, Hashable {
        public var name: String
        public var firstLine: Int
        /// The number of rows (lines) it takes.
        public var rows: Int

        public init(name: String, firstLine: Int, rows: Int) {
            self.name = name
            self.firstLine = firstLine
            self.rows = rows
        }
    }

    /// The sheets in view order.
    public var sheets: [Sheet]

    public init(sheets: [Sheet]) {
        self.sheets = sheets
    }

    /// The sheet and 1-based row of a 1-based view line.
    public func place(line: Int) -> (sheet: String, row: Int)? {
        var low = 0
        var high = sheets.count - 1
        var found = -1
        while low <= high {
            let mid = (low + high) / 2
            if sheets[mid].firstLine <= line {
                found = mid
                low = mid + 1
            } else {
                high = mid - 1
            }
        }
        guard found >= 0 else { return nil }
        let sheet = sheets[found]
        let row = line - sheet.firstLine + 1
        guard row <= sheet.rows else { return nil }
        return (sheet.name, row)
    }

    /// The A1 letters of a 0-based column: 0 → `A`, 26 → `AA`.
    public static func letters(_ column: Int) -> String {
        var n = column + 1
        var out: [UInt8] = []
        while n > 0 {
            out.append(UInt8(0x41 + (n - 1) % 26))
            n = (n - 1) / 26
        }
        return String(decoding: out.reversed(), as: UTF8.self)
    }

    /// A sheet name as a reference writes it: in single quotes, an inner quote doubled.
    public static func quoted(_ sheet: String) -> String {
        "'" + sheet.replacing("'", with: "''") + "'"
    }
}
