import Foundation
import Testing

@testable import Crossfoot

/// The streaming, parallel engine against simple references: the row-at-a-time evaluator it
/// replaces, a plain re-implementation of the benchmark's checks, and itself on one thread.
@Suite("Streaming and parallel checking", .serialized) struct StreamingTests {
    /// A small data set in the canonical columns, with violations of each check, quoted names
    /// with commas, doubled quotes and line breaks, and CRLF line ends.
    struct Generated {
        var indicators = ""
        var financials = ""
        var expected: [String: Int] = [:]
    }

    static func generate(rows: Int) -> Generated {
        var g = Generated()
        var seed: UInt64 = 7
        func next(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(seed >> 33) % n
        }
        func decimal(_ hundredths: Int) -> String {
            let sign = hundredths < 0 ? "-" : ""
            let v = abs(hundredths)
            return "\(sign)\(v / 100).\(String(format: "%02d", v % 100))"
        }
        var range = 0
        var baseline = 0
        var steep = 0
        g.indicators = TableSchema.indicators.columns.joined(separator: ",") + "\r\n"
        for i in 0..<rows {
            let unit = ["percent", "percent", "number", "text"][i % 4]
            var b = unit == "percent" ? decimal(2_000 + next(6_000)) : unit == "number" ? "\(next(900))" : "Yes"
            var t = unit == "percent" ? decimal(next(10_000)) : ""
            var a = unit == "percent" ? decimal(3_000 + next(6_000)) : unit == "number" ? "\(next(900))" : "No"
            switch i % 50 {
            case 7 where unit == "percent":
                t = "101.50"
                range += 1
            case 13 where unit == "percent":
                t = "-3.00"
                range += 1
            case 21:
                b = ""
                baseline += 1
            case 33 where unit == "percent":
                b = "95.00"
                a = "20.00"
                steep += 1
            default: break
            }
            let name = i % 7 == 0 ? "\"Proportion of people, \"\"safe\"\"\nat night\"" : i % 5 == 0 ? "\"Access, to services\"" : "Plain title"
            g.indicators += "Op \(i / 40),2024,outcome,OA1: Area,outcome,1.\(i % 9),\(name),Country \(i % 13),Refugees,\(unit),\(b),\(t),\(a)\r\n"
        }
        g.expected["percent-range"] = range
        g.expected["baseline-present"] = baseline
        g.expected["steep-drop"] = steep

        var totals = 0
        var ratios = 0
        g.financials = TableSchema.financials.columns.joined(separator: ",") + "\n"
        for group in 0..<(rows / 20) {
            var sums = [0, 0, 0]
            for area in 0..<4 {
                let budget = 10_000 + next(90_000)
                let funds = budget * (50 + next(50)) / 100
                let spent = funds * (40 + next(60)) / 100
                sums[0] += budget
                sums[1] += funds
                sums[2] += spent
                var fundsPct = Number.divide(Number(funds * 100), Number(budget))?.rounded(toDecimals: 2).plain(decimals: 2, grouping: false) ?? ""
                let spentPct = Number.divide(Number(spent * 100), Number(funds))?.rounded(toDecimals: 2).plain(decimals: 2, grouping: false) ?? ""
                if group % 9 == 4, area == 1 {
                    fundsPct = "150.25"
                    ratios += 1
                }
                g.financials +=
                    "Op \(group / 2),2024,\(group % 2 == 0 ? "impact" : "outcome"),\"Area \(area), \"\"main\"\"\",\(budget),\(funds),\(fundsPct),\(spent),\(spentPct)\n"
            }
            if group % 11 == 5 {
                sums[1] += 40
                totals += 1
            }
            g.financials += "Op \(group / 2),2024,\(group % 2 == 0 ? "impact" : "outcome"),Total,\(sums[0]),\(sums[1]),,\(sums[2]),\n"
        }
        g.expected["total-equals-sum"] = totals
        g.expected["funds-available-pct"] = ratios
        return g
    }

    static func directory(_ g: Generated) throws -> String {
        let dir = NSTemporaryDirectory() + "crossfoot-stream-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try g.indicators.write(toFile: dir + "/indicators.csv", atomically: true, encoding: .utf8)
        try g.financials.write(toFile: dir + "/financials.csv", atomically: true, encoding: .utf8)
        return dir
    }

    static var peers: RuleSet {
        get throws {
            let yaml = try Support.read("Benchmarks/peers.yaml")
            guard let set = RuleCompiler.compile([SourceFile(path: "peers.yaml", text: yaml)]).ruleSet else { throw CancellationError() }
            return set
        }
    }

    func lint(_ dir: String, _ options: Linter.Options) throws -> LintResult {
        LintResult(Linter(ruleSet: try Self.peers, options: options).lint(paths: [dir + "/financials.csv", dir + "/indicators.csv"]))
    }

    @Test func countsMatchTheInjectedViolations() throws {
        let g = Self.generate(rows: 6_000)
        let run = try lint(try Self.directory(g), Linter.Options(jobs: 1))
        #expect(run.inputErrors.isEmpty)
        let counts = Dictionary(uniqueKeysWithValues: run.countsByRule.map { ($0.rule, $0.count) })
        for (rule, count) in g.expected {
            #expect(counts[rule] == count, "\(rule): \(counts[rule] ?? -1) found, \(count) injected")
        }
        #expect(counts["expenditure-pct"] == 0)
        #expect(run.rows == 6_000 + 6_000 / 20 * 5)
        #expect(run.files.map(\.rowsByTable) == [[.init(name: "financials", rows: 6_000 / 20 * 5)], [.init(name: "indicators", rows: 6_000)]])
    }

    @Test(
        "byte-identical output whatever the threads, ranges and windows", arguments: [(2, 1_000, 4_096), (4, 2_000, 700), (3, 50_000, 1 << 20), (8, 512, 300)])
    func deterministic(jobs: Int, split: Int, window: Int) throws {
        let dir = try Self.directory(Self.generate(rows: 3_000))
        let reference = try lint(dir, Linter.Options(jobs: 1))
        let parallel = try lint(dir, Linter.Options(jobs: jobs, splitSize: split, windowSize: window))
        #expect(JSONReporter(jobs: 1).render(parallel) == JSONReporter(jobs: 1).render(reference))
        #expect(JSONReporter(jobs: 3).render(parallel) == JSONReporter(jobs: 1).render(reference))
        #expect(TextReporter().render(parallel) == TextReporter().render(reference))
        // Each finding's row (for triage) too: a later range's rows are moved down with its lines.
        #expect(parallel.findings.map(\.rowPosition) == reference.findings.map(\.rowPosition))
    }

    /// The benchmark's wrapper prints the five counts the harness compares with its
    /// `expected.json`, counts-only and read back from the JSON of every finding alike.
    @Test func theBenchmarkWrapperPrintsTheInjectedCounts() throws {
        let g = Self.generate(rows: 6_000)
        let dir = try Self.directory(g)
        let expected =
            "{\"percent_range\": \(g.expected["percent-range"] ?? -1), \"baseline_present\": \(g.expected["baseline-present"] ?? -1), "
            + "\"steep_drop\": \(g.expected["steep-drop"] ?? -1), \"total_equals_sum\": \(g.expected["total-equals-sum"] ?? -1), "
            + "\"ratio_recomputes\": \(g.expected["funds-available-pct"] ?? -1)}\n"
        for extra in [[], ["--json", dir + "/findings.json"]] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Support.path("Benchmarks/peers-counts.sh"))
            process.arguments = [dir] + extra
            process.environment = ProcessInfo.processInfo.environment.merging(["CROSSFOOT_BIN": CLI.binary]) { _, new in new }
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let out = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            #expect(String(decoding: out, as: UTF8.self) == expected, "\(extra)")
        }
    }

    /// Rows shared among threads: every row once, in order, no empty or inverted range, for any
    /// number of parts (307,205 rows in 600 parts once made a range past the end).
    @Test func rowsAreSplitIntoRangesThatCoverThemOnce() {
        for (count, parts) in [(307_205, 600), (1_200, 2), (1_025, 3), (5, 8), (1, 1), (0, 4), (10, 0)] {
            let ranges = Evaluation.split(count, into: parts)
            #expect(ranges.flatMap { Array($0) } == Array(0..<count), "\(count) in \(parts)")
            #expect(ranges.count <= max(parts, 1) && ranges.allSatisfy { !$0.isEmpty })
        }
    }

    /// A group statistic (a median) over many rows of one group: each group's values are sorted
    /// once, not once per row, and the findings are those of one thread.
    @Test func aMedianOverALargeGroupIsCheckedInParts() throws {
        var csv = "g,v\n"
        for i in 0..<3_000 { csv += "a,\(i % 97 == 0 ? 5_000 : i % 10)\n" }
        let dir = NSTemporaryDirectory() + "crossfoot-median-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try csv.write(toFile: dir + "/data.csv", atomically: true, encoding: .utf8)
        let rules = try Support.rules("crossfoot: 1\npack: t\nrules:\n  - {id: e, table: data, group_by: g, expect: 'v <= median(v) + 10'}\n")
        let one = LintResult(Linter(ruleSet: rules, options: Linter.Options(jobs: 1)).lint(paths: [dir]))
        let two = LintResult(Linter(ruleSet: rules, options: Linter.Options(jobs: 2, splitSize: 1 << 30)).lint(paths: [dir]))
        #expect(one.findings.count == 31)
        #expect(JSONReporter(jobs: 1).render(two) == JSONReporter(jobs: 1).render(one))
    }

    /// More total rows than `Evaluation.parallelGroupRows`: the sums are then checked in parts
    /// on several threads, and must give exactly what one thread gives.
    @Test("group checks shared among threads", arguments: [2, 3])
    func groupChecksSharedAmongThreads(jobs: Int) throws {
        let g = Self.generate(rows: 24_000)
        #expect(24_000 / 20 >= Evaluation.parallelGroupRows)
        let dir = try Self.directory(g)
        let reference = try lint(dir, Linter.Options(jobs: 1))
        let parallel = try lint(dir, Linter.Options(jobs: jobs))
        #expect(JSONReporter(jobs: 1).render(parallel) == JSONReporter(jobs: 1).render(reference))
        let counts = Dictionary(uniqueKeysWithValues: parallel.countsByRule.map { ($0.rule, $0.count) })
        #expect(counts["total-equals-sum"] == g.expected["total-equals-sum"])
        // Notes (the part likely wrong) are made on the threads too.
        #expect(parallel.findings.contains { $0.rule == "total-equals-sum" && !$0.notes.isEmpty })
    }

    @Test func aCutInsideAQuotedLineBreakIsReadAgain() throws {
        // Every record holds a quoted line break, so most cuts land inside quotes.
        var csv = "id,note,value\n"
        for i in 0..<2_000 { csv += "\(i),\"line one\nline two, \(i)\",\(i % 97 == 0 ? "" : "\(i)")\n" }
        let dir = NSTemporaryDirectory() + "crossfoot-quotes-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try csv.write(toFile: dir + "/notes.csv", atomically: true, encoding: .utf8)
        let rules = try Support.rules("crossfoot: 1\npack: t\nrules:\n  - {id: v, table: notes, required: {columns: value}}\n")
        let one = LintResult(Linter(ruleSet: rules, options: Linter.Options(jobs: 1)).lint(paths: [dir]))
        let many = Linter(ruleSet: rules, options: Linter.Options(jobs: 6, splitSize: 256, windowSize: 512)).lint(paths: [dir])
        #expect(one.findings.count == 21)
        #expect(Support.points(many.findings) == Support.points(one.findings))
        #expect(one.findings.first.map { "\($0.location.line):\($0.location.column)" } == "3:14")
        // The finding's row is its record, which starts a line above the cell.
        #expect(one.findings.first?.rowPosition.map { "\($0.line):\($0.column)" } == "2:1")
        #expect(many.findings.map(\.rowPosition) == one.findings.map(\.rowPosition))
        #expect(many.rows == 2_000)
        // A file read in ranges still says what it yielded, whole.
        #expect(many.files.map(\.rowsByTable) == [[Linter.TableRows(name: "notes", rows: 2_000)]])
    }

    /// Found by the csv fuzz target: the file's last record, short and without a line break,
    /// read in small windows, must not be located from stale bytes left in the window.
    @Test func theLastRecordWithoutALineBreakIsLocatedInAnyWindow() throws {
        let path = Support.path("Tests/Corpus/inputs/fuzz-csv-last-short-row-without-line-break.csv")
        let rules = Support.defaultRules
        let one = Linter(ruleSet: rules, options: Linter.Options(inputFormat: .csv, jobs: 1)).lint(paths: [path])
        for window in [64, 100, 333] {
            let many = Linter(ruleSet: rules, options: Linter.Options(inputFormat: .csv, jobs: 2, splitSize: 64, windowSize: window)).lint(paths: [path])
            #expect(
                many.findings.map { "\($0.rule)@\($0.location.line):\($0.location.column) \($0.message)" }
                    == one.findings.map { "\($0.rule)@\($0.location.line):\($0.location.column) \($0.message)" })
        }
        #expect(Support.points(one.findings).last == "baseline-present@3:138")
    }

    /// Found by the csv fuzz target: an error in a range after the first (here an unterminated
    /// quote on the last line) is reported at its line in the file, not its line in the range.
    @Test func anErrorInALaterRangeIsAtItsLineInTheFile() throws {
        let path = Support.path("Tests/Corpus/inputs/fuzz-csv-unterminated-quote-in-a-later-range.csv")
        let rules = Support.defaultRules
        let one = Linter(ruleSet: rules, options: Linter.Options(inputFormat: .csv, jobs: 1)).lint(paths: [path])
        #expect(one.inputErrors.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0)" } == ["75:29"])
        for (split, window) in [(64, 64), (64, 333), (1_000, 100), (4_096, 4_096)] {
            let many = Linter(ruleSet: rules, options: Linter.Options(inputFormat: .csv, jobs: 2, splitSize: split, windowSize: window)).lint(paths: [path])
            #expect(many.inputErrors.map(\.description) == one.inputErrors.map(\.description), "ranges of \(split) bytes, windows of \(window)")
        }
    }

    /// The batch evaluator gives, row for row, what the row-at-a-time evaluator gives.
    @Test func batchAndRowEvaluatorsAgree() throws {
        let g = Self.generate(rows: 2_000)
        let rules = try Support.rules(
            """
            crossfoot: 1
            pack: t
            rules:
              - {id: a, table: indicators, where: 'unit == "percent"', range: {columns: [baseline, target, actual], min: 0, max: 100}}
              - {id: b, table: indicators, change: {from: baseline, to: actual, max_drop: 50, max_relative_drop: 0.9, min_base: 10}}
              - {id: c, table: indicators, expect: 'unit in ["percent", "number"] and not (baseline > actual * 2) or missing(target)'}
              - {id: d, table: indicators, expect: 'coalesce(target, baseline) >= 0 and abs(actual - baseline) < 80 and country != "Country 3"'}
              - {id: e, table: indicators, expect: 'indicator_code == "1.3" or baseline + 1 > actual - 1', tolerance: 0.5}
              - {id: f, table: financials, ratio: {column: funds_available_pct, numerator: funds_available, denominator: final_budget, scale: 100, decimals: 2}, tolerance: 0.01}
              - {id: g, table: financials, ratio: {column: funds_available_pct, numerator: funds_available, denominator: final_budget, scale: 100}}
              - {id: h, table: financials, expect: 'matches(area, "^Area [0-9]") or area == "Total"'}
            """)
        for (text, path) in [(g.indicators, "indicators.csv"), (g.financials, "financials.csv")] {
            let table = try #require(try Support.dataset(text, path: path).tables.first)
            let batch = BatchEvaluator(table: table)
            var row = RowEvaluator(own: table, partner: nil)
            for rule in rules.rules where rule.table == table.name {
                let bind = { (e: IRExpr) in BoundExpr.bind(e, own: { table.columnIndex($0) }, partner: { _ in nil }, alias: nil) }
                let expressions = (rule.filter.map { [$0] } ?? []) + rule.assertions.map(\.condition)
                for expression in expressions.map(bind) {
                    var start = 0
                    while start < table.rowCount {
                        let selection = (start..<min(start + 700, table.rowCount)).map { Int32($0) }
                        let lane = batch.evaluate(expression, selection)
                        for (i, r) in selection.enumerated() {
                            row.row = Int(r)
                            let expected = row.evaluate(expression)
                            let got = batch.value(lane, i)
                            #expect(got == expected, "rule \(rule.id), row \(r): batch \(got), row \(expected)")
                            if got != expected { return }
                        }
                        start += 700
                    }
                }
            }
        }
    }
}
