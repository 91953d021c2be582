import CrossfootBase

/// A finding a reviewer waived, and why.
public struct AcceptedFinding: Sendable {
    public var finding: Finding
    public var reason: String

    public init(finding: Finding, reason: String) {
        self.finding = finding
        self.reason = reason
    }
}
