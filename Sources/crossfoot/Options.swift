import ArgumentParser
import Crossfoot

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
    @Option(
        name: .long,
        help: ArgumentHelp(
            "A rule file or folder of rule files; repeat for several. Replaces the configured packs; 'default' brings the embedded pack back.",
            valueName: "path"))
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
        return resolved.yamlLimits
    }

    /// Compiles the chosen packs (`specs`, or the `--rules` given), printing diagnostics; exits 2
    /// on any error.
    func compile(_ specs: [String]? = nil, overrides: [RuleOverride] = [], config: ProjectConfig? = nil) throws -> RuleSet {
        let chosen = rules.isEmpty ? (specs ?? [RulePacks.defaultName]) : rules
        let compiled = RuleLoading.compile(chosen, limits: limits(config), overrides: overrides, tables: config?.tables ?? [])
        Terminal.report(compiled.messages)
        guard let set = compiled.ruleSet else { throw ExitWith(code: Exit.usage) }
        return set
    }
}

/// Finding and reading `.crossfoot.yaml`.
struct ConfigOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The project config to use instead of the .crossfoot.yaml found from the working folder up to the repository root.", valueName: "file"))
    var config: String?

    @Flag(name: .customLong("no-config"), help: "Use no project config, even if one is found.")
    var noConfig = false

    /// The config in effect (an empty one when there is none); exits 2 on an error in it.
    func load() throws -> ProjectConfig {
        if noConfig { return ProjectConfig(directory: ".") }
        switch ProjectConfig.load(config) {
        case .success(let loaded): return loaded
        case .failure(let failure):
            Terminal.report(failure.messages)
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
