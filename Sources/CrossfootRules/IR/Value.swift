import CrossfootBase

/// A value while evaluating IR for one row.
///
/// Numbers are intervals: a point normally, and the range of values a written number may stand
/// for when a comparison tolerates rounding.
public enum Value: Sendable, Hashable {
    case missing
    case bool(Bool)
    case number(Interval)
    case text(String)

    public var isMissing: Bool {
        if case .missing = self { return true }
        return false
    }

    public var interval: Interval? {
        if case .number(let i) = self { return i }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The value for a finding's `actual` / `expected`: a number's midpoint, or text.
    package var findingValue: Finding.Value {
        switch self {
        case .missing: return .missing
        case .bool(let b): return .text(b ? "true" : "false")
        case .number(let i): return .number(i.mid)
        case .text(let s): return .text(s)
        }
    }
}
