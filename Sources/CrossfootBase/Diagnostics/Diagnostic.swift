/// A problem with a rule file or an input file, as opposed to a finding in the data.
///
/// Diagnostics are data: the library collects them and the command line renders them as
/// `file:line:column: error: message`.
public struct Diagnostic: Sendable, Hashable, Error, CustomStringConvertible {
    public enum Level: String, Sendable, Hashable, Comparable {
        case error, warning, note

        private var rank: Int {
            switch self {
            case .error: 0
            case .warning: 1
            case .note: 2
            }
        }

        public static func < (a: Level, b: Level) -> Bool { a.rank < b.rank }
    }

    public var level: Level
    public var message: String
    /// Where the problem is; `nil` when it concerns a file as a whole and no line applies.
    public var location: SourceLocation?
    /// The file concerned, even when no line applies.
    public var path: String

    public init(_ level: Level, _ message: String, at location: SourceLocation) {
        self.level = level
        self.message = DisplayText.escaped(message, keepingLineBreaksAndTabs: true)
        self.location = location
        self.path = location.path
    }

    public init(_ level: Level, _ message: String, path: String) {
        self.level = level
        self.message = DisplayText.escaped(message, keepingLineBreaksAndTabs: true)
        self.location = nil
        self.path = path
    }

    public static func error(_ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, message, at: location)
    }

    /// `path:line:column: level: message`, or `path: level: message` without a position.
    public var description: String {
        if let location {
            return "\(location): \(level.rawValue): \(message)"
        }
        return "\(path): \(level.rawValue): \(message)"
    }
}

/// Several diagnostics thrown together, for example every error of one rule file.
public struct DiagnosticList: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
