import Foundation
import Testing

@testable import Crossfoot
// `Linter.Run` and `Linter.FileResult` have no public initialiser: a run is built by hand here.
@testable import CrossfootEngine

/// Every output format renders one fixed lint result exactly as `Canned/canned.<format>` holds it
/// (SwiftLint's canned reporter outputs). The result is built by hand, not linted, so only a
/// change to a reporter (or to the values it renders) changes these files; nothing in it depends
/// on the machine, the date or the number of threads. Re-record with `CROSSFOOT_RECORD=1`.
@Suite("Canned reports") struct CannedReporterTests {
    static let folder = "Tests/CrossfootReportsTests/Reporters/Canned"
    static let indicatorsPath = "reports/kazakhstan-2024/indicators.csv"
    static let financialsPath = "reports/kazakhstan-2024/financials.csv"

    /// The two linted inputs. Each line of a finding below points at a cell of these.
    static let indicators = """
        operation,year,area_kind,area,indicator_kind,indicator_code,indicator,country,population_type,unit,baseline,target,actual
        Kazakhstan MCO,2024,impact,IA1: Attaining Favorable Protection Environments,impact,1.2,Proportion of people who are able to move freely within the country,Kazakhstan,Refugees and Asylum-seekers,percent,98.30%,,100.00%
        Kazakhstan MCO,2024,impact,IA1: Attaining Favorable Protection Environments,impact,1.2,Proportion of people who are able to move freely within the country,Kyrgyzstan,Refugees and Asylum-seekers,percent,99.00%,,99.30%
        Kazakhstan MCO,2024,impact,IA1: Attaining Favorable Protection Environments,impact,1.2,Proportion of people who are able to move freely within the country,Uzbekistan,Refugees and Asylum-seekers,percent,100.00%,,0.06%
        Kazakhstan MCO,2024,outcome,OA11: Education,outcome,3.2a,Proportion of children & young people enrolled in primary education (grades 1–4),Uzbekistan,Refugees and Asylum-seekers,percent,,90.00%,0.00%
        Kazakhstan MCO,2024,outcome,OA11: Education,outcome,3.2a,Proportion of children & young people enrolled in primary education (grades 1–4),Kyrgyzstan,Refugees and Asylum-seekers,percent,64.00%,70.00%,108.50%
        Kazakhstan MCO,2024,outcome,OA13: Livelihoods,outcome,4.1,Number of people who departed on resettlement,Turkmenistan,Refugees and Asylum-seekers,number,12,20,3
        Kazakhstan MCO,2024,outcome,OA13: Livelihoods,outcome,3.1,Proportion of people who have the right to decent work,Turkmenistan,Refugees and Asylum-seekers,percent,23.08%,30.00%,0.15%

        """

    static let financials = """
        operation,year,table,area,final_budget,funds_available,funds_available_pct,expenditure,expenditure_pct
        Kazakhstan MCO,2024,impact,IA1: Protect,4152856,3894407,93.78%,3894407,100.00%
        Kazakhstan MCO,2024,impact,IA4: Solve,2256834,1127088,49.00%,1127088,100.00%
        Kazakhstan MCO,2024,impact,Total,6409690,5197617,81.09%,5021495,96.61%

        """

    /// The rules the findings come from, for the reports that describe them.
    static let rules = """
        crossfoot: 1
        pack: canned
        description: The rules of the canned reports.

        tables:
          indicators:
            subject: "{country}, {population_type} — {indicator_code} {indicator:48}"
          financials:
            subject: "{area} ({table} areas)"
            labels:
              funds_available: funds available
              funds_available_pct: funds available as % of budget

        rules:
          - id: percent-in-range
            description: Percentages lie between 0 and 100.
            severity: error
            table: indicators
            where: unit == "percent"
            range: {columns: [baseline, target, actual], min: 0, max: 100}

          - id: baseline-present
            description: Impact and outcome indicators have a baseline.
            severity: warning
            table: indicators
            where: indicator_kind in ["impact", "outcome"]
            required: {columns: baseline}

          - id: steep-drop
            description: A percentage does not fall from its baseline by more than 50 points.
            severity: warning
            table: indicators
            where: unit == "percent"
            change: {from: baseline, to: actual, max_drop: 50}

          - id: fraction-as-percent
            description: >
              A percentage target or actual of at most 1 where the baseline is at least 10: most
              likely a fraction typed into a percentage field (0.06 for 6%).
            severity: warning
            table: indicators
            where: unit == "percent"
            scale: {columns: [target, actual], reference: baseline, by: [operation, year, indicator_code, population_type], max_value: 1, min_reference: 10}

          - id: target-met
            description: Outcome indicators reach their target.
            severity: info
            table: indicators
            where: indicator_kind == "outcome"
            expect: actual >= target
            message: "actual {actual} is below the target {target}"

          - id: total-equals-parts
            description: >
              In each financial table, the Total row's funds available equal the sum of the other
              rows, allowing for the rounding of whole dollars.
            severity: error
            table: financials
            sum:
              columns: [funds_available]
              group_by: [operation, year, table]
              total: area == "Total"
            tolerance: rounding

          - id: funds-available-pct
            description: Funds available as % of budget recomputes as funds available / final budget × 100, to 2 decimals.
            severity: warning
            table: financials
            ratio: {column: funds_available_pct, numerator: funds_available, denominator: final_budget, scale: 100, decimals: 2}

        """

    /// The project config whose `accept` entries waived one finding and matched nothing.
    static let config = """
        crossfoot: 1
        accept:
          - rule: steep-drop
            where: 'country == "Uzbekistan" and indicator_code == "1.2"'
            reason: 'Confirmed by the country office: 100% → 0.06% is real (movement was restricted in 2024, "no travel" order)'
          - rule: percent-in-range
            where: 'country == "Tajikistan"'
            reason: Tajikistan reports shares of households, which may pass 100 when households are counted twice

        """

    /// The baseline entry that no longer matches a finding (Kazakhstan 3.1 was corrected since), as
    /// the baseline file holds it.
    static let baseline = """
        {
          "crossfoot_baseline": 1,
          "entries": [
            {
              "rule": "steep-drop",
              "table": "indicators",
              "key": {"operation": "Kazakhstan MCO", "year": "2024", "indicator_code": "3.1", "country": "Kazakhstan", "population_type": "Refugees and Asylum-seekers"},
              "column": "actual",
              "value": "25.64%",
              "path": "reports/kazakhstan-2024/indicators.csv"
            }
          ]
        }

        """

    /// The cells of line `line` of an input, by column name.
    static func row(_ text: String, line: Int) -> [(name: String, text: String)] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let names = lines[0].split(separator: ",", omittingEmptySubsequences: false)
        let cells = lines[line - 1].split(separator: ",", omittingEmptySubsequences: false)
        return zip(names, cells).map { (String($0), String($1)) }
    }

    static func at(_ path: String, _ line: Int, _ column: Int) -> CrossfootBase.SourceLocation {
        CrossfootBase.SourceLocation(path: path, line: line, column: column)
    }

    /// A finding on the cell at `columns` (end exclusive) of line `line`, with that line's cells as its row.
    static func finding(
        _ rule: String, _ check: String, _ severity: Severity, _ message: String, path: String, line: Int, columns: ClosedRange<Int>,
        table: String, column: String, actual: Finding.Value, expected: Finding.Value, expectation: String?, score: Double,
        magnitude: Double, notes: [FindingNote] = []
    ) -> Finding {
        let text = path == indicatorsPath ? indicators : financials
        var f = Finding(
            rule: rule, check: check, severity: severity, message: message, location: at(path, line, columns.lowerBound),
            endLocation: at(path, line, columns.upperBound), table: table, column: column, row: row(text, line: line), actual: actual, expected: expected)
        f.expectation = expectation
        f.score = score
        f.magnitude = magnitude
        f.notes = notes
        return f
    }

    /// The one result every canned report renders: two inputs with findings of both shown
    /// severities (infos are below `--min-severity warning`), an accepted, two baselined, a
    /// hidden and two unlisted findings, a stale baseline entry, an unused `accept` entry, two
    /// unreadable inputs and a note.
    static func result() throws -> LintResult {
        let ruleSet = try Support.rules(rules)
        let accepts: [Acceptance]
        switch ConfigParser.parse(SourceFile(path: ".crossfoot.yaml", text: config), directory: "/") {
        case .success(let parsed): accepts = parsed.accept
        case .failure(let errors): throw errors
        }
        try #require(accepts.count == 2)

        let uzbekistan12 = "Uzbekistan, Refugees and Asylum-seekers — 1.2 Proportion of people who are able to move freely…"
        let fraction = finding(
            "fraction-as-percent", "scale", .warning,
            "\(uzbekistan12): actual 0.06% looks like a fraction written as a percentage: 0.06% — or 6%? (the baseline is 100.00%)",
            path: indicatorsPath, line: 4, columns: 212...217, table: "indicators", column: "actual", actual: .number(Number(significand: 6, exponent: -2)),
            expected: .number(Number(significand: 6, exponent: 0)), expectation: "expected a value comparable to the baseline 100.00%, found 0.06% — or 6%?",
            score: 0.8, magnitude: 1,
            notes: [
                FindingNote("the baseline 100.00%", at: at(indicatorsPath, 4, 203)),
                FindingNote("Kazakhstan and Kyrgyzstan report 100.00% and 99.30% for the same indicator"),
            ])
        let range = finding(
            "percent-in-range", "range", .error,
            "Kyrgyzstan, Refugees and Asylum-seekers — 3.2a Proportion of children & young people enrolled…: actual 108.50% is above the maximum 100",
            path: indicatorsPath, line: 6, columns: 200...207, table: "indicators", column: "actual", actual: .number(Number(significand: 10850, exponent: -2)),
            expected: .number(Number(significand: 100, exponent: 0)), expectation: "expected at most 100, found 108.50%", score: 0.92, magnitude: 0.92)
        let ratio = finding(
            "funds-available-pct", "ratio", .warning,
            "IA4: Solve (impact areas): funds available as % of budget 49.00% does not recompute: funds available 1,127,088 / final budget 2,256,834 × 100 = 49.94%",
            path: financialsPath, line: 3, columns: 55...61, table: "financials", column: "funds_available_pct",
            actual: .number(Number(significand: 4900, exponent: -2)), expected: .number(Number(significand: 4994, exponent: -2)),
            expectation: "expected 49.94% (to 2 decimals), found 49.00%", score: 0.152, magnitude: 0.19)
        let sum = finding(
            "total-equals-parts", "sum", .error,
            "Total (impact areas): funds available 5,197,617 does not match the sum of the 2 other rows, 5,021,495 (off by 176,122; rounding explains at most 1.5)",
            path: financialsPath, line: 4, columns: 42...49, table: "financials", column: "funds_available",
            actual: .number(Number(significand: 5_197_617, exponent: 0)), expected: .number(Number(significand: 5_021_495, exponent: 0)),
            expectation: "expected 5,021,495 ± 1.5 (sum of 2 rounded parts), found 5,197,617", score: 1, magnitude: 1,
            notes: [
                FindingNote("IA1: Protect: funds available 3,894,407", at: at(financialsPath, 2, 49)),
                FindingNote("IA4: Solve: funds available 1,127,088", at: at(financialsPath, 3, 47)),
            ])
        let drop = finding(
            "steep-drop", "change", .warning, "\(uzbekistan12): actual 0.06% is 99.94 points below the baseline 100.00%",
            path: indicatorsPath, line: 4, columns: 212...217, table: "indicators", column: "actual", actual: .number(Number(significand: 6, exponent: -2)),
            expected: .missing, expectation: "expected at most 50 points below the baseline 100.00%, found 0.06%", score: 0.8, magnitude: 1)
        let noBaseline = finding(
            "baseline-present", "required", .warning,
            "Uzbekistan, Refugees and Asylum-seekers — 3.2a Proportion of children & young people enrolled…: baseline is empty",
            path: indicatorsPath, line: 5, columns: 186...186, table: "indicators", column: "baseline", actual: .missing, expected: .missing,
            expectation: nil, score: 0.4, magnitude: 0.5)
        let belowTarget = finding(
            "target-met", "expect", .info,
            "Turkmenistan, Refugees and Asylum-seekers — 4.1 Number of people who departed on resettlement: actual 3 is below the target 20",
            path: indicatorsPath, line: 7, columns: 159...160, table: "indicators", column: "actual", actual: .number(Number(significand: 3, exponent: 0)),
            expected: .number(Number(significand: 20, exponent: 0)), expectation: "expected actual >= target, found 3 against 20", score: 0.255, magnitude: 0.85
        )

        // In the order given on the command line, not by path: reports sort.
        let files = [
            Linter.FileResult(
                path: indicatorsPath, format: .csv, tables: 1, rows: 7, findings: [fraction, range], notes: [],
                rowsByTable: [.init(name: "indicators", rows: 7)]),
            Linter.FileResult(
                path: financialsPath, format: .csv, tables: 1, rows: 3, findings: [ratio, sum], notes: [],
                rowsByTable: [.init(name: "financials", rows: 3)]),
        ]
        let unreadable = [
            Diagnostic(.error, "the file is not valid UTF-8: byte 0xFF cannot start a character", at: at("reports/kazakhstan-2023/report.md", 212, 31)),
            Diagnostic(.error, "cannot read the file: permission denied", path: "reports/kazakhstan-2023/chart.json"),
        ]
        let notes = [Diagnostic(.note, "skipped: not a format Crossfoot reads (.md, .txt, .csv, .json)", path: "reports/kazakhstan-2024/summary.pdf")]
        var result = LintResult(
            Linter.Run(
                files: files, inputErrors: unreadable, ruleCount: ruleSet.rules.count, ruleIDs: ruleSet.rules.map(\.id),
                rules: ruleSet.rules, notes: notes))
        result.accepted = [AcceptedFinding(finding: drop, reason: accepts[0].reason)]
        result.baselined = [belowTarget, noBaseline]
        result.stale = try Baseline.read(SourceFile(path: ".crossfoot-baseline.json", text: baseline)).entries
        result.unusedAccepts = [accepts[1]]
        // `--max-findings-per-rule 1` left out Turkmenistan 3.1's fraction and its missed target;
        // `--min-severity warning` then hid Uzbekistan 3.2a's missed target.
        result.unlisted = ["fraction-as-percent": 1, "target-met": 1]
        result.unlistedBySeverity = [.warning: 1, .info: 1]
        result.hidden = [.info: 1]
        result.minSeverity = .warning
        result.sources = [indicatorsPath: SourceFile(path: indicatorsPath, text: indicators)]
        result.datasets = [
            indicatorsPath: try Support.dataset(indicators, path: indicatorsPath, format: .csv),
            financialsPath: try Support.dataset(financials, path: financialsPath, format: .csv),
        ]
        return result
    }

    /// Paths relative to `/`, which every machine has; the inputs' relative paths stay as they are.
    static func context(jobs: Int = 1) throws -> ReportContext {
        ReportContext(
            paths: RepositoryPaths(root: "/"), schemas: try Support.rules(rules).schemas, failOn: .warning,
            baselineFile: ".crossfoot-baseline.json", jobs: jobs)
    }

    @Test func theInputsAreNotOnThisMachine() {
        // A path that exists would be made absolute against the root, and the reports would then
        // depend on the working directory.
        for path in [Self.indicatorsPath, Self.financialsPath, "reports/kazakhstan-2023/report.md", "reports/kazakhstan-2023/chart.json"] {
            #expect(!FileManager.default.fileExists(atPath: path), "\(path) exists here")
        }
    }

    // The XLSX report is bytes, read back by openpyxl and python-calamine (XLSXFindingsTests).
    @Test(arguments: OutputFormat.allCases.filter { $0 != .xlsx })
    func rendersAsCanned(_ format: OutputFormat) throws {
        let run = try Self.result()
        let reporter = format.reporter(color: false, context: try Self.context())
        let text = reporter.render(run)
        Snapshot.assert(text, named: "canned.\(format.rawValue)", in: Self.folder)
        // The bytes written to a file, whole or in parts, are the same text.
        #expect(reporter.renderBytes(run) == Array(text.utf8))
        #expect(reporter.renderParts(run).flatMap { $0 } == Array(text.utf8))
    }

    @Test func jsonIsTheSameOnOneThreadAndOnThree() throws {
        let run = try Self.result()
        let one = OutputFormat.json.reporter(context: try Self.context(jobs: 1)).renderBytes(run)
        let three = OutputFormat.json.reporter(context: try Self.context(jobs: 3)).renderBytes(run)
        #expect(one == three)
    }

    /// Below 256 findings the JSON report is written on one thread whatever `jobs` says; with
    /// more, its findings are really split among threads and must still come out the same.
    @Test func jsonOfManyFindingsIsTheSameOnOneThreadAndOnThree() throws {
        var run = try Self.result()
        for f in run.files.indices {
            let findings = run.files[f].findings
            run.files[f].findings = (0..<300).flatMap { n in
                findings.map { finding in
                    var copy = finding
                    copy.location.line += 10 * n
                    copy.endLocation.line += 10 * n
                    return copy
                }
            }
        }
        let one = JSONReporter(jobs: 1).renderParts(run)
        let three = JSONReporter(jobs: 3).renderParts(run)
        #expect(one.count == 3)
        #expect(three.count == 5)
        #expect(one.flatMap { $0 } == three.flatMap { $0 })
    }
}
