/// Collects diagnostics, caps how many are kept per file, and hands them back sorted by position.
public struct DiagnosticBag: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []
    /// How many diagnostics were dropped because of the cap.
    public private(set) var dropped = 0
    public let capPerFile: Int
    private var countByPath: [String: Int] = [:]

    public init(capPerFile: Int = 100) {
        self.capPerFile = capPerFile
    }

    public var hasErrors: Bool { diagnostics.contains { $0.level == .error } }
    public var isEmpty: Bool { diagnostics.isEmpty }

    public mutating func append(_ diagnostic: Diagnostic) {
        let count = countByPath[diagnostic.path, default: 0]
        guard count < capPerFile else {
            dropped += 1
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

    /// The diagnostics by file, line and column; those without a line come first in their file.
    public var sorted: [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            let ka = (a.element.path, a.element.location?.line ?? 0, a.element.location?.column ?? 0, a.offset)
            let kb = (b.element.path, b.element.location?.line ?? 0, b.element.location?.column ?? 0, b.offset)
            return ka < kb
        }.map(\.element)
    }
}
