import CrossfootBase
import CrossfootEngine
import CrossfootReports
import CrossfootTables

extension LintSession {
    /// What a lint is asked to do beyond the project config: the command line's `lint` options.
    public struct Options: Sendable {
        /// Files or folders; none means the config's include patterns, or the config's folder.
        public var paths: [String] = []
        /// Rule files or folders that replace the config's packs (`--rules`).
        public var rules: [String] = []
        /// Lint only the files changed since the merge base of this git ref and HEAD.
        public var since: String?
        /// Read every input as this format instead of detecting it.
        public var inputFormat: InputFormat?
        /// Threads for linting and for the JSON report; the output is the same for any number.
        public var jobs: Int = Linter.defaultJobs
        /// Record every finding in this baseline file instead of gating.
        public var writeBaseline: String?
        /// Fail when baseline entries no longer match a finding.
        public var failOnStale = false
        /// Fail when the baseline gained entries since this git ref.
        public var baselineBase: String?
        /// The report on standard output (or in `output`).
        public var format: OutputFormat = .text
        /// Where the main report goes; `nil` is standard output.
        public var output: String?
        /// Further reports, as `--report FORMAT=FILE`; the config's `reports` come after them.
        public var reports: [(format: OutputFormat, path: String)] = []
        /// Findings by triage score instead of by location.
        public var sortByScore = false
        /// With the triage format: only this many groups (nil: all).
        public var top: Int?
        /// Only the number of findings per rule (`--statistics`).
        public var statistics = false
        /// Colour in the text, full and triage reports.
        public var color = false
        /// A GitHub step summary file that gets a Markdown summary when the format is `github`.
        public var stepSummary: String?

        public init() {}
    }
}
