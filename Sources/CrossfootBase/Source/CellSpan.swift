/// Where a cell's text lies in its file: a byte offset and a byte length.
///
/// An empty cell has length 0 at the position where its value would start.
public struct CellSpan: Sendable, Hashable {
    public var start: Int32
    public var length: Int32

    public init(start: Int, length: Int) {
        self.start = Int32(clamping: start)
        self.length = Int32(clamping: length)
    }

    public var range: Range<Int> { Int(start)..<(Int(start) + Int(length)) }
}
