import CrossfootBase
import CrossfootEngine
import CrossfootReports
import CrossfootRules
import CrossfootTables

/// The project configuration, `.crossfoot.yaml`: which packs, which files, what fails the gate,
/// per-rule and per-path overrides, reports, the baseline, and reviewed exceptions.
///
/// Every value remembers where it came from, so `crossfoot config show` can say, and so an
/// error about it points at its line and column.
public struct ProjectConfig: Sendable {
    /// Where a setting's value comes from.
    public enum Origin: Sendable, CustomStringConvertible {
        case builtIn
        case file(SourceLocation)
        case commandLine

        public var description: String {
            switch self {
            case .builtIn: "default"
            case .file(let location): location.description
            case .commandLine: "command line"
            }
        }
    }

    public struct Setting<Value: Sendable>: Sendable {
        public var value: Value
        public var origin: Origin

        public init(_ value: Value, _ origin: Origin) {
            self.value = value
            self.origin = origin
        }
    }

    /// Overrides for the files a set of patterns matches.
    public struct PathOverride: Sendable {
        public var paths: [PathPattern]
        public var rules: [RuleOverride]
        public var location: SourceLocation
    }

    /// The config file, when there is one.
    public var file: String?
    /// The folder paths in the config are relative to.
    public var directory: String
    public var packs = Setting<[String]>([RulePacks.defaultName], .builtIn)
    /// Where each pack of `packs` was named, when in the config.
    public var packLocations: [SourceLocation] = []
    public var include = Setting<[PathPattern]>([], .builtIn)
    public var exclude = Setting<[PathPattern]>([], .builtIn)
    public var failOn = Setting<FailOn>(.error, .builtIn)
    public var minSeverity = Setting<Severity>(.info, .builtIn)
    public var maxWarnings = Setting<Int?>(nil, .builtIn)
    public var rules: [RuleOverride] = []
    public var overrides: [PathOverride] = []
    public var reports = Setting<[(format: String, path: String)]>([], .builtIn)
    public var baseline = Setting<String?>(nil, .builtIn)
    public var accept: [Acceptance] = []
    /// The header names tables' columns go by in this project's CSV files (`tables:`), added to
    /// those of the packs when the rules are compiled.
    public var tables: [TableDeclarationSyntax] = []
    /// What Crossfoot reads at most, each raisable here or on the command line.
    public var limits: [Limit: Setting<Int>] = Dictionary(uniqueKeysWithValues: Limit.allCases.map { ($0, Setting($0.defaultValue, .builtIn)) })

    /// The limits, by their names in `limits:` and on the command line (`--max-…`).
    public enum Limit: String, CaseIterable, Sendable {
        case maxFileSize = "max-file-size"
        case maxLineLength = "max-line-length"
        case maxRuleFileSize = "max-rule-file-size"
        case maxYAMLDepth = "max-yaml-depth"
        case maxYAMLAliases = "max-yaml-aliases"
        case maxFindingsPerRule = "max-findings-per-rule"

        public var defaultValue: Int {
            switch self {
            case .maxFileSize: 4 << 30
            case .maxLineLength: 64 << 20
            case .maxRuleFileSize: 64 << 20
            case .maxYAMLDepth: 256
            case .maxYAMLAliases: 10_000
            case .maxFindingsPerRule: 10_000
            }
        }

        /// Whether the value is a size in bytes (written `64MiB` as well as `67108864`).
        public var isSize: Bool { self == .maxFileSize || self == .maxLineLength || self == .maxRuleFileSize }
    }

    public func limit(_ limit: Limit) -> Int { limits[limit]?.value ?? limit.defaultValue }

    /// What a rule file may hold, as the limits say.
    public var yamlLimits: YAMLLimits {
        YAMLLimits(maxDepth: limit(.maxYAMLDepth), maxAliasExpansion: limit(.maxYAMLAliases), maxFileSize: limit(.maxRuleFileSize))
    }

    public init(directory: String) {
        self.directory = directory
    }

    /// The rule overrides by id (the last one wins).
    public var ruleOverrides: [String: RuleOverride] {
        Dictionary(rules.map { ($0.id.value, $0) }, uniquingKeysWith: { _, new in new })
    }

    /// A path relative to the config's folder made usable from the working directory.
    /// The packs as `RulePacks.load` takes them, resolved against the config's folder; a pack
    /// that does not exist is an error at the line naming it.
    public func resolvedPacks() -> (packs: [String], problems: [Diagnostic]) {
        var result: [String] = []
        var problems: [Diagnostic] = []
        for (i, pack) in packs.value.enumerated() {
            if pack == RulePacks.defaultName {
                result.append(pack)
                continue
            }
            let path = resolve(pack)
            if FileSystem.kind(of: path) == .absent, i < packLocations.count {
                problems.append(.error("no rule pack '\(pack)': no such file or folder (packs are files, folders or 'default')", at: packLocations[i]))
            }
            result.append(path)
        }
        return (result, problems)
    }

    public func resolve(_ path: String) -> String {
        if path.hasPrefix("/") || directory == "." || directory.isEmpty { return path }
        return directory + "/" + path
    }

    /// A path as the config's patterns see it: relative to its folder.
    public func relative(_ path: String) -> String {
        var p = path
        while p.hasPrefix("./") { p.removeFirst(2) }
        if directory == "." || directory.isEmpty { return p }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        return p.hasPrefix(prefix) ? String(p.dropFirst(prefix.count)) : p
    }

    public static let fileName = ".crossfoot.yaml"

    /// The config found by walking up from `directory` to the repository root (a folder with
    /// `.git`) or `/`.
    public static func discover(from directory: String) -> String? {
        var current = directory
        var seen = FileSystem.identity(of: current)
        for _ in 0..<64 {
            let candidate = current == "." ? fileName : current == "/" ? "/" + fileName : current + "/" + fileName
            if FileSystem.kind(of: candidate) == .file { return candidate }
            if FileSystem.kind(of: current + "/.git") != .absent { return nil }
            guard let parent = parentDirectory(current) else { return nil }
            // `..` of the root is the root: a relative walk ("../../..") ends there too.
            let identity = FileSystem.identity(of: parent)
            if identity == nil || identity == seen { return nil }
            seen = identity
            current = parent
        }
        return nil
    }

    package static func parentDirectory(_ path: String) -> String? {
        if path == "/" { return nil }
        var p = path
        while p.hasSuffix("/"), p.count > 1 { p.removeLast() }
        if p == "." { return ".." }
        if !p.hasPrefix("/"), p.split(separator: "/").allSatisfy({ $0 == ".." }) { return p + "/.." }
        guard let slash = p.lastIndex(of: "/") else { return "." }
        let parent = String(p[..<slash])
        return parent.isEmpty ? "/" : parent
    }
}

extension ProjectConfig.Origin {
    /// Whether the setting came from the config file (its paths are relative to the file).
    public var isFile: Bool {
        if case .file = self { return true }
        return false
    }
}
