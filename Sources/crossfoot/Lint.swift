import ArgumentParser
import Crossfoot

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check files and folders against the rules.",
        discussion: """
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
    )

    @Argument(help: ArgumentHelp("Files or folders to lint (default: the config's include patterns, or the working folder).", valueName: "path"))
    var paths: [String] = []

    @OptionGroup var ruleOptions: RuleOptions
    @OptionGroup var configOptions: ConfigOptions
    @OptionGroup var gateOptions: GateOptions

    @Option(
        help:
            "Output format: text, full, json, sarif, github, junit, gitlab, jsonl, markdown, html, triage, csv or xlsx (default: github under GitHub Actions, full on a terminal, otherwise text)."
    )
    var format: OutputFormat?

    @Option(help: "The order of findings in every output: location (file, line, column) or score (most likely wrong first).")
    var sort: FindingSort = .location

    @Option(help: ArgumentHelp("With --format triage: show only this many groups (0: all).", valueName: "n"))
    var top: Int = 0

    @Option(help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(
        name: .customLong("report"),
        help: ArgumentHelp("Also write a report, as FORMAT=FILE (sarif=out.sarif, junit=out.xml, …); repeatable.", valueName: "format=file"))
    var reports: [String] = []

    @Option(
        name: .customLong("write-baseline"),
        help: ArgumentHelp("Record every finding of today in this file (whatever --fail-on or --min-severity say) and exit 0.", valueName: "file"))
    var writeBaseline: String?

    @Flag(name: .customLong("fail-on-stale"), help: "Fail when baseline entries no longer match a finding, so the baseline only shrinks.")
    var failOnStale = false

    @Option(
        name: .customLong("baseline-base"),
        help: ArgumentHelp(
            "Fail when the baseline has entries its version at this git ref lacks, so a pull request cannot wave its own findings through.", valueName: "ref"))
    var baselineBase: String?

    @Option(help: ArgumentHelp("Lint only the input files changed since the merge base of this git ref and HEAD, plus untracked files.", valueName: "ref"))
    var since: String?

    @Option(name: .customLong("input-format"), help: "Read every input as this format instead of detecting it: report, csv, chart, json-rows, pdf or xlsx.")
    var inputFormat: InputFormat?

    @Option(name: .customLong("max-file-size"), help: ArgumentHelp("The largest input file, in bytes or as 4GiB (default: 4GiB).", valueName: "size"))
    var maxFileSize: Size?

    @Option(name: .customLong("max-line-length"), help: ArgumentHelp("The longest line of an input, in bytes or as 64MiB (default: 64MiB).", valueName: "size"))
    var maxLineLength: Size?

    @Option(
        name: .customLong("max-findings-per-rule"),
        help: ArgumentHelp("List at most this many findings of each rule; the others are counted in the summary (default: 10000; 0: all).", valueName: "n"))
    var maxFindingsPerRule: Int?

    @Flag(help: "Print only the number of findings per rule, most first (like Ruff's --statistics).")
    var statistics = false

    @Option(help: "Threads to use (default: one per processor). The output is the same for any number.")
    var jobs: Int = Linter.defaultJobs

    func run() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        var config = try configOptions.load()
        gateOptions.apply(to: &config)
        ruleOptions.apply(to: &config)
        if let maxFileSize { config.limits[.maxFileSize] = .init(maxFileSize.bytes, .commandLine) }
        if let maxLineLength { config.limits[.maxLineLength] = .init(maxLineLength.bytes, .commandLine) }
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
        options.reports = try parseReports()
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

    func parseReports() throws -> [(format: OutputFormat, path: String)] {
        try reports.map { spec in
            let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let format = OutputFormat(rawValue: parts[0]), !parts[1].isEmpty else {
                throw ValidationError(
                    "--report takes FORMAT=FILE with FORMAT one of \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")), not '\(spec)'")
            }
            return (format, parts[1])
        }
    }
}
