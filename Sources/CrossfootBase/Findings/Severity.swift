/// How serious a finding is.
public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable, Codable {
    case error, warning, info

    /// 0 for error, 1 for warning, 2 for info: lower is more severe.
    public var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .info: 2
        }
    }

    /// More severe sorts first.
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}
