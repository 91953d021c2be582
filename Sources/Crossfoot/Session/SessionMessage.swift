import CrossfootBase

/// A line a lint session has for the person running it, in the order it arose: a diagnostic
/// (`file:line:column: error: …`) or a sentence of its own (`wrote …`).
///
/// The command line prints them on standard error; a program may show them as it likes.
public enum SessionMessage: Sendable, Equatable {
    case diagnostic(Diagnostic)
    case text(String)

    /// The line as the command line prints it.
    public var description: String {
        switch self {
        case .diagnostic(let diagnostic): diagnostic.description
        case .text(let text): text
        }
    }
}
