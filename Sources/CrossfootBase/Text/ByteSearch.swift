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
