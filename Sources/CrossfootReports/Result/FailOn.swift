import CrossfootBase

/// The lowest severity that fails the run.
public enum FailOn: String, Sendable, CaseIterable {
    case error, warning, info, never

    public func fails(_ severity: Severity) -> Bool {
        switch self {
        case .error: severity == .error
        case .warning: severity != .info
        case .info: true
        case .never: false
        }
    }
}
