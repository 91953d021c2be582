import CrossfootBase

/// The entries of a ZIP archive held in memory, found through its central directory.
///
/// Only what an XLSX workbook uses is read: stored (method 0) and deflated (method 8) entries.
/// ZIP64 archives, encrypted entries and other methods are refused with a diagnostic naming the
/// file, rather than read wrongly. Entry data is not copied: `Inflate` reads it from `bytes`.
struct ZipArchive {
    /// One file of the archive, as its central directory describes it.
    struct Entry {
        /// The name as written in the archive (`xl/worksheets/sheet1.xml`).
        var name: String
        var method: UInt16
        var flags: UInt16
        /// The CRC-32 of the uncompressed data.
        var crc: UInt32
        var compressedSize: Int
        /// The size the directory declares; the inflated data is checked against the limits
        /// whatever it says.
        var uncompressedSize: Int
        var localHeaderOffset: Int
    }

    let path: String
    let bytes: [UInt8]
    /// Entries by their name in lower case (names in an OPC package are case-insensitive).
    private(set) var entries: [String: Entry] = [:]

    private static let endSignature: UInt32 = 0x0605_4B50
    private static let zip64LocatorSignature: UInt32 = 0x0706_4B50
    private static let centralSignature: UInt32 = 0x0201_4B50
    private static let localSignature: UInt32 = 0x0403_4B50

    /// Whether the bytes start like a ZIP archive (a local file header).
    static func looksLikeZip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4B && bytes[2] == 0x03 && bytes[3] == 0x04
    }

    /// Reads the central directory.
    ///
    /// - Throws: a `Diagnostic` naming the file when the archive has no end record, is ZIP64, or
    ///   its directory points outside the file.
    init(path: String, bytes: [UInt8]) throws(Diagnostic) {
        self.path = path
        self.bytes = bytes
        guard let end = Self.findEnd(bytes) else {
            throw Diagnostic(.error, "not a readable ZIP archive: its end-of-central-directory record is missing (a truncated or damaged file?)", path: path)
        }
        if end >= 20, Self.uint32(bytes, end - 20) == Self.zip64LocatorSignature {
            throw Diagnostic(.error, "a ZIP64 archive, which Crossfoot does not read (save the workbook again from a spreadsheet program)", path: path)
        }
        let count = Int(Self.uint16(bytes, end + 10))
        let size = Int(Self.uint32(bytes, end + 12))
        let offset = Int(Self.uint32(bytes, end + 16))
        if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
            throw Diagnostic(.error, "a ZIP64 archive, which Crossfoot does not read (save the workbook again from a spreadsheet program)", path: path)
        }
        guard offset <= end, size <= end - offset else {
            throw Diagnostic(.error, "not a readable ZIP archive: its central directory lies outside the file", path: path)
        }
        var i = offset
        for _ in 0..<count {
            guard i + 46 <= offset + size, Self.uint32(bytes, i) == Self.centralSignature else {
                throw Diagnostic(.error, "not a readable ZIP archive: its central directory is damaged", path: path)
            }
            let nameLength = Int(Self.uint16(bytes, i + 28))
            let extraLength = Int(Self.uint16(bytes, i + 30))
            let commentLength = Int(Self.uint16(bytes, i + 32))
            guard i + 46 + nameLength <= bytes.count else {
                throw Diagnostic(.error, "not a readable ZIP archive: its central directory is damaged", path: path)
            }
            let name = String(decoding: bytes[(i + 46)..<(i + 46 + nameLength)], as: UTF8.self)
            let entry = Entry(
                name: name, method: Self.uint16(bytes, i + 10), flags: Self.uint16(bytes, i + 8), crc: Self.uint32(bytes, i + 16),
                compressedSize: Int(Self.uint32(bytes, i + 20)),
                uncompressedSize: Int(Self.uint32(bytes, i + 24)), localHeaderOffset: Int(Self.uint32(bytes, i + 42)))
            if entry.compressedSize == 0xFFFF_FFFF || entry.uncompressedSize == 0xFFFF_FFFF || entry.localHeaderOffset == 0xFFFF_FFFF {
                throw Diagnostic(.error, "a ZIP64 archive, which Crossfoot does not read (save the workbook again from a spreadsheet program)", path: path)
            }
            entries[name.lowercased()] = entry
            i += 46 + nameLength + extraLength + commentLength
        }
    }

    /// The entry named `name` (compared without regard to case), if there is one.
    func entry(_ name: String) -> Entry? {
        entries[name.lowercased()]
    }

    /// Where an entry's data lies in the archive.
    ///
    /// - Throws: a `Diagnostic` naming the part when it is encrypted, uses a method other than
    ///   stored or deflate, or its data lies outside the file.
    func dataRange(of entry: Entry) throws(Diagnostic) -> Range<Int> {
        if entry.flags & 1 != 0 {
            throw Diagnostic(.error, "part \(entry.name) is encrypted: save the workbook without a password to check it", path: path)
        }
        guard entry.method == 0 || entry.method == 8 else {
            throw Diagnostic(
                .error, "part \(entry.name) is compressed with method \(entry.method), which Crossfoot does not read (only stored and deflate)", path: path)
        }
        let h = entry.localHeaderOffset
        guard h <= bytes.count - 30, Self.uint32(bytes, h) == Self.localSignature else {
            throw Diagnostic(.error, "not a readable ZIP archive: the local header of part \(entry.name) is missing", path: path)
        }
        let start = h + 30 + Int(Self.uint16(bytes, h + 26)) + Int(Self.uint16(bytes, h + 28))
        guard start <= bytes.count, entry.compressedSize <= bytes.count - start else {
            throw Diagnostic(.error, "not a readable ZIP archive: part \(entry.name) runs past the end of the file", path: path)
        }
        return start..<(start + entry.compressedSize)
    }

    /// The offset of the end-of-central-directory record, searched back from the end over at
    /// most a maximal comment.
    private static func findEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 22 else { return nil }
        var i = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        while i >= lowest {
            if bytes[i] == 0x50, uint32(bytes, i) == endSignature { return i }
            i -= 1
        }
        return nil
    }

    static func uint16(_ b: [UInt8], _ i: Int) -> UInt16 {
        guard i >= 0, i + 2 <= b.count else { return 0 }
        return UInt16(b[i]) | UInt16(b[i + 1]) << 8
    }

    static func uint32(_ b: [UInt8], _ i: Int) -> UInt32 {
        guard i >= 0, i + 4 <= b.count else { return 0 }
        return UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }
}
