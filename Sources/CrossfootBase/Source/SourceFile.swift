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

    public init(path: String, bytes: [UInt8], pageStarts: [Int] = []) {
        self.path = path
        self.bytes = bytes
        self.lines = LineTable(bytes: bytes)
        self.pageStarts = pageStarts
    }

    public convenience init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// The 1-based line and column of a byte offset.
    public func location(ofOffset offset: Int) -> SourceLocation {
        var location = lines.location(ofOffset: offset, in: bytes, path: path)
        if !pageStarts.isEmpty {
            let index = max(0, (pageStarts.lastIndex { $0 <= location.line } ?? 0))
            location.page = .init(page: index + 1, line: location.line - pageStarts[index] + 1)
        }
        return location
    }

    /// The text of the 1-based line `line`, without its line break.
    public func lineText(_ line: Int) -> String {
        let range = lines.byteRange(ofLine: line, in: bytes)
        return String(decoding: bytes[range], as: UTF8.self)
    }
}
