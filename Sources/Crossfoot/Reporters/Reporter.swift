/// Turns a lint run into text in one output format.
public protocol Reporter {
    /// The complete output for `run`.
    func render(_ run: Linter.Run) -> String
}

/// The output formats, by the name `--format` takes.
public enum OutputFormat: String, Sendable, CaseIterable {
    case text, json

    public func reporter(color: Bool = false) -> any Reporter {
        switch self {
        case .text: TextReporter(color: color)
        case .json: JSONReporter()
        }
    }
}

/// The tool's name and version, as reports carry them.
public enum CrossfootVersion {
    public static let name = "crossfoot"
    public static let version = "0.1.0"
    public static let informationURI = "https://github.com/crossfoot/crossfoot"
}

extension Linter.Run {
    /// Findings per rule id: every loaded rule (0 when it found nothing) and every reader rule
    /// that fired, sorted by id.
    public var countsByRule: [(rule: String, count: Int)] {
        var counts: [String: Int] = [:]
        for id in ruleIDs { counts[id] = 0 }
        for finding in findings { counts[finding.rule, default: 0] += 1 }
        return counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// `0 errors, 6 warnings, 2 infos in 1 file; 91 rows checked by 12 rules`.
    public var summaryLine: String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        var line = "\(plural(count(.error), "error")), \(plural(count(.warning), "warning")), \(plural(count(.info), "info")) in \(plural(files.count, "file"))"
        line += "; \(plural(rows, "row")) checked by \(plural(ruleCount, "rule"))"
        if !inputErrors.isEmpty {
            line += "; \(plural(inputErrors.count, "input")) could not be read"
        }
        return line
    }
}
