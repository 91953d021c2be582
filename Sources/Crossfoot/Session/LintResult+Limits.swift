import CrossfootBase
import CrossfootReports

extension LintResult {
    /// Keeps the first `limit` findings of each rule, in output order (by file, line and
    /// column), and counts the others.
    public mutating func keepFirst(_ limit: Int) {
        var kept: [String: Int] = [:]
        for f in files.indices.sorted(by: { files[$0].path < files[$1].path }) {
            // Decided by index first: most runs drop nothing, and then nothing is copied.
            var keep: [Bool] = []
            keep.reserveCapacity(files[f].findings.count)
            for i in files[f].findings.indices {
                let rule = files[f].findings[i].rule
                if kept[rule, default: 0] < limit {
                    kept[rule, default: 0] += 1
                    keep.append(true)
                } else {
                    unlisted[rule, default: 0] += 1
                    unlistedBySeverity[files[f].findings[i].severity, default: 0] += 1
                    keep.append(false)
                }
            }
            guard keep.contains(false) else { continue }
            files[f].findings = files[f].findings.indices.filter { keep[$0] }.map { files[f].findings[$0] }
        }
    }

    /// After `keepFirst(limit)` on findings of which some were only counted (never made): the
    /// ones the listing would have held are `counted`, the others `unlisted`, as if every one
    /// had been made and the first `limit` of each rule listed (0: all).
    public mutating func settleCounted(listing limit: Int) {
        for (rule, severity) in countedSeverity {
            var kept = 0
            for file in files.indices {
                for i in files[file].findings.indices where files[file].findings[i].rule == rule { kept += 1 }
            }
            let beyond = unlisted[rule, default: 0]
            let shouldBeBeyond = limit > 0 ? max(0, kept + beyond - limit) : 0
            let moved = beyond - shouldBeBeyond
            guard moved > 0 else { continue }
            unlisted[rule] = shouldBeBeyond == 0 ? nil : shouldBeBeyond
            unlistedBySeverity[severity, default: 0] -= moved
            if unlistedBySeverity[severity] == 0 { unlistedBySeverity[severity] = nil }
            counted[rule, default: 0] += moved
            countedBySeverity[severity, default: 0] += moved
        }
    }

    /// Leaves out of the report the findings below `minimum`, counting them.
    public mutating func hide(below minimum: Severity) {
        minSeverity = minimum
        for f in files.indices {
            // Only when there is something to hide: removing would copy every finding.
            guard files[f].findings.indices.contains(where: { files[f].findings[$0].severity > minimum }) else { continue }
            files[f].findings.removeAll { finding in
                guard finding.severity > minimum else { return false }
                hidden[finding.severity, default: 0] += 1
                return true
            }
        }
    }
}
