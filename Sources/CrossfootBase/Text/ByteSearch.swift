extension Array where Element == UInt8 {
    /// The offset where `needle` first occurs at or after `start`.
    package func firstIndex(of needle: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= count else { return nil }
        var i = Swift.max(start, 0)
        let last = count - needle.count
        while i <= last {
            if self[i] == first {
                var j = 1
                while j < needle.count, self[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}

extension String.UTF8View {
    /// Whether the text holds the byte, looked for in the string's contiguous storage (a
    /// generic `contains` walks the view an index at a time).
    package func containsByte(_ byte: UInt8) -> Bool {
        withContiguousStorageIfAvailable { $0.contains(byte) } ?? contains(byte)
    }

    /// Whether the text holds `needle` (ASCII, lowercase), letters compared without regard to
    /// case; no string is made.
    package func containsIgnoringASCIICase(_ needle: StaticString) -> Bool {
        let n = needle.utf8CodeUnitCount
        guard n > 0, count >= n else { return n == 0 }
        // A native string's bytes are contiguous: scanned for the first letter, then compared.
        if let found = withContiguousStorageIfAvailable({ text in
            needle.withUTF8Buffer { pattern -> Bool in
                let first = pattern[0]
                let upper = first >= 0x61 && first <= 0x7A ? first - 0x20 : first
                var i = 0
                while i + n <= text.count {
                    let c = text[i]
                    if c == first || c == upper {
                        var k = 1
                        while k < n {
                            let t = text[i + k]
                            guard t == pattern[k] || (t >= 0x41 && t <= 0x5A && t | 0x20 == pattern[k]) else { break }
                            k += 1
                        }
                        if k == n { return true }
                    }
                    i += 1
                }
                return false
            }
        }) {
            return found
        }
        return needle.withUTF8Buffer { pattern in
            var found = false
            var window = self.startIndex
            var remaining = count - n
            while !found, remaining >= 0 {
                found = Self.matches(self[window...], pattern)
                window = index(after: window)
                remaining -= 1
            }
            return found
        }
    }

    /// Whether the text starts with `prefix` (ASCII, lowercase), letters compared without regard
    /// to case.
    package func starts(ignoringASCIICase prefix: StaticString) -> Bool {
        prefix.withUTF8Buffer { Self.matches(self[...], $0) }
    }

    private static func matches(_ text: Substring.UTF8View, _ pattern: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = text.startIndex
        for p in pattern {
            guard i < text.endIndex else { return false }
            let c = text[i]
            guard c == p || (c >= 0x41 && c <= 0x5A && c | 0x20 == p) else { return false }
            i = text.index(after: i)
        }
        return true
    }
}
