internal import CZlib
import CrossfootBase

/// Unpacks the entries of a ZIP archive with zlib, a chunk at a time, within limits.
///
/// A part is never inflated whole before it is checked: each chunk is counted against the
/// part's size limit and against the compression ratio a zip bomb needs (more than 100:1 on a
/// part over 1 MiB) before it is handed on, so a bomb stops within one chunk of the limit.
enum Inflate {
    /// The size of one inflated chunk.
    static let chunkSize = 64 << 10
    /// Parts up to this size may unpack at any ratio (a sheet of empty cells compresses well).
    static let ratioFreeSize = 1 << 20
    /// The largest compression ratio accepted above `ratioFreeSize`.
    static let maxRatio = 100

    /// Hands each piece of an entry's data to `body`, in order, as it is unpacked.
    ///
    /// - Parameters:
    ///   - limit: the largest size the part may unpack to (`--max-file-size`).
    /// - Throws: a `Diagnostic` naming the file and the part when the part passes a limit, its
    ///   data is damaged, or `body` throws.
    static func chunks(
        of entry: ZipArchive.Entry, in archive: ZipArchive, limit: Int, _ body: (UnsafeBufferPointer<UInt8>) throws(Diagnostic) -> Void
    ) throws(Diagnostic) {
        let range = try archive.dataRange(of: entry)
        try check(entry, produced: entry.uncompressedSize, archive: archive, limit: limit)
        if entry.method == 0 {
            try archive.bytes.withUnsafeBufferPointer { (all) throws(Diagnostic) in
                var start = range.lowerBound
                while start < range.upperBound {
                    let end = min(range.upperBound, start + chunkSize)
                    try body(UnsafeBufferPointer(rebasing: all[start..<end]))
                    start = end
                }
            }
            return
        }
        try inflate(entry, range: range, archive: archive, limit: limit, body)
    }

    /// An entry's data, whole (for the small parts: workbook, relationships, styles).
    static func data(of entry: ZipArchive.Entry, in archive: ZipArchive, limit: Int) throws(Diagnostic) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(min(entry.uncompressedSize, limit, 16 << 20))
        try chunks(of: entry, in: archive, limit: limit) { (chunk) throws(Diagnostic) in out.append(contentsOf: chunk) }
        return out
    }

    /// Refuses a part that has unpacked (or declares it unpacks) past a limit.
    private static func check(_ entry: ZipArchive.Entry, produced: Int, archive: ZipArchive, limit: Int) throws(Diagnostic) {
        if produced > limit {
            throw Diagnostic(
                .error, "part \(entry.name) unpacks to more than \(FileSystem.size(limit)), the limit (raise it with --max-file-size)", path: archive.path)
        }
        if produced > ratioFreeSize, produced / maxRatio > entry.compressedSize {
            throw Diagnostic(.error, "part \(entry.name) unpacks at more than \(maxRatio):1 (zip bomb)", path: archive.path)
        }
    }

    private static func inflate(
        _ entry: ZipArchive.Entry, range: Range<Int>, archive: ZipArchive, limit: Int, _ body: (UnsafeBufferPointer<UInt8>) throws(Diagnostic) -> Void
    ) throws(Diagnostic) {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Diagnostic(.error, "part \(entry.name) could not be unpacked: zlib did not start", path: archive.path)
        }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: chunkSize)
        var produced = 0
        var crc = crc32(0, nil, 0)
        let damaged = Diagnostic(.error, "part \(entry.name) is damaged: its deflated data does not unpack", path: archive.path)
        try archive.bytes.withUnsafeBufferPointer { (input) throws(Diagnostic) in
            guard let base = input.baseAddress else { throw damaged }
            stream.next_in = UnsafeMutablePointer(mutating: base + range.lowerBound)
            stream.avail_in = UInt32(range.count)
            var finished = false
            while !finished {
                let (status, count) = output.withUnsafeMutableBufferPointer { out -> (Int32, Int) in
                    guard let o = out.baseAddress else { return (Z_MEM_ERROR, 0) }
                    stream.next_out = o
                    stream.avail_out = UInt32(out.count)
                    let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    return (status, out.count - Int(stream.avail_out))
                }
                switch status {
                case Z_STREAM_END: finished = true
                case Z_OK: break
                case Z_BUF_ERROR where count > 0: break
                default: throw damaged
                }
                if count == 0, !finished { throw damaged }
                produced += count
                try check(entry, produced: produced, archive: archive, limit: limit)
                if produced > entry.uncompressedSize {
                    // A directory that understates a part's size is how a bomb passes the
                    // check on declared sizes: stop at the first byte past it.
                    throw Diagnostic(
                        .error,
                        "part \(entry.name) unpacks to more than the \(FileSystem.size(entry.uncompressedSize)) the archive declares for it (a forged size, as zip bombs use)",
                        path: archive.path)
                }
                try output.withUnsafeBufferPointer { (chunk) throws(Diagnostic) in
                    let piece = UnsafeBufferPointer(rebasing: chunk[0..<count])
                    if let p = piece.baseAddress { crc = crc32(crc, p, UInt32(count)) }
                    try body(piece)
                }
            }
        }
        if UInt32(truncatingIfNeeded: crc) != entry.crc {
            throw Diagnostic(.error, "part \(entry.name) is damaged: its checksum does not match", path: archive.path)
        }
    }
}

/// Raw deflate with zlib, for writing ZIP parts (and for tests that build archives in memory).
package final class Deflater {
    private var stream = z_stream()
    private var started = false

    /// - Parameter level: zlib's compression level, 0 to 9.
    package init(level: Int32 = 6) {
        started = deflateInit2_(&stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK
    }

    deinit {
        if started { deflateEnd(&stream) }
    }

    /// Compresses `bytes`, returning what deflate wrote.
    ///
    /// - Parameter flush: `.full` ends on a byte boundary with no reference to earlier data (so the
    ///   same input gives the same output again), `.finish` ends the stream.
    package func compress(_ bytes: [UInt8], flush: Flush = .none) -> [UInt8] {
        guard started else { return [] }
        var result: [UInt8] = []
        var input = bytes
        var output = [UInt8](repeating: 0, count: 64 << 10)
        let mode: Int32
        switch flush {
        case .none: mode = Z_NO_FLUSH
        case .full: mode = Z_FULL_FLUSH
        case .finish: mode = Z_FINISH
        }
        input.withUnsafeMutableBufferPointer { inBuffer in
            stream.next_in = inBuffer.baseAddress
            stream.avail_in = UInt32(inBuffer.count)
            while true {
                let (status, count, room) = output.withUnsafeMutableBufferPointer { out -> (Int32, Int, UInt32) in
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(out.count)
                    let status = deflate(&stream, mode)
                    return (status, out.count - Int(stream.avail_out), stream.avail_out)
                }
                result.append(contentsOf: output[0..<count])
                if status == Z_STREAM_END || status < 0 && status != Z_BUF_ERROR { break }
                if room > 0, stream.avail_in == 0 { break }
            }
        }
        return result
    }

    package enum Flush {
        case none, full, finish
    }

    /// The CRC-32 of `bytes`, continuing from `crc`.
    package static func crc32(_ bytes: [UInt8], continuing crc: UInt32 = 0) -> UInt32 {
        bytes.withUnsafeBufferPointer { b in
            UInt32(truncatingIfNeeded: CZlib.crc32(UInt(crc), b.baseAddress, UInt32(b.count)))
        }
    }
}
