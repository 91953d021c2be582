/// The byte offset where each line of a file starts.
///
/// Lines end at LF; a CR before the LF belongs to the line break. Offsets are stored as `Int`
/// and found by binary search, so a location costs O(log lines) plus the length of its line.
public struct LineTable: Sendable {
    /// `starts[i]` is the byte offset of line `i + 1`.
    public let starts: [Int]
    /// The number of bytes of a UTF-8 byte-order mark at the start of the file (0 or 3).
    public let bomLength: Int

    /// The longest line: its 1-based number and its length in bytes (without the line break).
    public let longest: (line: Int, length: Int)

    public init(bytes: [UInt8]) {
        var starts = [0]
        starts.reserveCapacity(bytes.count / 40 + 1)
        var longest = (line: 1, length: 0)
        bytes.withUnsafeBufferPointer { buffer in
            for i in 0..<buffer.count where buffer[i] == 0x0A {
                let length = i - (starts.last ?? 0)
                if length > longest.length { longest = (starts.count, length) }
                starts.append(i + 1)
            }
        }
        let last = bytes.count - (starts.last ?? 0)
        if last > longest.length { longest = (starts.count, last) }
        self.starts = starts
        self.longest = longest
        bomLength = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// The number of lines, counting a last line without a line break.
    public var count: Int { starts.count }

    /// The 1-based line holding byte `offset`.
    public func line(ofOffset offset: Int) -> Int {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low + 1
    }

    /// The line and code-point column of byte `offset`.
    public func location(ofOffset offset: Int, in bytes: [UInt8], path: String) -> SourceLocation {
        let line = line(ofOffset: offset)
        var start = starts[line - 1]
        if line == 1 { start = min(bomLength, max(offset, 0)) }
        var column = 1
        var i = start
        let end = min(offset, bytes.count)
        while i < end {
            // Count code points: every byte that is not a UTF-8 continuation byte starts one.
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return SourceLocation(path: path, line: line, column: column)
    }

    /// The bytes of a 1-based line, without its LF or CRLF.
    public func byteRange(ofLine line: Int, in bytes: [UInt8]) -> Range<Int> {
        guard line >= 1, line <= starts.count else { return bytes.count..<bytes.count }
        var start = starts[line - 1]
        if line == 1 { start = bomLength }
        var end = line < starts.count ? starts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return start..<max(start, end)
    }
}
