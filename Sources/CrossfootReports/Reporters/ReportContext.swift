import CrossfootBase
import CrossfootEngine
import CrossfootRules
import CrossfootTables

/// What reports beyond the plain findings need to know: paths relative to the repository, the
/// schemas for fingerprints, and the severity that blocks.
public struct ReportContext: Sendable {
    public var paths: RepositoryPaths
    public var schemas: [String: TableSchema]
    public var failOn: FailOn
    public var baselineFile: String?
    /// Threads a report may use (the JSON report's findings); the output is the same for any number.
    public var jobs: Int

    public init(
        paths: RepositoryPaths = RepositoryPaths(root: nil), schemas: [String: TableSchema] = [:], failOn: FailOn = .error, baselineFile: String? = nil,
        jobs: Int = Linter.defaultJobs
    ) {
        self.paths = paths
        self.schemas = schemas
        self.failOn = failOn
        self.baselineFile = baselineFile
        self.jobs = jobs
    }

    /// A fingerprint of what a finding is about, stable when unrelated lines move.
    package func fingerprint(_ finding: Finding) -> String {
        let entry = Baseline.entry(for: finding, path: paths.relative(finding.location.path), schemas: schemas)
        return StableHash.fnv1a(entry.identity)
    }

    /// Every finding, accepted and baselined ones included, in output order.
    package static func everything(_ run: LintResult) -> [(finding: Finding, state: State)] {
        var all: [(Finding, State)] = []
        run.forEachFinding { all.append(($0, .new)) }
        all += run.baselined.map { ($0, .baselined) }
        all += run.accepted.map { ($0.finding, .accepted($0.reason)) }
        return all.sorted { Finding.ordered($0.0, $1.0) }.map { (finding: $0.0, state: $0.1) }
    }

    package enum State {
        case new, baselined
        case accepted(String)
    }
}
