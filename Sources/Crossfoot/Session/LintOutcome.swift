import CrossfootBase
import CrossfootEngine
import CrossfootReports
import CrossfootRules

/// Everything one lint session gave: what to tell the user, the result the reports render,
/// what to write where, and the exit code with its reasons.
public struct LintOutcome: Sendable {
    /// What to tell the user before the reports are written, in order.
    public var messages: [SessionMessage] = []
    /// The findings as shown, with what was accepted, baselined, hidden and left unlisted;
    /// `nil` when the session stopped before linting (an error in the rules or the config).
    public var result: LintResult?
    /// What the reports need beyond the result: repository paths, schemas, the gate's severity.
    public var context = ReportContext()
    /// What to write, in order: the main report, `--report` files, the config's reports.
    public var outputs: [Output] = []
    /// What to tell the user once every output is written.
    public var closingMessages: [SessionMessage] = []
    /// 0 no finding at or above `fail-on`, 1 there are (or another gate failed), 2 usage,
    /// rule-file or config error, 3 an input could not be read.
    public var exitCode: Int32 = LintOutcome.clean
    /// Why the run fails, in words: one line per gate that failed.
    public var reasons: [String] = []

    public static let clean: Int32 = 0
    public static let findings: Int32 = 1
    public static let usage: Int32 = 2
    public static let unreadable: Int32 = 3

    /// One thing to write.
    public struct Output: Sendable {
        public enum Destination: Sendable, Equatable {
            case standardOutput
            case file(String)
            /// Added to the end of the file (a GitHub step summary).
            case appending(String)
        }

        public enum Content: Sendable {
            case report(any Reporter)
            case baseline(Baseline)
        }

        public var destination: Destination
        public var content: Content
        /// The folder to make first, for report files.
        public var makesFolder: Bool

        /// The bytes to write, in pieces.
        public func render(_ result: LintResult) -> [[UInt8]] {
            switch content {
            case .report(let reporter): reporter.renderParts(result)
            case .baseline(let baseline): [baseline.json()]
            }
        }
    }

    /// Writes every output through `standardOutput` and the file system.
    ///
    /// - Throws: the first write that failed, as a diagnostic naming the file.
    public func write(standardOutput: ([[UInt8]]) -> Void) throws(Diagnostic) {
        guard let result else { return }
        for output in outputs {
            let parts = output.render(result)
            switch output.destination {
            case .standardOutput: standardOutput(parts)
            case .file(let path):
                if output.makesFolder { try FileSystem.makeDirectory(FileSystem.folder(of: path)) }
                try FileSystem.write(parts: parts, to: path)
            case .appending(let path): try FileSystem.append(parts.flatMap { $0 }, to: path)
            }
        }
    }
}
