import Crossfoot

/// How findings are ordered in the outputs.
enum FindingSort: String, CaseIterable {
    case location, score
}

/// Options shared by every command that loads rules.
struct RuleOptions {
    static let options: [OptionSpec] = [
        .value(
            "rules", "path", "A rule file or folder of rule files; repeat for several. Replaces the configured packs; 'default' brings the embedded pack back.",
            repeats: true),
        .value("max-yaml-depth", "n", "The deepest nesting a rule file may have (default: 256)."),
        .value("max-yaml-aliases", "n", "The most nodes YAML aliases may expand to (default: 10000)."),
        .value("max-rule-file-size", "size", "The largest rule file, in bytes or as 64MiB (default: 64MiB)."),
    ]

    var rules: [String] = []
    var maxYAMLDepth: Int?
    var maxYAMLAliases: Int?
    var maxRuleFileSize: Int?

    init(rules: [String] = [], maxYAMLDepth: Int? = nil, maxYAMLAliases: Int? = nil) {
        self.rules = rules
        self.maxYAMLDepth = maxYAMLDepth
        self.maxYAMLAliases = maxYAMLAliases
    }

    init(_ arguments: Arguments) throws(UsageError) {
        rules = arguments.strings("rules")
        maxYAMLDepth = try arguments.int("max-yaml-depth")
        maxYAMLAliases = try arguments.int("max-yaml-aliases")
        maxRuleFileSize = try arguments.size("max-rule-file-size")
    }

    /// Puts the limits given on the command line over the config's.
    func apply(to config: inout ProjectConfig) {
        if let maxYAMLDepth { config.limits[.maxYAMLDepth] = .init(maxYAMLDepth, .commandLine) }
        if let maxYAMLAliases { config.limits[.maxYAMLAliases] = .init(maxYAMLAliases, .commandLine) }
        if let maxRuleFileSize { config.limits[.maxRuleFileSize] = .init(maxRuleFileSize, .commandLine) }
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
struct ConfigOptions {
    static let options: [OptionSpec] = [
        .value("config", "file", "The project config to use instead of the .crossfoot.yaml found from the working folder up to the repository root."),
        .flag("no-config", "Use no project config, even if one is found."),
    ]

    var config: String?
    var noConfig = false

    init(_ arguments: Arguments) {
        config = arguments.string("config")
        noConfig = arguments.flag("no-config")
    }

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
struct GateOptions {
    static let options: [OptionSpec] = [
        .value("fail-on", "severity", "The lowest severity that fails the run: error, warning, info or never (default: error)."),
        .value("min-severity", "severity", "The lowest severity shown: error, warning or info (default: info). What fails is --fail-on."),
        .value("max-warnings", "n", "Fail when more than this many new warnings are found."),
        .value("baseline", "file", "Report only findings not in this baseline file."),
    ]

    var failOn: FailOn?
    var minSeverity: Severity?
    var maxWarnings: Int?
    var baseline: String?

    init(_ arguments: Arguments) throws(UsageError) {
        failOn = try arguments.choice("fail-on", FailOn.self)
        minSeverity = try arguments.choice("min-severity", Severity.self)
        maxWarnings = try arguments.int("max-warnings")
        baseline = arguments.string("baseline")
    }

    /// Applies the command line over the config, recording the origin.
    func apply(to config: inout ProjectConfig) {
        if let failOn { config.failOn = .init(failOn, .commandLine) }
        if let minSeverity { config.minSeverity = .init(minSeverity, .commandLine) }
        if let maxWarnings { config.maxWarnings = .init(maxWarnings, .commandLine) }
        if let baseline { config.baseline = .init(baseline, .commandLine) }
    }
}
