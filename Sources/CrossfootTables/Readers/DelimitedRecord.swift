import CrossfootBase
import CrossfootRules

/// Tokenising one record of a delimited file (CSV) on bytes.
public enum DelimitedRecord {
    /// The span of field `field` (0-based) of the record starting at `recordStart`: inside the
    /// quotes for a quoted field, empty at the field's start when the record is shorter.
    public static func fieldSpan(in bytes: [UInt8], recordStart: Int, field: Int, delimiter: UInt8, loneCarriageReturns: Bool = false) -> Range<Int> {
        var i = recordStart
        var index = 0
        let n = bytes.count
        while true {
            let start = i
            var end = i
            var quoted = false
            if i < n, bytes[i] == 0x22 {
                quoted = true
                i = closingQuote(bytes, from: i + 1)
                end = i
                if i < n { i += 1 }
                i = fieldEnd(bytes, from: i, delimiter: delimiter, loneCarriageReturns: loneCarriageReturns)
            } else {
                i = fieldEnd(bytes, from: i, delimiter: delimiter, loneCarriageReturns: loneCarriageReturns)
                end = i
            }
            if index == field {
                return quoted ? (start + 1)..<end : start..<end
            }
            guard i < n, bytes[i] == delimiter else {
                return i..<i
            }
            i += 1
            index += 1
        }
    }

    /// The text of a field's content, with doubled quotes undone.
    public static func unquote(_ slice: ArraySlice<UInt8>) -> String {
        var previousQuote = false
        var doubled = false
        for byte in slice {
            if byte == 0x22, previousQuote {
                doubled = true
                break
            }
            previousQuote = byte == 0x22
        }
        guard doubled else { return String(decoding: slice, as: UTF8.self) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(slice.count)
        var skip = false
        for byte in slice {
            if byte == 0x22, skip {
                skip = false
                continue
            }
            skip = byte == 0x22
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Where the record starting at `recordStart` ends: its line break outside quotes, or the end.
    /// Fields are found as the reader finds them, so the record holds every byte of its cells.
    public static func recordEnd(in bytes: [UInt8], recordStart: Int, delimiter: UInt8, loneCarriageReturns: Bool = false) -> Int {
        var i = recordStart
        let n = bytes.count
        while true {
            if i < n, bytes[i] == 0x22 {
                i = closingQuote(bytes, from: i + 1)
                if i < n { i += 1 }
            }
            i = fieldEnd(bytes, from: i, delimiter: delimiter, loneCarriageReturns: loneCarriageReturns)
            guard i < n, bytes[i] == delimiter else { return i }
            i += 1
        }
    }

    /// The closing quote of a quoted field whose content starts at `start` (doubled quotes are
    /// content), or the end of the bytes.
    @inline(__always)
    package static func closingQuote(_ bytes: [UInt8], from start: Int) -> Int {
        var i = start
        let n = bytes.count
        while i < n {
            if bytes[i] == 0x22 {
                if i + 1 < n, bytes[i + 1] == 0x22 {
                    i += 2
                    continue
                }
                return i
            }
            i += 1
        }
        return n
    }

    /// Where an unquoted field (or what follows a quoted one's closing quote) ends: at the
    /// delimiter or the line break. Only a line feed breaks a line (a CR before it is trimmed
    /// with the cell), unless the file's lines end with lone CRs; a lone CR in a file of line
    /// feeds is part of its cell, as the reader reads it.
    @inline(__always)
    package static func fieldEnd(_ bytes: [UInt8], from start: Int, delimiter: UInt8, loneCarriageReturns: Bool) -> Int {
        var i = start
        let n = bytes.count
        while i < n {
            let c = bytes[i]
            if c == delimiter || c == 0x0A { return i }
            if c == 0x0D, loneCarriageReturns || (i + 1 < n && bytes[i + 1] == 0x0A) { return i }
            i += 1
        }
        return n
    }

    /// The spans of every field of the record starting at `recordStart`, found in one pass.
    public static func fieldSpans(in bytes: [UInt8], recordStart: Int, delimiter: UInt8, loneCarriageReturns: Bool = false) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var i = recordStart
        let n = bytes.count
        while true {
            let start = i
            if i < n, bytes[i] == 0x22 {
                i = closingQuote(bytes, from: i + 1)
                spans.append((start + 1)..<min(i, n))
                if i < n { i += 1 }
                i = fieldEnd(bytes, from: i, delimiter: delimiter, loneCarriageReturns: loneCarriageReturns)
            } else {
                i = fieldEnd(bytes, from: i, delimiter: delimiter, loneCarriageReturns: loneCarriageReturns)
                spans.append(start..<i)
            }
            guard i < n, bytes[i] == delimiter else { return spans }
            i += 1
        }
    }
}
