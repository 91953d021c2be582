import CrossfootBase
import CrossfootEngine

extension LintResult {
    /// Findings per rule id: every loaded rule (0 when it found nothing) and every reader rule
    /// that fired, sorted by id.
    public var countsByRule: [(rule: String, count: Int)] {
        var counts: [String: Int] = [:]
        for id in ruleIDs { counts[id] = 0 }
        for file in files.indices {
            for i in files[file].findings.indices { counts[files[file].findings[i].rule, default: 0] += 1 }
        }
        for (rule, n) in unlisted { counts[rule, default: 0] += n }
        for (rule, n) in counted { counts[rule, default: 0] += n }
        return counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Every finding in output order — by file, line, column, rule — without copying them
    /// when each file's findings are already in order, as the linter leaves them.
    public func forEachFinding(_ body: (Finding) -> Void) {
        if sortByScore {
            var all: [Finding] = []
            for file in files { all += file.findings }
            let order = all.indices.sorted { a, b in
                if all[a].score != all[b].score { return all[a].score > all[b].score }
                return Finding.ordered(all[a], all[b])
            }
            order.forEach { body(all[$0]) }
            return
        }
        for file in files.indices.sorted(by: { files[$0].path < files[$1].path }) {
            let findings = files[file].findings
            if zip(findings, findings.dropFirst()).allSatisfy({ !Finding.ordered($1, $0) }) {
                findings.forEach(body)
            } else {
                Finding.sorted(findings).forEach(body)
            }
        }
    }

    /// `0 errors, 6 warnings, 2 infos in 1 file; 91 rows checked by 12 rules`.
    public var summaryLine: String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        var line = "\(plural(count(.error), "error")), \(plural(count(.warning), "warning")), \(plural(count(.info), "info")) in \(plural(files.count, "file"))"
        line += "; \(plural(rows, "row")) checked by \(plural(ruleCount, "rule"))"
        if !accepted.isEmpty || !baselined.isEmpty {
            line += "; \(accepted.count) accepted, \(baselined.count) in the baseline"
        }
        let notShown = hidden.values.reduce(0, +)
        if notShown > 0 {
            line += "; \(notShown) not shown (below --min-severity \(minSeverity.rawValue))"
        }
        let notListed = unlisted.values.reduce(0, +)
        if notListed > 0 {
            line += "; \(notListed) more beyond --max-findings-per-rule not listed"
        }
        if !stale.isEmpty {
            line += "; \(plural(stale.count, "stale baseline entry").replacingOccurrences(of: "entrys", with: "entries"))"
        }
        if !inputErrors.isEmpty {
            line += "; \(plural(inputErrors.count, "input")) could not be read"
        }
        return line
    }
}
