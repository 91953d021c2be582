#if canImport(Glibc)
import Glibc
import CrossfootBase
import CrossfootRules
private let systemRead = Glibc.pread
#elseif canImport(Musl)
import Musl
private let systemRead = Musl.pread
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.pread
#endif

/// A CSV file read in windows, never whole: each window's complete records become one batch,
/// and the file can be cut into byte ranges read on different threads.
///
/// Memory stays bounded by the window size, whatever the file's size: a window is reused once
/// its batch has been checked. A range ends with the last record that starts inside it, so
/// ranges cut at a line break inside a quoted field are detected and read again (see `Linter`).
public struct CSVStream: Sendable {
    public let path: String
    public let header: CSVHeader
    public let size: Int
    /// Bytes per window; a record longer than this grows its window.
    public var windowSize = 1 << 20
    /// The longest record (line) read; a longer one is an error, not a window without end.
    public var maxLineLength = 64 << 20

    /// What reading one range gave.
    public struct RangeResult: Sendable {
        /// Where the record after the range's last record starts.
        public var end: Int
        /// The line that record starts on, counted from the range's first line.
        public var nextLine: Int
        public var issues: [ReaderIssue]
    }

    /// Opens a CSV file and reads its header.
    ///
    /// - Parameter schemas: the tables known by name, with the header names of their columns.
    /// - Returns: `nil` when the file is not UTF-8 (a UTF-16 or UTF-32 byte-order mark), which
    ///   the in-memory reader converts instead, or when it is empty.
    public static func make(
        _ path: String, maxFileSize: Int, maxLineLength: Int = 64 << 20, schemas: [String: TableSchema] = TableSchema.builtInByName
    ) throws(Diagnostic) -> CSVStream? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw Diagnostic(.error, "cannot open the file: \(String(cString: strerror(errno)))", path: path) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Diagnostic(.error, "cannot read the file: \(String(cString: strerror(errno)))", path: path) }
        let size = Int(info.st_size)
        if size > maxFileSize {
            throw Diagnostic(
                .error, "the file is \(FileSystem.size(size)), more than the limit of \(FileSystem.size(maxFileSize)) (raise it with --max-file-size)",
                path: path)
        }
        // The header, from the first bytes (more if its first record is long).
        var probe = 1 << 16
        while true {
            let head = try Self.readBytes(fd, count: min(probe, size), at: 0, path: path)
            if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) || head.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return nil }
            let newline = head.firstIndex(of: 0x0A)
            if newline == nil, head.count > maxLineLength {
                throw Diagnostic.error(
                    "this line is more than \(FileSystem.size(maxLineLength)) long, the limit (raise it with --max-line-length)",
                    at: SourceLocation(path: path, line: 1, column: 1))
            }
            if newline == nil, head.count < size {
                probe *= 4
                continue
            }
            let bytes = try TextDecoding.utf8(head.count < size ? Array(head[..<(head.lastIndex(of: 0x0A).map { $0 + 1 } ?? head.count)]) : head, path: path)
            guard let header = try CSVHeader.read(bytes, path: path, schemas: schemas) else { return nil }
            if header.dataStart >= bytes.count, bytes.count < size, head.count < size {
                probe *= 4
                continue
            }
            return CSVStream(path: path, header: header, size: size)
        }
    }

    package static func readBytes(_ fd: Int32, count: Int, at offset: Int, path: String) throws(Diagnostic) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var total = 0
        while total < count {
            let n = bytes.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress.map { $0 + total }, count - total, off_t(offset + total)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Diagnostic(.error, "cannot read the file: \(String(cString: strerror(errno)))", path: path)
            }
            if n == 0 { break }
            total += n
        }
        bytes.removeSubrange(total...)
        return bytes
    }

    /// Byte offsets that cut the data into about `parts` ranges, each at the start of a line;
    /// data smaller than `minimumSize` is not cut.
    public func boundaries(parts: Int, minimumSize: Int = 1 << 20) -> [Int] {
        let start = header.dataStart
        guard parts > 1, size - start > minimumSize else { return [start, size] }
        var cuts = [start]
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return [start, size] }
        defer { close(fd) }
        for k in 1..<parts {
            var offset = start + (size - start) / parts * k
            while offset < size {
                guard let chunk = try? Self.readBytes(fd, count: min(4096, size - offset), at: offset, path: path), !chunk.isEmpty else { break }
                if let newline = chunk.firstIndex(of: 0x0A) {
                    offset += newline + 1
                    break
                }
                offset += chunk.count
            }
            if offset > cuts[cuts.count - 1], offset < size { cuts.append(offset) }
        }
        cuts.append(size)
        return cuts
    }

    private static func check(
        _ builder: CSVBatchBuilder, _ window: [UInt8], limit: Int, filled: Int, final: Bool, line: Int,
        issues: inout [ReaderIssue], body: (Table) -> Void
    ) throws(Diagnostic) -> (Int, Int) {
        let result = try builder.build(window, start: 0, limit: limit, end: filled, final: final, line: line)
        issues += result.issues
        if result.table.rowCount > 0 { body(result.table) }
        return (result.end, result.nextLine)
    }

    /// Reads the records that start in `range`, handing each window's batch to `body`.
    ///
    /// - Parameters:
    ///   - loaded: which columns to parse (the others are located again when needed).
    ///   - firstLine: the line `range` starts on (1 for a range whose line is not yet known).
    /// - Throws: a `Diagnostic` for invalid UTF-8, a NUL byte or an unterminated quote.
    public func read(_ range: Range<Int>, loaded: [Bool], firstLine: Int, body: (Table) -> Void) throws(Diagnostic) -> RangeResult {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw Diagnostic(.error, "cannot open the file: \(String(cString: strerror(errno)))", path: path) }
        defer { close(fd) }
        let builder = CSVBatchBuilder(header: header, path: path, loaded: loaded)
        var window = [UInt8](repeating: 0, count: min(windowSize, max(size - range.lowerBound, 1)))
        var windowOffset = range.lowerBound
        var filled = 0
        var line = firstLine
        var issues: [ReaderIssue] = []
        var validated = 0
        while true {
            // Fill the window.
            while filled < window.count, windowOffset + filled < size {
                let want = window.count - filled
                let n = window.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress.map { $0 + filled }, want, off_t(windowOffset + filled)) }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw Diagnostic(.error, "cannot read the file: \(String(cString: strerror(errno)))", path: path)
                }
                if n == 0 { break }
                filled += n
            }
            let atEnd = windowOffset + filled >= size
            if let bad = TextDecoding.firstInvalid(window, from: validated, to: filled, final: atEnd) {
                let origins = RecordOrigins(bytes: window, rowOffsets: [0], rowLines: [line], delimiter: header.delimiter, fields: [])
                let location = origins.location(of: bad, row: 0, path: path)
                throw window[bad] == 0
                    ? Diagnostic.error("the file holds a NUL byte: it is binary, not text", at: location)
                    : Diagnostic.error("invalid UTF-8 (byte 0x\(String(window[bad], radix: 16, uppercase: true))); save the file as UTF-8", at: location)
            }
            // The file's last record may end without a line break; the window holds stale bytes
            // after it (it is reused), so a line break after the data stops every scan there.
            if atEnd, filled < window.count { window[filled] = 0x0A }
            let limit = min(filled, range.upperBound - windowOffset)
            // The batch shares the window's storage: it must be gone before the window is
            // written again, or writing would copy the whole window.
            let (consumed, nextLine) = try Self.check(builder, window, limit: limit, filled: filled, final: atEnd, line: line, issues: &issues, body: body)
            line = nextLine
            if consumed >= range.upperBound - windowOffset || (atEnd && consumed >= filled) {
                return RangeResult(end: windowOffset + consumed, nextLine: line, issues: issues)
            }
            if consumed == 0 {
                // One record longer than the window: make room, up to the limit.
                if filled > maxLineLength {
                    let origins = RecordOrigins(bytes: window, rowOffsets: [0], rowLines: [line], delimiter: header.delimiter, fields: [])
                    throw Diagnostic.error(
                        "this line is more than \(FileSystem.size(maxLineLength)) long, the limit (raise it with --max-line-length)",
                        at: origins.location(of: 0, row: 0, path: path))
                }
                window += [UInt8](repeating: 0, count: window.count)
                validated = filled
                continue
            }
            // Carry the unfinished record to the front of the window.
            let rest = filled - consumed
            window.withUnsafeMutableBytes { raw in
                if let base = raw.baseAddress { memmove(base, base + consumed, rest) }
            }
            windowOffset += consumed
            filled = rest
            validated = rest
        }
    }
}
