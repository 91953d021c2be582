internal import CZlib

/// A ZIP archive written in memory, its entries stored (not compressed), as an XLSX package
/// needs: a local header and the data for each entry, then the central directory. Entries carry
/// a fixed date (1980-01-01), so the same entries always make the same bytes.
package struct ZipWriter {
    private var bytes: [UInt8] = []
    private var directory: [UInt8] = []
    private var count = 0

    package init() {}

    /// Adds a file under `name` (`xl/workbook.xml`).
    package mutating func add(_ name: String, _ data: [UInt8]) {
        let crc = data.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
        let nameBytes = Array(name.utf8)
        let offset = bytes.count
        // Local file header, then its central directory record; both carry the same fields from
        // the flags to the name's length.
        append32(&bytes, 0x0403_4B50)
        append16(&bytes, 20)
        appendCommon(&bytes, crc: crc, size: data.count, nameLength: nameBytes.count)
        append16(&bytes, 0)
        bytes += nameBytes
        bytes += data
        append32(&directory, 0x0201_4B50)
        append16(&directory, 20)
        append16(&directory, 20)
        appendCommon(&directory, crc: crc, size: data.count, nameLength: nameBytes.count)
        append16(&directory, 0)
        append16(&directory, 0)
        append16(&directory, 0)
        append16(&directory, 0)
        append32(&directory, 0)
        append32(&directory, UInt32(truncatingIfNeeded: offset))
        directory += nameBytes
        count += 1
    }

    /// The archive: the entries, the central directory and its end record.
    package func finish() -> [UInt8] {
        var out = bytes + directory
        append32(&out, 0x0605_4B50)
        append16(&out, 0)
        append16(&out, 0)
        append16(&out, UInt16(truncatingIfNeeded: count))
        append16(&out, UInt16(truncatingIfNeeded: count))
        append32(&out, UInt32(truncatingIfNeeded: directory.count))
        append32(&out, UInt32(truncatingIfNeeded: bytes.count))
        append16(&out, 0)
        return out
    }

    /// Flags (UTF-8 names), method (stored), DOS time 0 and date 1980-01-01, the CRC, both sizes
    /// (the same: nothing is compressed) and the name's length.
    private func appendCommon(_ out: inout [UInt8], crc: UInt32, size: Int, nameLength: Int) {
        append16(&out, 0x0800)
        append16(&out, 0)
        append16(&out, 0)
        append16(&out, 0x0021)
        append32(&out, crc)
        append32(&out, UInt32(truncatingIfNeeded: size))
        append32(&out, UInt32(truncatingIfNeeded: size))
        append16(&out, UInt16(truncatingIfNeeded: nameLength))
    }

    private func append16(_ out: inout [UInt8], _ v: UInt16) {
        out.append(UInt8(v & 0xFF))
        out.append(UInt8(v >> 8))
    }

    private func append32(_ out: inout [UInt8], _ v: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8((v >> UInt32(shift)) & 0xFF)) }
    }
}
