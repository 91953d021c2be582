import CrossfootBase
import CrossfootEngine
import CrossfootReports
import CrossfootRules
import CrossfootTables

/// One lint, as the command line runs it and as a program embedding Crossfoot calls it: the
/// rules compiled, the files chosen, linted, set against the baseline and the accepted
/// exceptions, capped and filtered for showing, the verdict decided and the reports prepared.
///
/// It prints nothing and writes nothing but a baseline asked for; `LintOutcome.write` writes
/// the reports.
///
/// ```swift
/// let outcome = LintSession(config: ProjectConfig(directory: "."), options: options).run()
/// ```
public struct LintSession: Sendable {
    public var config: ProjectConfig
    public var options: Options

    /// - Parameters:
    ///   - config: the project config, with any command-line settings already put over it.
    ///   - options: what to lint and which reports to make.
    public init(config: ProjectConfig, options: Options = Options()) {
        self.config = config
        self.options = options
    }

    /// Runs the whole lint.
    public func run() -> LintOutcome {
        var outcome = LintOutcome()
        func stop(_ messages: [SessionMessage]) -> LintOutcome {
            outcome.messages += messages
            outcome.exitCode = LintOutcome.usage
            return outcome
        }
        guard var ruleSet = compileRules(&outcome.messages) else { return stop([]) }
        ruleSet.explains = !options.statistics && explains
        var acceptances: Acceptances?
        switch Acceptances.compile(config.accept, ruleSet: ruleSet) {
        case .success(let compiled): acceptances = config.accept.isEmpty ? nil : compiled
        case .failure(let list):
            let n = list.diagnostics.count
            return stop(list.diagnostics.map(SessionMessage.diagnostic) + [.text("\(n) error\(n == 1 ? "" : "s") in the config; nothing was linted")])
        }
        for o in config.overrides {
            for rule in o.rules where !ruleSet.knownIDs.contains(rule.id.value) {
                return stop([.diagnostic(.error("no loaded rule is called '\(rule.id.value)'", at: rule.id.location))])
            }
        }
        let root = config.file != nil ? config.directory : Git.topLevel(".")
        let repository = RepositoryPaths(root: root)

        let selection: InputSelection
        switch InputSelection.choose(options: options, config: config) {
        case .success(let chosen): selection = chosen
        case .failure(let error): return stop([.diagnostic(error)])
        }
        // The linter never writes to its inputs: an output or report that names one is refused.
        let inputs = Set(selection.files.compactMap { FileSystem.identity(of: $0.path) })
        for path in writtenPaths where FileSystem.identity(of: path).map(inputs.contains) == true {
            return stop([.text("\(path): error: this is one of the inputs; Crossfoot never writes to its inputs (choose another file)")])
        }

        var linterOptions = Linter.Options(
            inputFormat: options.inputFormat, maxFileSize: config.limit(.maxFileSize), maxLineLength: config.limit(.maxLineLength), jobs: options.jobs)
        // Findings past --max-findings-per-rule are only counted, unless something other than
        // the listing reads them: a baseline, accepted exceptions, per-path overrides.
        let keep = config.limit(.maxFindingsPerRule)
        if acceptances == nil, config.overrides.isEmpty, config.baseline.value == nil, options.writeBaseline == nil {
            // Under --statistics with no report file, no finding is shown: all are counted.
            if countsOnly {
                linterOptions.findingCap = 0
            } else if keep > 0 {
                linterOptions.findingCap = keep
            }
        }
        let linter = Linter(ruleSet: ruleSet, options: linterOptions)
        var run = linter.lint(files: selection.files)
        run.inputErrors = selection.problems + run.inputErrors
        run.notes = selection.notes + run.notes
        let frozen = config
        var gate = Gate(paths: repository, patternPath: { frozen.relative($0) })
        gate.overrides = config.overrides
        gate.acceptances = acceptances
        gate.partial = options.since != nil
        var result = LintResult(run)
        gate.applyOverrides(&result)

        outcome.messages += run.notes.map(SessionMessage.diagnostic)
        for file in run.files { outcome.messages += file.notes.map(SessionMessage.diagnostic) }
        outcome.messages += run.inputErrors.map(SessionMessage.diagnostic)

        if let path = options.writeBaseline {
            // Accepted findings have their reason in the config; the baseline takes the rest.
            var recorded = result
            gate.classify(&recorded, schemas: ruleSet.schemas)
            let baseline = gate.baselineOf(recorded, schemas: ruleSet.schemas)
            outcome.result = recorded
            outcome.outputs = [.init(destination: .file(path), content: .baseline(baseline), makesFolder: false)]
            let n = baseline.entries.count
            outcome.closingMessages = [.text("wrote \(path): \(n) finding\(n == 1 ? "" : "s") accepted for now")]
            outcome.exitCode = run.inputErrors.isEmpty ? LintOutcome.clean : LintOutcome.unreadable
            return outcome
        }
        var baselineGrew = false
        if let baselinePath = config.baseline.value {
            let resolved = config.baseline.origin.isFile ? config.resolve(baselinePath) : baselinePath
            switch BaselineCheck.read(resolved) {
            case .success(let baseline):
                gate.baseline = baseline
                if baseline == nil {
                    outcome.messages.append(
                        .text("\(resolved): note: no baseline file yet; every finding is new (create it with --write-baseline \(resolved))"))
                }
            case .failure(let error): return stop([.diagnostic(error)])
            }
            if let ref = options.baselineBase, let current = gate.baseline {
                switch BaselineCheck.growth(of: current, path: resolved, since: ref) {
                case .success(let grew?):
                    outcome.messages.append(.text(grew))
                    outcome.reasons.append(grew)
                    baselineGrew = true
                case .success(nil): break
                case .failure(let error): return stop([.diagnostic(error)])
                }
            }
        }
        gate.classify(&result, schemas: ruleSet.schemas)
        // Only the first findings of each rule are listed; the others still count.
        if keep > 0 { result.keepFirst(keep) }
        result.settleCounted(listing: keep)

        decide(result, baselineGrew: baselineGrew, &outcome)

        result.hide(below: config.minSeverity.value)
        result.sortByScore = options.sortByScore
        outcome.context = ReportContext(
            paths: repository, schemas: ruleSet.schemas, failOn: config.failOn.value, baselineFile: config.baseline.value, jobs: options.jobs)
        if shows(.full) { result.sources = Self.sources(of: result) }
        if shows(.html) { Self.chartData(of: &result, schemas: ruleSet.schemas) }
        outcome.result = result
        outcome.outputs = outputs(outcome.context)
        return outcome
    }

    /// The exit code from everything new, whatever is shown.
    private func decide(_ result: LintResult, baselineGrew: Bool, _ outcome: inout LintOutcome) {
        let failOn = config.failOn.value
        var code = LintOutcome.clean
        var failing = result.files.reduce(0) { n, file in n + file.findings.indices.filter { failOn.fails(file.findings[$0].severity) }.count }
        for (severity, n) in result.countedBySeverity where failOn.fails(severity) { failing += n }
        if failing > 0 {
            code = LintOutcome.findings
            outcome.reasons.append("\(failing) finding\(failing == 1 ? "" : "s") at or above --fail-on \(failOn.rawValue)")
        }
        if options.failOnStale, !result.stale.isEmpty {
            code = LintOutcome.findings
            outcome.reasons.append("\(result.stale.count) stale baseline entr\(result.stale.count == 1 ? "y" : "ies") under --fail-on-stale")
        }
        let warnings = result.count(.warning)
        if let maxWarnings = config.maxWarnings.value, warnings > maxWarnings {
            let message = "\(warnings) new warning\(warnings == 1 ? "" : "s"), more than --max-warnings \(maxWarnings)"
            outcome.messages.append(.text(message))
            outcome.reasons.append(message)
            code = LintOutcome.findings
        }
        if baselineGrew { code = LintOutcome.findings }
        if !result.inputErrors.isEmpty {
            code = LintOutcome.unreadable
            outcome.reasons.append("\(result.inputErrors.count) input\(result.inputErrors.count == 1 ? "" : "s") could not be read")
        }
        outcome.exitCode = code
    }

    /// The chosen packs compiled, or nil with the messages that say why.
    private func compileRules(_ messages: inout [SessionMessage]) -> RuleSet? {
        let (packs, packProblems) = config.resolvedPacks()
        if options.rules.isEmpty, !packProblems.isEmpty {
            messages += packProblems.map(SessionMessage.diagnostic)
            return nil
        }
        let compiled = RuleLoading.compile(
            options.rules.isEmpty ? packs : options.rules, limits: config.yamlLimits, overrides: config.rules, tables: config.tables)
        messages += compiled.messages
        return compiled.ruleSet
    }

    /// The reports of the config, resolved against its folder, with the ones of the command line.
    private var reportFiles: [(format: OutputFormat, path: String)] {
        options.reports + config.reports.value.compactMap { spec in OutputFormat(rawValue: spec.format).map { ($0, config.resolve(spec.path)) } }
    }

    /// Every file this lint writes.
    private var writtenPaths: [String] {
        [options.output, options.writeBaseline].compactMap { $0 } + options.reports.map(\.path) + config.reports.value.map { config.resolve($0.path) }
    }

    /// Whether any report words what was expected against what was found.
    private var explains: Bool {
        let explained: Set<OutputFormat> = [.full, .html, .triage]
        return explained.contains(options.format) || options.reports.contains { explained.contains($0.format) }
            || config.reports.value.contains { OutputFormat(rawValue: $0.format).map(explained.contains) ?? false }
    }

    /// Whether only the numbers of findings are shown: `--statistics`, no report file, no
    /// step summary, nothing hidden by severity.
    private var countsOnly: Bool {
        options.statistics && reportFiles.isEmpty && config.minSeverity.value == .info
            && !(options.format == .github && !(options.stepSummary ?? "").isEmpty)
    }

    /// Whether a report of this format is written (the full report shows the inputs' lines,
    /// the HTML report charts their tables).
    private func shows(_ format: OutputFormat) -> Bool {
        (!options.statistics && options.format == format) || reportFiles.contains { $0.format == format }
    }

    private func outputs(_ context: ReportContext) -> [LintOutcome.Output] {
        let main: any Reporter
        if options.statistics {
            main = StatisticsReporter()
        } else if options.format == .triage {
            main = TriageReporter(color: options.color, limit: options.top)
        } else {
            main = options.format.reporter(color: options.color, context: context, path: options.output)
        }
        var outputs = [LintOutcome.Output(destination: options.output.map { .file($0) } ?? .standardOutput, content: .report(main), makesFolder: false)]
        for (format, path) in reportFiles {
            outputs.append(.init(destination: .file(path), content: .report(format.reporter(context: context, path: path)), makesFolder: true))
        }
        if options.format == .github, let summary = options.stepSummary, !summary.isEmpty {
            outputs.append(.init(destination: .appending(summary), content: .report(MarkdownReporter(context: context)), makesFolder: false))
        }
        return outputs
    }
}
