/// Collects diagnostics, caps how many are kept per file, and hands them back sorted by position.
///
/// What the cap leaves out is not lost silently: `sorted` ends each capped file with a note
/// counting it, such as `rules.yaml: note: 30 more errors not shown`.
public struct DiagnosticBag: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []
    public let capPerFile: Int
    /// Every error appended, kept or dropped: a file whose errors are not all shown still failed.
    public private(set) var errorCount = 0
    /// Every error appended, kept or dropped, by file.
    public private(set) var errorCountByPath: [String: Int] = [:]
    private var countByPath: [String: Int] = [:]
    /// How many diagnostics the cap dropped, by file and level.
    private var droppedByPath: [String: [Diagnostic.Level: Int]] = [:]

    public init(capPerFile: Int = 100) {
        self.capPerFile = capPerFile
    }

    public var isEmpty: Bool { diagnostics.isEmpty }

    /// How many diagnostics were dropped because of the cap, in every file.
    public var dropped: Int { droppedByPath.values.reduce(0) { $0 + $1.values.reduce(0, +) } }

    public mutating func append(_ diagnostic: Diagnostic) {
        if diagnostic.level == .error {
            errorCount += 1
            errorCountByPath[diagnostic.path, default: 0] += 1
        }
        let count = countByPath[diagnostic.path, default: 0]
        guard count < capPerFile else {
            droppedByPath[diagnostic.path, default: [:]][diagnostic.level, default: 0] += 1
            return
        }
        countByPath[diagnostic.path] = count + 1
        diagnostics.append(diagnostic)
    }

    public mutating func append(contentsOf list: [Diagnostic]) {
        for diagnostic in list { append(diagnostic) }
    }

    public mutating func error(_ message: String, at location: SourceLocation) {
        append(.error(message, at: location))
    }

    /// The diagnostics by file, line and column; those without a line come first in their file,
    /// and a file the cap cut short ends with a note saying how many more there were.
    public var sorted: [Diagnostic] {
        let kept = diagnostics.enumerated().sorted { a, b in
            let ka = (a.element.path, a.element.location?.line ?? 0, a.element.location?.column ?? 0, a.offset)
            let kb = (b.element.path, b.element.location?.line ?? 0, b.element.location?.column ?? 0, b.offset)
            return ka < kb
        }.map(\.element)
        guard !droppedByPath.isEmpty else { return kept }
        let notes = droppedByPath.keys.sorted().map { Self.note(path: $0, dropped: droppedByPath[$0] ?? [:]) }
        var result: [Diagnostic] = []
        result.reserveCapacity(kept.count + notes.count)
        var next = 0
        for diagnostic in kept {
            // A file's note goes after its last kept diagnostic, before the next file's first.
            while next < notes.count, notes[next].path < diagnostic.path {
                result.append(notes[next])
                next += 1
            }
            result.append(diagnostic)
        }
        result += notes[next...]
        return result
    }

    /// `N more errors not shown`, naming warnings and notes too when the cap dropped some.
    private static func note(path: String, dropped: [Diagnostic.Level: Int]) -> Diagnostic {
        let parts: [String] = [(Diagnostic.Level.error, "error"), (.warning, "warning"), (.note, "note")].compactMap { level, word in
            guard let n = dropped[level], n > 0 else { return nil }
            return "\(n) more \(word)\(n == 1 ? "" : "s")"
        }
        return Diagnostic(.note, parts.joined(separator: " and ") + " not shown", path: path)
    }
}
