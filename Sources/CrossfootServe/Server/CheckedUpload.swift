import Crossfoot

/// One upload's lint, kept for its result page and downloads: the result with every path
/// turned back into the name the file was uploaded under, and what the session said.
public struct CheckedUpload: Sendable {
    /// A server-made id (128 random bits, hex), the only thing a URL names.
    public var id: String
    /// When it was made, in seconds since the server started (for expiry).
    public var made: Double
    /// `nil` when nothing was linted (the rule file did not compile).
    public var result: LintResult?
    public var context: ReportContext
    /// The session's messages (rule-file errors at line and column, unreadable inputs), with
    /// uploaded names for paths.
    public var messages: [SessionMessage]
    /// The uploaded names, in upload order, as the result's paths.
    public var names: [String]
    /// The uploaded rule file's name, if one came.
    public var ruleFile: String?
}
