/// Path patterns of config files: `*` any run of characters but `/`, `**` any number of
/// folders, `?` one character, `[abc]` a set; matched against paths relative to the config's
/// folder, with `/` separators.
public struct PathPattern: Sendable, Hashable, CustomStringConvertible {
    public let text: String
    private let parts: [String]

    public init(_ text: String) {
        var cleaned = text
        while cleaned.hasPrefix("./") { cleaned.removeFirst(2) }
        self.text = text
        parts = cleaned.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    public var description: String { text }

    public func matches(_ path: String) -> Bool {
        var cleaned = path
        while cleaned.hasPrefix("./") { cleaned.removeFirst(2) }
        let segments = cleaned.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        return Self.match(parts[...], segments[...])
    }

    private static func match(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            let rest = pattern.dropFirst()
            var tail = path
            while true {
                if match(rest, tail) { return true }
                guard !tail.isEmpty else { return false }
                tail = tail.dropFirst()
            }
        }
        guard let segment = path.first, segmentMatches(first, segment) else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    /// Shell-style matching of one path segment.
    static func segmentMatches(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern), t = Array(text)
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count, p[pi] == "[", let close = p[pi...].firstIndex(of: "]"), close > pi + 1 {
                let set = p[(pi + 1)..<close]
                let negate = set.first == "!" || set.first == "^"
                var hit = false
                var k = set.startIndex + (negate ? 1 : 0)
                while k < set.endIndex {
                    if k + 2 < set.endIndex, set[k + 1] == "-" {
                        if set[k] <= t[ti], t[ti] <= set[k + 2] { hit = true }
                        k += 3
                    } else {
                        if set[k] == t[ti] { hit = true }
                        k += 1
                    }
                }
                if hit != negate {
                    pi = close + 1
                    ti += 1
                    continue
                }
            } else if pi < p.count, p[pi] == "?" || p[pi] == t[ti] {
                pi += 1
                ti += 1
                continue
            } else if pi < p.count, p[pi] == "*" {
                star = pi
                mark = ti
                pi += 1
                continue
            }
            if star >= 0 {
                pi = star + 1
                mark += 1
                ti = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
