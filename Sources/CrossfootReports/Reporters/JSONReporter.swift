import CrossfootBase
import CrossfootEngine
import CrossfootRules
import CrossfootTables
import Dispatch

/// The stable, machine-readable report: tool, summary (with counts per rule), the files read
/// (with the rows of each of their tables), findings, and the inputs that could not be read.
public struct JSONReporter: Reporter {
    /// Threads to serialise findings on; the output is the same for any number.
    public var jobs: Int

    public init(jobs: Int = Linter.defaultJobs) {
        self.jobs = max(1, jobs)
    }

    public func render(_ run: LintResult) -> String {
        String(decoding: renderBytes(run), as: UTF8.self)
    }

    public func renderBytes(_ run: LintResult) -> [UInt8] {
        let parts = renderParts(run)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in parts { bytes += part }
        return bytes
    }

    /// The report as the bytes before the findings, the findings in parts (made on several
    /// threads), and the bytes after them.
    public func renderParts(_ run: LintResult) -> [[UInt8]] {
        var w = JSONWriter()
        w.open("{")
        w.open("{", key: "tool")
        w.string(CrossfootVersion.name, key: "name")
        w.string(CrossfootVersion.version, key: "version")
        w.close("}")
        w.open("{", key: "summary")
        w.int(run.files.count, key: "files")
        w.int(run.tables, key: "tables")
        w.int(run.rows, key: "rows")
        w.int(run.ruleCount, key: "rules")
        w.int(run.count(.error), key: "errors")
        w.int(run.count(.warning), key: "warnings")
        w.int(run.count(.info), key: "infos")
        w.int(run.inputErrors.count, key: "unreadable")
        w.int(run.accepted.count, key: "accepted")
        w.int(run.baselined.count, key: "baselined")
        w.int(run.stale.count, key: "stale")
        w.int(run.hidden.values.reduce(0, +), key: "hidden")
        w.int(run.unlisted.values.reduce(0, +), key: "not_listed")
        w.open("{", key: "by_rule")
        for (rule, count) in run.countsByRule { w.int(count, key: JSONKey(rule)) }
        w.close("}")
        w.close("}")
        // Every input read, with the rows of each table it yielded: a file that yielded nothing
        // says so here rather than by its absence from the findings.
        w.open("[", key: "files")
        for file in run.files.sorted(by: { $0.path < $1.path }) {
            w.open("{")
            w.string(file.path, key: "path")
            w.string(file.format.rawValue, key: "format")
            w.open("{", key: "tables")
            for table in file.rowsByTable { w.int(table.rows, key: JSONKey(table.name)) }
            w.close("}")
            w.close("}")
        }
        w.close("]")
        w.open("[", key: "findings")
        let head = w.takeBytes()
        let findings = renderFindings(run, indent: w.depth)
        w.itemsWritten(elsewhere: findings.contains { !$0.isEmpty })
        w.close("]")
        do {
            w.open("[", key: "baselined")
            for f in Finding.sorted(run.baselined) { Self.write(f, into: &w) }
            w.close("]")
        }
        do {
            w.open("[", key: "accepted")
            for a in run.accepted.sorted(by: { Finding.ordered($0.finding, $1.finding) }) {
                Self.write(a.finding, into: &w, reason: a.reason)
            }
            w.close("]")
        }
        do {
            w.open("[", key: "stale")
            for entry in run.stale { entry.write(into: &w) }
            w.close("]")
        }
        do {
            w.open("[", key: "unused_accepts")
            for a in run.unusedAccepts {
                w.open("{")
                w.string(a.rule.value, key: "rule")
                if let condition = a.condition { w.string(condition.text, key: "where") }
                w.string(a.reason, key: "reason")
                w.open("{", key: "location")
                w.string(a.location.path, key: "file")
                w.int(a.location.line, key: "line")
                w.int(a.location.column, key: "column")
                w.close("}")
                w.close("}")
            }
            w.close("]")
        }
        w.open("[", key: "problems")
        for problem in run.inputErrors {
            w.open("{")
            w.string(problem.path, key: "file")
            if let location = problem.location {
                w.int(location.line, key: "line")
                w.int(location.column, key: "column")
            }
            w.string(problem.message, key: "message")
            w.close("}")
        }
        w.close("]")
        w.close("}")
        return [head] + findings + [w.document]
    }

    /// The findings, serialised in parts on several threads and joined in order.
    private func renderFindings(_ run: LintResult, indent: Int) -> [[UInt8]] {
        var references: [(file: Int, index: Int)] = []
        let order = run.files.indices.sorted { run.files[$0].path < run.files[$1].path }
        for file in order {
            let findings = run.files[file].findings
            let sorted = zip(findings, findings.dropFirst()).allSatisfy { !Finding.ordered($1, $0) }
            let indices = sorted ? Array(findings.indices) : findings.indices.sorted { Finding.ordered(findings[$0], findings[$1]) }
            references += indices.map { (file, $0) }
        }
        if run.sortByScore {
            references.sort { a, b in
                let x = run.files[a.file].findings[a.index]
                let y = run.files[b.file].findings[b.index]
                if x.score != y.score { return x.score > y.score }
                return Finding.ordered(x, y)
            }
        }
        let all = references
        let ranges = Evaluation.split(all.count, into: all.count < 256 ? 1 : min(jobs, all.count / 128))
        let results = Locked<[Int: [UInt8]]>([:])
        let work: @Sendable (Int) -> Void = { part in
            let range = ranges[part]
            var w = JSONWriter(continuingAt: indent, afterItem: part > 0)
            for (file, index) in all[range] { Self.write(run.files[file].findings[index], into: &w) }
            let bytes = w.bytes
            results.withLock { $0[part] = bytes }
        }
        if ranges.count == 1 {
            work(0)
        } else if ranges.count > 1 {
            DispatchQueue.concurrentPerform(iterations: ranges.count, execute: work)
        }
        let done = results.withLock { $0 }
        return ranges.indices.compactMap { done[$0] }
    }

    /// A workbook cell's place: `sheet` (unquoted), `cell` (`E12`), and its 1-based sheet `row`
    /// and `column` number; `false` for a point that is not in a workbook.
    private static func cell(_ location: SourceLocation, into w: inout JSONWriter) -> Bool {
        guard let sheet = location.sheet, let cell = location.cell, let place = location.sheetCell else { return false }
        w.string(sheet, key: "sheet")
        w.string(cell, key: "cell")
        w.int(place.row, key: "row")
        w.int(place.column, key: "column")
        return true
    }

    package static func write(_ finding: Finding, into w: inout JSONWriter, reason: String? = nil) {
        w.open("{")
        w.string(finding.rule, key: "rule")
        w.string(finding.check, key: "check")
        w.string(finding.severity.rawValue, key: "severity")
        w.string(finding.message, key: "message")
        w.open("{", key: "location")
        w.string(finding.location.path, key: "file")
        if !cell(finding.location, into: &w) {
            // In a PDF: the page, and the line within it.
            if let page = finding.location.page { w.int(Int(page.page), key: "page") }
            w.int(finding.location.shownLine, key: "line")
            w.int(finding.location.column, key: "column")
            w.int(finding.endLocation.shownLine, key: "end_line")
            w.int(finding.endLocation.column, key: "end_column")
        }
        w.close("}")
        if let table = finding.table { w.string(table, key: "table") } else { w.null(key: "table") }
        if let column = finding.column { w.string(column, key: "column") } else { w.null(key: "column") }
        w.open("{", key: "row")
        for (name, text) in zip(finding.rowNames, finding.rowTexts) { w.string(text, key: JSONKey(name)) }
        w.close("}")
        value(finding.actual, key: "actual", into: &w)
        value(finding.expected, key: "expected", into: &w)
        w.number(Self.score(finding.score), key: "score")
        w.open("[", key: "notes")
        for note in finding.notes {
            w.open("{")
            w.string(note.message, key: "message")
            if let at = note.location {
                w.open("{", key: "location")
                w.string(at.path, key: "file")
                if !cell(at, into: &w) {
                    w.int(at.line, key: "line")
                    w.int(at.column, key: "column")
                }
                w.close("}")
            } else {
                w.null(key: "location")
            }
            w.close("}")
        }
        w.close("]")
        if let reason { w.string(reason, key: "reason") }
        w.close("}")
    }

    /// A score as JSON: at most three decimals, `0.8`, `1`, `0`.
    package static func score(_ x: Double) -> Number {
        Number(significand: x.isFinite ? Int128((min(max(x, -1e9), 1e9) * 1000).rounded()) : 0, exponent: -3)
    }

    package static func value(_ v: Finding.Value, key: JSONKey, into w: inout JSONWriter) {
        switch v {
        case .missing: w.null(key: key)
        case .number(let n): w.number(n, key: key)
        case .text(let s): w.string(s, key: key)
        }
    }
}
