import Benchmark
import Crossfoot
import Foundation

/// Micro-benchmarks of the hot paths, each reporting throughput and allocations, so a
/// regression shows where it happens: the CSV reader, the report reader, the batch expression
/// evaluator, each check kind, and the JSON report.
let benchmarks: @Sendable () -> Void = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    let report = (try? String(contentsOfFile: root + "/Samples/kazakhstan-mco-2024/report.md", encoding: .utf8)) ?? ""
    let indicators = SyntheticData.indicators(rows: 50_000)
    let financials = SyntheticData.financials(groups: 2_000)
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident], scalingFactor: .one, maxDuration: .seconds(2))

    Benchmark("CSV reader, 50k indicator rows", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try? InputReader.read(SourceFile(path: "indicators.csv", text: indicators), format: .csv))
        }
    }

    Benchmark("Report reader, the sample report", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try? InputReader.read(SourceFile(path: "report.md", text: report), format: .report))
        }
    }

    let rows = (try? InputReader.read(SourceFile(path: "indicators.csv", text: indicators), format: .csv)) ?? nil
    let money = (try? InputReader.read(SourceFile(path: "financials.csv", text: financials), format: .csv)) ?? nil

    Benchmark("Expression evaluator, 50k rows × a compound condition", configuration: configuration) { benchmark in
        let set = Checks.compile(
            """
              - id: e
                table: indicators
                where: unit == "percent" and indicator_kind in ["impact", "outcome"]
                expect: abs(baseline - actual) <= 50 or missing(baseline) or actual >= 0.9 * baseline
            """)
        for _ in benchmark.scaledIterations {
            if let rows, let set { blackHole(Validator(ruleSet: set).validate(rows)) }
        }
    }

    // Reporting: every finding of a lint as the JSON report (the side-by-side benchmark's
    // second entry), on one thread.
    let folder = NSTemporaryDirectory() + "crossfoot-bench-\(ProcessInfo.processInfo.processIdentifier)"
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try? indicators.write(toFile: folder + "/indicators.csv", atomically: true, encoding: .utf8)
    let findings = Checks.compile(Checks.kinds.filter { !$0.2 }.map(\.1).joined(separator: "\n")).map {
        Linter(ruleSet: $0, options: Linter.Options(jobs: 1)).lint(paths: [folder + "/indicators.csv"])
    }

    Benchmark("JSON report, every finding of 50k indicator rows", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            if let findings { blackHole(JSONReporter(jobs: 1).renderBytes(findings)) }
        }
    }

    for (name, rule, onMoney) in Checks.kinds {
        Benchmark("Check kind \(name)", configuration: configuration) { benchmark in
            let set = Checks.compile(rule)
            for _ in benchmark.scaledIterations {
                if let set, let data = onMoney ? money : rows { blackHole(Validator(ruleSet: set).validate(data)) }
            }
        }
    }
}

enum Checks {
    static let kinds: [(String, String, Bool)] = [
        ("range", "  - {id: r, table: indicators, where: 'unit == \"percent\"', range: {columns: [baseline, target, actual], min: 0, max: 100}}", false),
        ("required", "  - {id: q, table: indicators, required: {columns: baseline}}", false),
        ("change", "  - {id: c, table: indicators, where: 'unit == \"percent\"', change: {from: baseline, to: actual, max_drop: 50}}", false),
        (
            "sum",
            "  - {id: s, table: financials, sum: {columns: [final_budget, funds_available, expenditure], group_by: [operation, year, table], total: 'area == \"Total\"'}}",
            true
        ),
        (
            "ratio",
            "  - {id: x, table: financials, ratio: {column: funds_available_pct, numerator: funds_available, denominator: final_budget, scale: 100, decimals: 2}}",
            true
        ),
        ("expect", "  - {id: e, table: financials, expect: 'expenditure <= funds_available'}", true),
    ]

    static func compile(_ rules: String) -> RuleSet? {
        RuleCompiler.compile([SourceFile(path: "bench.yaml", text: "crossfoot: 1\npack: bench\nrules:\n" + rules + "\n")]).ruleSet
    }
}

/// Deterministic data in the canonical columns, like the side-by-side benchmark's generator.
enum SyntheticData {
    static func indicators(rows: Int) -> String {
        var out = TableSchema.indicators.columns.joined(separator: ",") + "\n"
        var seed: UInt64 = 20_240_601
        func next() -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(seed >> 33)
        }
        for i in 0..<rows {
            let unit = ["percent", "percent", "number", "text"][i % 4]
            let baseline = unit == "percent" ? "\(next() % 100).\(next() % 100)" : unit == "number" ? "\(next() % 5000)" : "Yes"
            let actual = unit == "percent" ? "\(next() % 100).\(next() % 100)" : unit == "number" ? "\(next() % 5000)" : "No"
            out +=
                "Op \(i / 167),2024,outcome,OA\(i % 16): Area,outcome,\(i % 16).\(i % 5),\"Proportion of people, with access\",Country \(i % 40),Refugees,\(unit),\(i % 20 == 0 ? "" : baseline),,\(actual)\n"
        }
        return out
    }

    static func financials(groups: Int) -> String {
        var out = TableSchema.financials.columns.joined(separator: ",") + "\n"
        for g in 0..<groups {
            var budget = 0
            var funds = 0
            var spent = 0
            for a in 0..<5 {
                let b = 100_000 + (g * 37 + a * 911) % 90_000
                let f = b * 9 / 10
                let e = f * 8 / 10
                budget += b
                funds += f
                spent += e
                out +=
                    "Op \(g / 2),2024,\(g % 2 == 0 ? "impact" : "outcome"),IA\(a),\(b),\(f),\(String(format: "%.2f", Double(f) / Double(b) * 100)),\(e),\(String(format: "%.2f", Double(e) / Double(f) * 100))\n"
            }
            out +=
                "Op \(g / 2),2024,\(g % 2 == 0 ? "impact" : "outcome"),Total,\(budget),\(funds),\(String(format: "%.2f", Double(funds) / Double(budget) * 100)),\(spent),\(String(format: "%.2f", Double(spent) / Double(funds) * 100))\n"
        }
        return out
    }
}
