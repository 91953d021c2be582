/// Text helpers that need no Foundation.
extension String {
    /// Every occurrence of `target` replaced, without Foundation.
    package func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        result += rest
        return result
    }

    /// The string without leading and trailing spaces, tabs and no-break spaces.
    package var trimmingSpaces: String {
        let bytes = utf8
        guard let first = bytes.first, let last = bytes.last else { return self }
        func isSpaceByte(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A || b == 0xA0 || b == 0xC2 }
        // Fast path: nothing to trim.
        if !isSpaceByte(first), !isSpaceByte(last) { return self }
        var copy = self
        return copy.withUTF8 { buffer in
            var s = 0
            var e = buffer.count
            CellText.trim(buffer, &s, &e)
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[s..<e]), as: UTF8.self)
        }
    }

    /// The text with its first letter in capitals.
    package func capitalized(first: Bool) -> String {
        guard first, let c = self.first else { return self }
        return c.uppercased() + dropFirst()
    }

    /// The string trimmed, with every run of spaces and tabs one space.
    package var collapsingSpaces: String {
        // Most text has single spaces already and nothing to trim: leave it as it is.
        var previousSpace = true
        var clean = true
        for b in utf8 {
            let space = b == 0x20
            if (space && previousSpace) || b == 0x09 || b == 0x0D || b == 0x0A || b == 0xC2 {
                clean = false
                break
            }
            previousSpace = space
        }
        if clean, utf8.last != 0x20 { return self }
        return split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" || $0 == "\u{A0}" }).joined(separator: " ")
    }
}
