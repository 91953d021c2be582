import CrossfootBase
import CrossfootRules

/// A finding a reviewer has waived, with the reason in writing.
public struct Acceptance: Sendable {
    public var rule: Located<String>
    public var condition: ExpressionSource?
    public var reason: String
    public var location: SourceLocation

    public init(rule: Located<String>, condition: ExpressionSource?, reason: String, location: SourceLocation) {
        self.rule = rule
        self.condition = condition
        self.reason = reason
        self.location = location
    }
}
