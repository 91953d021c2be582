/// What reports beyond the plain findings need to know: paths relative to the repository, the
/// schemas for fingerprints, and the severity that blocks.
public struct ReportContext: Sendable {
    public var paths: RepositoryPaths
    public var schemas: [String: TableSchema]
    public var failOn: FailOn
    public var baselineFile: String?

    public init(paths: RepositoryPaths = RepositoryPaths(root: nil), schemas: [String: TableSchema] = [:], failOn: FailOn = .error, baselineFile: String? = nil) {
        self.paths = paths
        self.schemas = schemas
        self.failOn = failOn
        self.baselineFile = baselineFile
    }

    /// A fingerprint of what a finding is about, stable when unrelated lines move.
    func fingerprint(_ finding: Finding) -> String {
        let entry = Baseline.entry(for: finding, path: paths.relative(finding.location.path), schemas: schemas)
        return StableHash.fnv1a(entry.identity)
    }

    /// Every finding, accepted and baselined ones included, in output order.
    static func everything(_ run: Linter.Run) -> [(finding: Finding, state: State)] {
        var all: [(Finding, State)] = []
        run.forEachFinding { all.append(($0, .new)) }
        all += run.baselined.map { ($0, .baselined) }
        all += run.accepted.map { ($0.finding, .accepted($0.reason)) }
        return all.sorted { Finding.ordered($0.0, $1.0) }.map { (finding: $0.0, state: $0.1) }
    }

    enum State {
        case new, baselined
        case accepted(String)
    }
}
