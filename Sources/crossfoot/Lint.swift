import ArgumentParser
import Crossfoot
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Severity: ExpressibleByArgument {}
extension InputFormat: ExpressibleByArgument {}
extension OutputFormat: ExpressibleByArgument {}

/// How findings are ordered in the outputs.
enum FindingSort: String, ExpressibleByArgument, CaseIterable {
    case location, score
}
extension FailOn: ExpressibleByArgument {}

/// A size on the command line: `67108864`, `64MiB`, `1.5GiB`.
struct Size: ExpressibleByArgument {
    var bytes: Int

    init?(argument: String) {
        guard let n = ByteSize.parse(argument), n >= 0 else { return nil }
        bytes = n
    }
}

/// Options shared by every command that loads rules.
struct RuleOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A rule file or folder of rule files; repeat for several. Replaces the configured packs; 'default' brings the embedded pack back.", valueName: "path"))
    var rules: [String] = []

    @Option(name: .customLong("max-yaml-depth"), help: "The deepest nesting a rule file may have (default: 256).")
    var maxYAMLDepth: Int?

    @Option(name: .customLong("max-yaml-aliases"), help: "The most nodes YAML aliases may expand to (default: 10000).")
    var maxYAMLAliases: Int?

    @Option(name: .customLong("max-rule-file-size"), help: ArgumentHelp("The largest rule file, in bytes or as 64MiB (default: 64MiB).", valueName: "size"))
    var maxRuleFileSize: Size?

    /// Puts the limits given on the command line over the config's.
    func apply(to config: inout ProjectConfig) {
        if let maxYAMLDepth { config.limits[.maxYAMLDepth] = .init(maxYAMLDepth, .commandLine) }
        if let maxYAMLAliases { config.limits[.maxYAMLAliases] = .init(maxYAMLAliases, .commandLine) }
        if let maxRuleFileSize { config.limits[.maxRuleFileSize] = .init(maxRuleFileSize.bytes, .commandLine) }
    }

    func limits(_ config: ProjectConfig? = nil) -> YAMLLimits {
        var resolved = config ?? ProjectConfig(directory: ".")
        apply(to: &resolved)
        return YAMLLimits(maxDepth: resolved.limit(.maxYAMLDepth), maxAliasExpansion: resolved.limit(.maxYAMLAliases), maxFileSize: resolved.limit(.maxRuleFileSize))
    }

    /// Compiles the chosen packs (`specs`, or the `--rules` given), printing diagnostics; exits 2
    /// on any error.
    func compile(_ specs: [String]? = nil, overrides: [ProjectConfig.RuleOverride] = [], config: ProjectConfig? = nil) throws -> RuleSet {
        let limits = limits(config)
        let chosen = rules.isEmpty ? (specs ?? [RulePacks.defaultName]) : rules
        let (files, problems) = RulePacks.load(chosen, limits: limits)
        problems.forEach(Terminal.report)
        let result = RuleCompiler.compile(files, limits: limits, overrides: overrides)
        result.diagnostics.forEach(Terminal.report)
        guard problems.isEmpty, let set = result.ruleSet else {
            // Overrides are checked against the rules they name; their errors are the config's.
            let inConfig = Set(overrides.map(\.id.location.path))
            let configErrors = result.errors.filter { inConfig.contains($0.path) }.count
            let ruleErrors = result.errors.count + problems.count - configErrors
            let parts = [(ruleErrors, "the rule files"), (configErrors, "the config")]
                .filter { $0.0 > 0 }
                .map { "\($0.0) error\($0.0 == 1 ? "" : "s") in \($0.1)" }
            Terminal.error(parts.joined(separator: " and ") + "; nothing was linted")
            throw ExitWith(code: Exit.usage)
        }
        return set
    }
}

/// Finding and reading `.crossfoot.yaml`.
struct ConfigOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The project config to use instead of the .crossfoot.yaml found from the working folder up to the repository root.", valueName: "file"))
    var config: String?

    @Flag(name: .customLong("no-config"), help: "Use no project config, even if one is found.")
    var noConfig = false

    /// The config in effect (an empty one when there is none); exits 2 on an error in it.
    func load() throws -> ProjectConfig {
        if noConfig { return ProjectConfig(directory: ".") }
        let path: String
        if let config {
            guard FileSystem.kind(of: config) == .file else {
                Terminal.error("\(config): error: no such config file")
                throw ExitWith(code: Exit.usage)
            }
            path = config
        } else if let found = ProjectConfig.discover(from: ".") {
            path = found
        } else {
            return ProjectConfig(directory: ".")
        }
        let directory = path.contains("/") ? String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]) : "."
        do {
            let file = SourceFile(path: path, bytes: try TextDecoding.utf8(try FileSystem.read(path), path: path))
            switch ConfigParser.parse(file, directory: directory.isEmpty ? "/" : directory) {
            case .success(let parsed): return parsed
            case .failure(let list):
                list.diagnostics.forEach(Terminal.report)
                Terminal.error("\(list.diagnostics.count) error\(list.diagnostics.count == 1 ? "" : "s") in the config; nothing was linted")
                throw ExitWith(code: Exit.usage)
            }
        } catch let error as Diagnostic {
            Terminal.report(error)
            throw ExitWith(code: Exit.usage)
        }
    }
}

/// What decides the gate, on the command line; each overrides the config.
struct GateOptions: ParsableArguments {
    @Option(name: .customLong("fail-on"), help: "The lowest severity that fails the run: error, warning, info or never (default: error).")
    var failOn: FailOn?

    @Option(name: .customLong("min-severity"), help: "The lowest severity shown: error, warning or info (default: info). What fails is --fail-on.")
    var minSeverity: Severity?

    @Option(name: .customLong("max-warnings"), help: "Fail when more than this many new warnings are found.")
    var maxWarnings: Int?

    @Option(help: ArgumentHelp("Report only findings not in this baseline file.", valueName: "file"))
    var baseline: String?

    /// Applies the command line over the config, recording the origin.
    func apply(to config: inout ProjectConfig) {
        if let failOn { config.failOn = .init(failOn, .commandLine) }
        if let minSeverity { config.minSeverity = .init(minSeverity, .commandLine) }
        if let maxWarnings { config.maxWarnings = .init(maxWarnings, .commandLine) }
        if let baseline { config.baseline = .init(baseline, .commandLine) }
    }
}

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

    @Option(help: "Output format: text, full, json, sarif, github, junit, gitlab, jsonl, markdown, html or triage (default: github under GitHub Actions, full on a terminal, otherwise text).")
    var format: OutputFormat?

    @Option(help: "The order of findings in every output: location (file, line, column) or score (most likely wrong first).")
    var sort: FindingSort = .location

    @Option(help: ArgumentHelp("With --format triage: show only this many groups (0: all).", valueName: "n"))
    var top: Int = 0

    @Option(help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(name: .customLong("report"), help: ArgumentHelp("Also write a report, as FORMAT=FILE (sarif=out.sarif, junit=out.xml, …); repeatable.", valueName: "format=file"))
    var reports: [String] = []

    @Option(name: .customLong("write-baseline"), help: ArgumentHelp("Record every finding of today in this file (whatever --fail-on or --min-severity say) and exit 0.", valueName: "file"))
    var writeBaseline: String?

    @Flag(name: .customLong("fail-on-stale"), help: "Fail when baseline entries no longer match a finding, so the baseline only shrinks.")
    var failOnStale = false

    @Option(name: .customLong("baseline-base"), help: ArgumentHelp("Fail when the baseline has entries its version at this git ref lacks, so a pull request cannot wave its own findings through.", valueName: "ref"))
    var baselineBase: String?

    @Option(help: ArgumentHelp("Lint only the input files changed since the merge base of this git ref and HEAD, plus untracked files.", valueName: "ref"))
    var since: String?

    @Option(name: .customLong("input-format"), help: "Read every input as this format instead of detecting it: report, csv or chart.")
    var inputFormat: InputFormat?

    @Option(name: .customLong("max-file-size"), help: ArgumentHelp("The largest input file, in bytes or as 4GiB (default: 4GiB).", valueName: "size"))
    var maxFileSize: Size?

    @Option(name: .customLong("max-line-length"), help: ArgumentHelp("The longest line of an input, in bytes or as 64MiB (default: 64MiB).", valueName: "size"))
    var maxLineLength: Size?

    @Option(name: .customLong("max-findings-per-rule"), help: ArgumentHelp("List at most this many findings of each rule; the others are counted in the summary (default: 10000; 0: all).", valueName: "n"))
    var maxFindingsPerRule: Int?

    @Flag(help: "Print only the number of findings per rule, most first (like Ruff's --statistics).")
    var statistics = false

    @Option(help: "Threads to use (default: one per processor). The output is the same for any number.")
    var jobs: Int = Linter.defaultJobs

    func run() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        let clock = PhaseClock()
        var config = try configOptions.load()
        gateOptions.apply(to: &config)
        ruleOptions.apply(to: &config)
        if let maxFileSize { config.limits[.maxFileSize] = .init(maxFileSize.bytes, .commandLine) }
        if let maxLineLength { config.limits[.maxLineLength] = .init(maxLineLength.bytes, .commandLine) }
        if let maxFindingsPerRule { config.limits[.maxFindingsPerRule] = .init(maxFindingsPerRule, .commandLine) }
        let (packs, packProblems) = config.resolvedPacks()
        if ruleOptions.rules.isEmpty, !packProblems.isEmpty {
            packProblems.forEach(Terminal.report)
            throw ExitWith(code: Exit.usage)
        }
        var ruleSet = try ruleOptions.compile(packs, overrides: config.rules, config: config)
        let reportSpecs = try parseReports()
        let chosen = format ?? (Terminal.environment("GITHUB_ACTIONS") == "true" ? .github : (output == nil && Terminal.stdoutIsTerminal ? .full : .text))
        // The expected-against-found line is worded only for the formats that show it.
        let explained: Set<OutputFormat> = [.full, .html, .triage]
        ruleSet.explains = !statistics && (explained.contains(chosen) || reportSpecs.contains { explained.contains($0.0) }
            || config.reports.value.contains { OutputFormat(rawValue: $0.format).map(explained.contains) ?? false })
        var acceptances: Acceptances?
        switch Acceptances.compile(config.accept, ruleSet: ruleSet) {
        case .success(let compiled): acceptances = config.accept.isEmpty ? nil : compiled
        case .failure(let list):
            list.diagnostics.forEach(Terminal.report)
            Terminal.error("\(list.diagnostics.count) error\(list.diagnostics.count == 1 ? "" : "s") in the config; nothing was linted")
            throw ExitWith(code: Exit.usage)
        }
        for o in config.overrides {
            for rule in o.rules where !ruleSet.knownIDs.contains(rule.id.value) {
                Terminal.report(.error("no loaded rule is called '\(rule.id.value)'", at: rule.id.location))
                throw ExitWith(code: Exit.usage)
            }
        }
        let root = config.file != nil ? config.directory : Git.topLevel(".")
        let repository = RepositoryPaths(root: root)

        // Which files.
        let roots = paths.isEmpty ? [config.file == nil ? "." : config.directory] : paths
        let collected = InputReader.collectWithNotes(roots)
        var files = collected.files
        let problems = collected.problems
        let notes = collected.notes
        if paths.isEmpty, !config.include.value.isEmpty {
            files = files.filter { file in config.include.value.contains { $0.matches(config.relative(file.path)) } }
        }
        if !config.exclude.value.isEmpty {
            files = files.filter { file in !config.exclude.value.contains { $0.matches(config.relative(file.path)) } }
        }
        if let since {
            let top = Git.topLevel(".") ?? "."
            let changed: Set<String>
            do {
                changed = Set(try Git.changedFiles(since: since, in: top))
            } catch {
                Terminal.report(error)
                throw ExitWith(code: Exit.usage)
            }
            let topPaths = RepositoryPaths(root: top)
            files = files.filter { changed.contains(topPaths.relative($0.path)) }
        }

        // The linter never writes to its inputs: an output or report that names one is refused.
        let inputs = Set(files.compactMap { FileSystem.identity(of: $0.path) })
        let outputs = [output, writeBaseline].compactMap { $0 } + reportSpecs.map(\.1) + config.reports.value.map { config.resolve($0.path) }
        for path in outputs {
            if let id = FileSystem.identity(of: path), inputs.contains(id) {
                Terminal.error("\(path): error: this is one of the inputs; Crossfoot never writes to its inputs (choose another file)")
                throw ExitWith(code: Exit.usage)
            }
        }
        let linter = Linter(ruleSet: ruleSet, options: Linter.Options(inputFormat: inputFormat, maxFileSize: config.limit(.maxFileSize),
                                                                      maxLineLength: config.limit(.maxLineLength), jobs: jobs))
        var run = linter.lint(files: files)
        run.inputErrors = problems + run.inputErrors
        run.notes = notes + run.notes
        clock.mark("lint")
        let frozen = config
        var gate = Gate(paths: repository, patternPath: { frozen.relative($0) })
        gate.overrides = config.overrides
        gate.acceptances = acceptances
        gate.partial = since != nil
        gate.applyOverrides(&run)

        for note in run.notes { Terminal.report(note) }
        for file in run.files { file.notes.forEach(Terminal.report) }
        run.inputErrors.forEach(Terminal.report)

        if let writeBaseline {
            // Accepted findings have their reason in the config; the baseline takes the rest.
            var recorded = run
            gate.classify(&recorded, schemas: ruleSet.schemas)
            let baseline = gate.baselineOf(recorded, schemas: ruleSet.schemas)
            do {
                try FileSystem.write(baseline.json(), to: writeBaseline)
            } catch {
                Terminal.report(error)
                throw ExitWith(code: Exit.usage)
            }
            Terminal.error("wrote \(writeBaseline): \(baseline.entries.count) finding\(baseline.entries.count == 1 ? "" : "s") accepted for now")
            Glibc.exit(run.inputErrors.isEmpty ? Exit.clean : Exit.unreadable)
        }
        var baselineGrew = false
        if let baselinePath = config.baseline.value {
            let resolved = config.baseline.origin.isFile ? config.resolve(baselinePath) : baselinePath
            if FileSystem.kind(of: resolved) == .file {
                do throws(Diagnostic) {
                    let file = SourceFile(path: resolved, bytes: try FileSystem.read(resolved))
                    gate.baseline = try Baseline.read(file)
                } catch {
                    Terminal.report(error)
                    throw ExitWith(code: Exit.usage)
                }
            } else {
                Terminal.error("\(resolved): note: no baseline file yet; every finding is new (create it with --write-baseline \(resolved))")
            }
            if let baselineBase, let current = gate.baseline {
                baselineGrew = try checkBaselineGrowth(current, path: resolved, ref: baselineBase)
            }
        }
        gate.classify(&run, schemas: ruleSet.schemas)
        // Only the first findings of each rule are listed; the others still count.
        let keep = config.limit(.maxFindingsPerRule)
        if keep > 0 { run.keepFirst(keep) }

        // Exit code from everything new, whatever is shown.
        let failOn = config.failOn.value
        var code: Int32 = Exit.clean
        let warnings = run.count(.warning)
        if run.files.contains(where: { $0.findings.contains { failOn.fails($0.severity) } }) { code = Exit.findings }
        if failOnStale, !run.stale.isEmpty { code = Exit.findings }
        if let maxWarnings = config.maxWarnings.value, warnings > maxWarnings {
            Terminal.error("\(warnings) new warning\(warnings == 1 ? "" : "s"), more than --max-warnings \(maxWarnings)")
            code = Exit.findings
        }
        if baselineGrew { code = Exit.findings }
        if !run.inputErrors.isEmpty { code = Exit.unreadable }

        // What is shown.
        var shown = run
        let minimum = config.minSeverity.value
        shown.hide(below: minimum)
        let context = ReportContext(paths: repository, schemas: ruleSet.schemas, failOn: failOn, baselineFile: config.baseline.value)
        shown.sortByScore = sort == .score
        let color = output == nil && [.text, .full, .triage].contains(chosen) && Terminal.colorOnStdout
        let reporter: any Reporter = chosen == .triage ? TriageReporter(color: color, limit: top > 0 ? top : nil) : chosen.reporter(color: color, context: context)
        let parts = statistics ? StatisticsReporter().renderParts(shown) : reporter.renderParts(shown)
        clock.mark("render")
        do throws(Diagnostic) {
            if let output {
                try FileSystem.write(parts: parts, to: output)
            } else {
                Terminal.write(parts: parts)
            }
            for (format, path) in reportSpecs + config.reports.value.map({ ($0.format, config.resolve($0.path)) }).compactMap({ spec in OutputFormat(rawValue: spec.0).map { ($0, spec.1) } }) {
                try FileSystem.makeDirectory(Self.folder(of: path))
                try FileSystem.write(format.reporter(context: context).renderBytes(shown), to: path)
            }
            if chosen == .github, let summary = Terminal.environment("GITHUB_STEP_SUMMARY"), !summary.isEmpty {
                try FileSystem.append(Array(MarkdownReporter(context: context).render(shown).utf8), to: summary)
            }
        } catch {
            Terminal.report(error)
            throw ExitWith(code: Exit.usage)
        }
        // Everything is written: leave without tearing down millions of cells and findings.
        clock.mark("write")
        Glibc.exit(code)
    }

    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }

    func parseReports() throws -> [(OutputFormat, String)] {
        try reports.map { spec in
            let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let format = OutputFormat(rawValue: parts[0]), !parts[1].isEmpty else {
                throw ValidationError("--report takes FORMAT=FILE with FORMAT one of \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")), not '\(spec)'")
            }
            return (format, parts[1])
        }
    }

    /// Whether the baseline gained entries compared with its version at `ref`.
    func checkBaselineGrowth(_ current: Baseline, path: String, ref: String) throws -> Bool {
        let top = Git.topLevel(".") ?? "."
        let relative = RepositoryPaths(root: top).relative(path)
        do throws(Diagnostic) {
            guard let old = try Git.show(ref, path: relative, in: top) else {
                if !current.entries.isEmpty {
                    Terminal.error("\(path): error: the baseline does not exist at \(ref), so all \(current.entries.count) of its entries are new; a pull request cannot add findings to the baseline")
                    return true
                }
                return false
            }
            let before = try Baseline.read(SourceFile(path: "\(ref):\(relative)", bytes: old))
            var counts: [String: Int] = [:]
            for entry in before.entries { counts[entry.identity, default: 0] += 1 }
            var added = 0
            for entry in current.entries {
                if let n = counts[entry.identity], n > 0 { counts[entry.identity] = n - 1 } else { added += 1 }
            }
            if added > 0 {
                Terminal.error("\(path): error: the baseline gained \(added) entr\(added == 1 ? "y" : "ies") since \(ref); fix the findings instead of adding them to the baseline")
                return true
            }
            return false
        } catch {
            Terminal.report(error)
            throw ExitWith(code: Exit.usage)
        }
    }
}

extension ProjectConfig.Origin {
    var isFile: Bool {
        if case .file = self { return true }
        return false
    }
}
