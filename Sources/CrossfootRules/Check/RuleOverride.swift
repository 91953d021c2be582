import CrossfootBase

/// A rule's settings changed by the config.
public struct RuleOverride: Sendable {
    public var id: Located<String>
    public var severity: Located<Severity>?
    public var enabled: Located<Bool>?
    /// The check's key and a mapping of the settings it changes, e.g. `change: {max_drop: 40}`.
    public var check: YAMLNode.Pair?

    public init(id: Located<String>, severity: Located<Severity>? = nil, enabled: Located<Bool>? = nil, check: YAMLNode.Pair? = nil) {
        self.id = id
        self.severity = severity
        self.enabled = enabled
        self.check = check
    }
}
