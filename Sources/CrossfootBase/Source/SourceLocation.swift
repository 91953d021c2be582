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

    /// A page of a document and a line on it.
    public struct PageLine: Sendable, Hashable {
        public var page: Int32
        public var line: Int32

        public init(page: Int, line: Int) {
            self.page = Int32(clamping: page)
            self.line = Int32(clamping: line)
        }
    }

    public init(path: String, line: Int, column: Int, page: PageLine? = nil) {
        self.path = path
        self.line = line
        self.column = column
        self.page = page
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.path, a.line, a.column) < (b.path, b.line, b.column)
    }

    /// `line:column`, or `page 2:14:48` in a PDF.
    public var place: String {
        guard let page else { return "\(line):\(column)" }
        return "page \(page.page):\(page.line):\(column)"
    }

    /// The line a user finds the point on: within its page in a PDF, in the file otherwise.
    public var shownLine: Int { page.map { Int($0.line) } ?? line }

    /// `path:line:column`, the form compilers and editors understand; `path:page 2:14:48` in a
    /// PDF, which no editor takes for a line of the PDF file.
    public var description: String { "\(path):\(place)" }
}
