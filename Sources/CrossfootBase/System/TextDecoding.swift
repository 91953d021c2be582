/// Makes input bytes into UTF-8 text the readers can trust, or says precisely why not.
public enum TextDecoding {
    /// UTF-8 as it is; UTF-16 and UTF-32 with a byte-order mark converted to UTF-8 (spreadsheets
    /// save "Unicode text" that way).
    ///
    /// - Throws: a `Diagnostic` at the first NUL byte (binary content) or invalid UTF-8 sequence.
    public static func utf8(_ bytes: [UInt8], path: String) throws(Diagnostic) -> [UInt8] {
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return try convert(bytes.dropFirst(4), width: 4, bigEndian: false, path: path) }
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return try convert(bytes.dropFirst(4), width: 4, bigEndian: true, path: path) }
        if bytes.starts(with: [0xFF, 0xFE]) { return try convert(bytes.dropFirst(2), width: 2, bigEndian: false, path: path) }
        if bytes.starts(with: [0xFE, 0xFF]) { return try convert(bytes.dropFirst(2), width: 2, bigEndian: true, path: path) }
        if let bad = firstInvalid(bytes) {
            let file = SourceFile(path: path, bytes: Array(bytes[..<bad]))
            let location = file.location(ofOffset: bad)
            if bytes[bad] == 0 {
                throw Diagnostic.error("the file holds a NUL byte: it is binary, not text", at: location)
            }
            throw Diagnostic.error("invalid UTF-8 (byte 0x\(String(bytes[bad], radix: 16, uppercase: true))); save the file as UTF-8", at: location)
        }
        return bytes
    }

    /// The offset of the first NUL byte or invalid UTF-8 sequence, if any.
    package static func firstInvalid(_ bytes: [UInt8]) -> Int? {
        firstInvalid(bytes, from: 0, to: bytes.count, final: true)
    }

    /// The same, in `bytes[from..<to]`; unless `final`, a sequence cut off at `to` is not an error.
    package static func firstInvalid(_ bytes: [UInt8], from: Int, to: Int, final: Bool) -> Int? {
        bytes.withUnsafeBufferPointer { b -> Int? in
            guard let base = b.baseAddress else { return nil }
            var i = from
            let n = to
            while i < n {
                // Thirty-two ASCII bytes at a time: no high bit and no zero byte.
                while i + 32 <= n {
                    let p = UnsafeRawPointer(base + i)
                    let w0 = p.loadUnaligned(as: UInt64.self)
                    let w1 = p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                    let w2 = p.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
                    let w3 = p.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
                    let high = (w0 | w1 | w2 | w3) & 0x8080_8080_8080_8080
                    let l: UInt64 = 0x0101_0101_0101_0101
                    let zero = ((w0 &- l) & ~w0) | ((w1 &- l) & ~w1) | ((w2 &- l) & ~w2) | ((w3 &- l) & ~w3)
                    if high != 0 || zero & 0x8080_8080_8080_8080 != 0 { break }
                    i += 32
                }
                if i >= n { break }
                // Eight ASCII bytes at a time: no high bit and no zero byte.
                if i + 8 <= n {
                    let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    let hasZero = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
                    if word & 0x8080_8080_8080_8080 == 0, hasZero == 0 {
                        i += 8
                        continue
                    }
                }
                let c = b[i]
                if c < 0x80 {
                    if c == 0 { return i }
                    i += 1
                    continue
                }
                let length: Int
                var minimum: UInt32
                if c & 0xE0 == 0xC0 {
                    length = 2
                    minimum = 0x80
                } else if c & 0xF0 == 0xE0 {
                    length = 3
                    minimum = 0x800
                } else if c & 0xF8 == 0xF0 {
                    length = 4
                    minimum = 0x10000
                } else {
                    return i
                }
                guard i + length <= n else { return final ? i : nil }
                var value = UInt32(c) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                for k in 1..<length {
                    let next = b[i + k]
                    guard next & 0xC0 == 0x80 else { return i }
                    value = value << 6 | UInt32(next & 0x3F)
                }
                if value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF) { return i }
                minimum = 0
                i += length
            }
            return nil
        }
    }

    private static func convert(_ body: ArraySlice<UInt8>, width: Int, bigEndian: Bool, path: String) throws(Diagnostic) -> [UInt8] {
        var units: [UInt32] = []
        let bytes = Array(body)
        guard bytes.count % width == 0 else {
            throw Diagnostic(.error, "the file starts with a UTF-\(width * 8) byte-order mark but its length is not a whole number of characters", path: path)
        }
        var i = 0
        while i < bytes.count {
            var v: UInt32 = 0
            for k in 0..<width {
                let byte = UInt32(bytes[i + (bigEndian ? k : width - 1 - k)])
                v = v << 8 | byte
            }
            units.append(v)
            i += width
        }
        var scalars = String.UnicodeScalarView()
        if width == 2 {
            var iterator = units.map { UInt16(truncatingIfNeeded: $0) }.makeIterator()
            var decoder = UTF16()
            loop: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let s): scalars.append(s)
                case .emptyInput: break loop
                case .error: throw Diagnostic(.error, "invalid UTF-16 text", path: path)
                }
            }
        } else {
            for u in units {
                guard let s = Unicode.Scalar(u) else { throw Diagnostic(.error, "invalid UTF-32 text", path: path) }
                scalars.append(s)
            }
        }
        let text = String(scalars)
        if text.utf8.contains(0) {
            throw Diagnostic(.error, "the file holds a NUL character: it is binary, not text", path: path)
        }
        return Array(text.utf8)
    }
}
