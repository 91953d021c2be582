import Crossfoot

/// `crossfoot lint`: the command CI runs on every change.
struct Lint {
    static let abstract = "Check files and folders against the rules."
    static let discussion = """
        Reads results reports (.md/.txt), CSV files and chart data (.json or saved pages), and \
        reports every finding at its file, line and column. Settings come from .crossfoot.yaml \
        (found from the working folder up to the repository root), then the command line.

        Examples:
          crossfoot lint Samples
          crossfoot lint report.md --rules default --rules my-rules.yaml --fail-on warning
          crossfoot lint data/ --format json --output findings.json
          crossfoot lint --report sarif=out/crossfoot.sarif --baseline .crossfoot-baseline.json
          crossfoot lint --write-baseline .crossfoot-baseline.json

        Exit codes: 0 no finding at or above --fail-on; 1 there are (or stale baseline entries \
        under --fail-on-stale, or more than --max-warnings new warnings); 2 usage, rule-file or \
        config error (nothing linted); 3 an input could not be read (the others are still reported).
        """

    static let options: [OptionSpec] =
        RuleOptions.options + ConfigOptions.options + GateOptions.options + [
            .value(
                "format", "format",
                "Output format: text, full, json, sarif, github, junit, gitlab, jsonl, markdown, html, triage, csv or xlsx (default: github under GitHub Actions, full on a terminal, otherwise text)."
            ),
            .value("sort", "sort", "The order of findings in every output: location (file, line, column) or score (most likely wrong first)."),
            .value("top", "n", "With --format triage: show only this many groups (0: all)."),
            .value("output", "file", "Write the report to this file instead of standard output."),
            .value("report", "format=file", "Also write a report, as FORMAT=FILE (sarif=out.sarif, junit=out.xml, …); repeatable.", repeats: true),
            .value("write-baseline", "file", "Record every finding of today in this file (whatever --fail-on or --min-severity say) and exit 0."),
            .flag("fail-on-stale", "Fail when baseline entries no longer match a finding, so the baseline only shrinks."),
            .value(
                "baseline-base", "ref",
                "Fail when the baseline has entries its version at this git ref lacks, so a pull request cannot wave its own findings through."),
            .value("since", "ref", "Lint only the input files changed since the merge base of this git ref and HEAD, plus untracked files."),
            .value("input-format", "format", "Read every input as this format instead of detecting it: report, csv, chart, json-rows, pdf or xlsx."),
            .value("max-file-size", "size", "The largest input file, in bytes or as 4GiB (default: 4GiB)."),
            .value("max-line-length", "size", "The longest line of an input, in bytes or as 64MiB (default: 64MiB)."),
            .value(
                "max-findings-per-rule", "n", "List at most this many findings of each rule; the others are counted in the summary (default: 10000; 0: all)."),
            .flag("statistics", "Print only the number of findings per rule, most first (like Ruff's --statistics)."),
            .value("jobs", "n", "Threads to use (default: one per processor). The output is the same for any number."),
        ]

    static let spec = CommandSpec(
        name: "lint", abstract: abstract, discussion: discussion,
        arguments: ("path", "Files or folders to lint (default: the config's include patterns, or the working folder).", true, false),
        options: options)

    var paths: [String]
    var ruleOptions: RuleOptions
    var configOptions: ConfigOptions
    var gateOptions: GateOptions
    var format: OutputFormat?
    var sort: FindingSort
    var top: Int
    var output: String?
    /// `--report FORMAT=FILE`, each read.
    var reports: [(format: OutputFormat, path: String)]
    var writeBaseline: String?
    var failOnStale: Bool
    var baselineBase: String?
    var since: String?
    var inputFormat: InputFormat?
    var maxFileSize: Int?
    var maxLineLength: Int?
    var maxFindingsPerRule: Int?
    var statistics: Bool
    var jobs: Int

    init(_ arguments: Arguments) throws(UsageError) {
        paths = arguments.positionals
        ruleOptions = try RuleOptions(arguments)
        configOptions = ConfigOptions(arguments)
        gateOptions = try GateOptions(arguments)
        format = try arguments.choice("format", OutputFormat.self)
        sort = try arguments.choice("sort", FindingSort.self) ?? .location
        top = try arguments.int("top") ?? 0
        output = arguments.string("output")
        writeBaseline = arguments.string("write-baseline")
        failOnStale = arguments.flag("fail-on-stale")
        baselineBase = arguments.string("baseline-base")
        since = arguments.string("since")
        inputFormat = try arguments.choice("input-format", InputFormat.self)
        maxFileSize = try arguments.size("max-file-size")
        maxLineLength = try arguments.size("max-line-length")
        maxFindingsPerRule = try arguments.int("max-findings-per-rule")
        statistics = arguments.flag("statistics")
        jobs = try arguments.int("jobs") ?? Linter.defaultJobs
        guard jobs >= 1 else { throw UsageError("--jobs must be at least 1") }
        reports = try Self.parseReports(arguments.strings("report"))
    }

    func run() throws {
        var config = try configOptions.load()
        gateOptions.apply(to: &config)
        ruleOptions.apply(to: &config)
        if let maxFileSize { config.limits[.maxFileSize] = .init(maxFileSize, .commandLine) }
        if let maxLineLength { config.limits[.maxLineLength] = .init(maxLineLength, .commandLine) }
        if let maxFindingsPerRule { config.limits[.maxFindingsPerRule] = .init(maxFindingsPerRule, .commandLine) }
        var options = LintSession.Options()
        options.paths = paths
        options.rules = ruleOptions.rules
        options.since = since
        options.inputFormat = inputFormat
        options.jobs = jobs
        options.writeBaseline = writeBaseline
        options.failOnStale = failOnStale
        options.baselineBase = baselineBase
        options.format = format ?? (Terminal.environment("GITHUB_ACTIONS") == "true" ? .github : (output == nil && Terminal.stdoutIsTerminal ? .full : .text))
        options.output = output
        options.reports = reports
        options.sortByScore = sort == .score
        options.top = top > 0 ? top : nil
        options.statistics = statistics
        options.color = output == nil && [.text, .full, .triage].contains(options.format) && Terminal.colorOnStdout
        options.stepSummary = Terminal.environment("GITHUB_STEP_SUMMARY")

        let outcome = LintSession(config: config, options: options).run()
        Terminal.report(outcome.messages)
        do throws(Diagnostic) {
            try outcome.write(standardOutput: Terminal.write(parts:))
        } catch {
            Terminal.report(error)
            throw ExitWith(code: Exit.usage)
        }
        Terminal.report(outcome.closingMessages)
        // Everything is written: leave without tearing down millions of cells and findings.
        Terminal.exit(outcome.exitCode)
    }

    static func parseReports(_ reports: [String]) throws(UsageError) -> [(format: OutputFormat, path: String)] {
        try reports.map { spec throws(UsageError) in
            let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let format = OutputFormat(rawValue: parts[0]), !parts[1].isEmpty else {
                throw UsageError(
                    "--report takes FORMAT=FILE with FORMAT one of \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")), not '\(spec)'")
            }
            return (format, parts[1])
        }
    }
}
