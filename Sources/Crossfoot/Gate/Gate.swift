import CrossfootBase
import CrossfootEngine
import CrossfootReports
import CrossfootRules
import CrossfootTables

/// What a CI gate makes of a run: per-path overrides applied, reviewed exceptions and
/// baselined findings set apart, stale baseline entries found, and the exit decided.
public struct Gate: Sendable {
    public var overrides: [ProjectConfig.PathOverride] = []
    public var acceptances: Acceptances?
    public var baseline: Baseline?
    public var paths: RepositoryPaths
    /// Paths as the config's patterns see them.
    public var patternPath: @Sendable (String) -> String
    /// Only some files were linted (`--since`): entries of the others are not stale.
    public var partial = false

    public init(paths: RepositoryPaths, patternPath: @escaping @Sendable (String) -> String = { $0 }) {
        self.paths = paths
        self.patternPath = patternPath
    }

    /// Applies per-path overrides: rules turned off for some files lose their findings there,
    /// and severities change.
    public func applyOverrides(_ run: inout LintResult) {
        guard !overrides.isEmpty else { return }
        for f in run.files.indices {
            let path = patternPath(run.files[f].path)
            let applicable = overrides.filter { o in o.paths.contains { $0.matches(path) } }
            guard !applicable.isEmpty else { continue }
            var kept: [Finding] = []
            for var finding in run.files[f].findings {
                var enabled = true
                for o in applicable {
                    for rule in o.rules where rule.id.value == finding.rule {
                        if let e = rule.enabled { enabled = e.value }
                        if let s = rule.severity { finding.severity = s.value }
                    }
                }
                if enabled { kept.append(finding) }
            }
            run.files[f].findings = kept
        }
    }

    /// Every finding as a baseline entry.
    public func baselineOf(_ run: LintResult, schemas: [String: TableSchema]) -> Baseline {
        var entries: [Baseline.Entry] = []
        for file in run.files {
            let path = paths.relative(file.path)
            entries += file.findings.map { Baseline.entry(for: $0, path: path, schemas: schemas) }
        }
        return Baseline(entries: entries)
    }

    /// Sets accepted and baselined findings apart, and finds stale entries and unused accepts.
    public func classify(_ run: inout LintResult, schemas: [String: TableSchema]) {
        var used: Set<Int> = []
        if let acceptances {
            for f in run.files.indices {
                var kept: [Finding] = []
                for finding in run.files[f].findings {
                    if let (index, reason) = acceptances.acceptance(for: finding, schemas: schemas) {
                        used.insert(index)
                        run.accepted.append(AcceptedFinding(finding: finding, reason: reason))
                    } else {
                        kept.append(finding)
                    }
                }
                run.files[f].findings = kept
            }
            run.unusedAccepts = acceptances.entries.enumerated().filter { !used.contains($0.offset) }.map(\.element)
        }
        guard let baseline else { return }
        var all: [Finding] = []
        var paths: [String] = []
        var owner: [(file: Int, index: Int)] = []
        for (f, file) in run.files.enumerated() {
            let path = self.paths.relative(file.path)
            for (i, finding) in file.findings.enumerated() {
                all.append(finding)
                paths.append(path)
                owner.append((f, i))
            }
        }
        let (baselined, unmatched) = baseline.match(all, paths: paths, schemas: schemas)
        var drop: [Int: Set<Int>] = [:]
        for i in baselined.sorted() {
            run.baselined.append(all[i])
            drop[owner[i].file, default: []].insert(owner[i].index)
        }
        for (f, indices) in drop {
            run.files[f].findings = run.files[f].findings.enumerated().filter { !indices.contains($0.offset) }.map(\.element)
        }
        let linted = Set(run.files.map { self.paths.relative($0.path) })
        run.stale = unmatched.filter { entry in
            linted.contains(entry.path) || (!partial && FileSystem.kind(of: self.paths.root + "/" + entry.path) == .absent)
        }
    }
}
