/// The bytes of one input or rule file and the table that turns byte offsets into lines and columns.
///
/// Every position Crossfoot reports is a byte offset into a `SourceFile`; lines and columns are
/// derived on demand. A column counts Unicode code points from the start of the line, 1-based,
/// which is what SARIF calls `unicodeCodePoints`. A UTF-8 byte-order mark at the start of the file
/// is not counted.
public final class SourceFile: Sendable {
    /// The path as the user gave it (or as found under a directory they gave).
    public let path: String
    /// The file's content, exactly as read.
    public let bytes: [UInt8]
    /// Line starts, computed once.
    public let lines: LineTable
    /// For the text of a PDF: the 1-based line each page starts on, in page order; empty for
    /// any other file.
    public let pageStarts: [Int]
    /// For the text view of a workbook: which sheet and row each line is.
    public let sheets: SheetMap?

    public init(path: String, bytes: [UInt8], pageStarts: [Int] = [], sheets: SheetMap? = nil) {
        self.path = path
        self.bytes = bytes
        self.lines = LineTable(bytes: bytes)
        self.pageStarts = pageStarts
        self.sheets = sheets
    }

    public convenience init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// The 1-based line and column of a byte offset.
    ///
    /// In a workbook's text view it also names the sheet and cell.
    public func location(ofOffset offset: Int) -> SourceLocation {
        var location = lines.location(ofOffset: offset, in: bytes, path: path)
        if !pageStarts.isEmpty {
            let index = max(0, (pageStarts.lastIndex { $0 <= location.line } ?? 0))
            location.page = .init(page: index + 1, line: location.line - pageStarts[index] + 1)
        }
        if let sheets, let place = sheets.place(line: location.line) {
            // The column is the number of tabs before the offset on its line.
            let start = lines.starts[location.line - 1]
            var column = 0
            var i = start
            while i < min(offset, bytes.count) {
                if bytes[i] == 0x09 { column += 1 }
                i += 1
            }
            location.sheet = place.sheet
            location.sheetCell = .init(row: place.row, column: column + 1)
        }
        return location
    }

    /// The text of the 1-based line `line`, without its line break.
    public func lineText(_ line: Int) -> String {
        let range = lines.byteRange(ofLine: line, in: bytes)
        return String(decoding: bytes[range], as: UTF8.self)
    }
}
