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

/// `--fail-on`: the lowest severity that makes the run fail.
enum FailOn: String, ExpressibleByArgument, CaseIterable {
    case error, warning, info, never

    func fails(_ severity: Severity) -> Bool {
        switch self {
        case .error: severity == .error
        case .warning: severity != .info
        case .info: true
        case .never: false
        }
    }
}

/// Options shared by every command that loads rules.
struct RuleOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A rule file or folder of rule files; repeat for several. Replaces the default pack; 'default' brings it back.", valueName: "path"))
    var rules: [String] = []

    @Option(name: .customLong("max-yaml-depth"), help: "The deepest nesting a rule file may have.")
    var maxYAMLDepth = 256

    @Option(name: .customLong("max-yaml-aliases"), help: "The most nodes YAML aliases may expand to.")
    var maxYAMLAliases = 10_000

    var limits: YAMLLimits { YAMLLimits(maxDepth: maxYAMLDepth, maxAliasExpansion: maxYAMLAliases) }

    /// Compiles the chosen packs, printing diagnostics; exits 2 on any error.
    func compile() throws -> RuleSet {
        let specs = rules.isEmpty ? [RulePacks.defaultName] : rules
        let (files, problems) = RulePacks.load(specs, limits: limits)
        problems.forEach(Terminal.report)
        let result = RuleCompiler.compile(files, limits: limits)
        result.diagnostics.forEach(Terminal.report)
        guard problems.isEmpty, let set = result.ruleSet else {
            let count = result.errors.count + problems.count
            Terminal.error("\(count) error\(count == 1 ? "" : "s") in the rule files; nothing was linted")
            throw ExitWith(code: Exit.usage)
        }
        return set
    }
}

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check files and folders against the rules.",
        discussion: """
        Reads results reports (.md/.txt), CSV files and chart data (.json or saved pages), and \
        reports every finding at its file, line and column.

        Examples:
          crossfoot lint Samples
          crossfoot lint report.md --rules default --rules my-rules.yaml --fail-on warning
          crossfoot lint data/ --format json --output findings.json

        Exit codes: 0 no finding at or above --fail-on; 1 there are; 2 usage or rule-file \
        error (nothing linted); 3 an input could not be read (the others are still reported).
        """
    )

    @Argument(help: ArgumentHelp("Files or folders to lint.", valueName: "path"))
    var paths: [String] = ["."]

    @OptionGroup var ruleOptions: RuleOptions

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    @Option(help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(name: .customLong("fail-on"), help: "The lowest severity that fails the run: error, warning, info or never.")
    var failOn: FailOn = .error

    @Option(name: .customLong("input-format"), help: "Read every input as this format instead of detecting it: report, csv or chart.")
    var inputFormat: InputFormat?

    @Option(name: .customLong("max-file-size"), help: "The largest input file, in bytes.")
    var maxFileSize: Int = 4 << 30

    @Flag(help: "Print only the number of findings per rule, most first (like Ruff's --statistics).")
    var statistics = false

    @Option(help: "Threads to use (default: one per processor). The output is the same for any number.")
    var jobs: Int = Linter.defaultJobs

    func run() throws {
        let ruleSet = try ruleOptions.compile()
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        let linter = Linter(ruleSet: ruleSet, options: Linter.Options(inputFormat: inputFormat, maxFileSize: maxFileSize, jobs: jobs))
        let clock = PhaseClock()
        let run = linter.lint(paths: paths)
        clock.mark("lint")
        for file in run.files {
            file.notes.forEach(Terminal.report)
        }
        run.inputErrors.forEach(Terminal.report)
        let color = output == nil && format == .text && Terminal.colorOnStdout
        let bytes = statistics ? StatisticsReporter().renderBytes(run) : format.reporter(color: color).renderBytes(run)
        clock.mark("render")
        if let output {
            do {
                try FileSystem.write(bytes, to: output)
            } catch {
                Terminal.report(error)
                throw ExitWith(code: Exit.usage)
            }
        } else {
            Terminal.write(bytes)
        }
        let code: Int32
        if !run.inputErrors.isEmpty {
            code = Exit.unreadable
        } else if run.files.contains(where: { $0.findings.contains { failOn.fails($0.severity) } }) {
            code = Exit.findings
        } else {
            code = Exit.clean
        }
        // Everything is written: leave without tearing down millions of cells and findings.
        clock.mark("write")
        Glibc.exit(code)
    }
}
