import CrossfootBase
import CrossfootEngine
import CrossfootReports
import CrossfootRules
import CrossfootTables

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
        guard let segment = path.first, Glob.matches(first, segment) else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }
}
