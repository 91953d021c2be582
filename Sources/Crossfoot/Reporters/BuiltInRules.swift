/// The rules readers apply while reading, described like pack rules for reports that list rules.
public enum BuiltInRules {
    public struct Description: Sendable {
        public var id: String
        public var severity: Severity
        public var summary: String
    }

    public static let all: [Description] = [
        Description(id: "report-year", severity: .warning, summary: "A column header's year (Actual (2023)) differs from the report's year."),
        Description(id: "report-layout", severity: .warning, summary: "A table row of a report has no indicator title above it, so it cannot be checked."),
        Description(id: "ragged-row", severity: .error, summary: "A CSV row has more or fewer fields than the header."),
        Description(id: "duplicate-column", severity: .error, summary: "A CSV header names a column twice; rules see only the first."),
    ]

    public static func named(_ id: String) -> Description? { all.first { $0.id == id } }
}

extension Severity {
    /// The SARIF level: error, warning or note.
    var sarifLevel: String {
        switch self {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }
}

/// Hashes for fingerprints that stay the same from run to run.
enum StableHash {
    static func fnv1a(_ text: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
