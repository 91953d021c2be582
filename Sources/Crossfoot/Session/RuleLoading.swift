import CrossfootBase
import CrossfootRules

/// Compiling the chosen rule packs, with every problem as a message.
public enum RuleLoading {
    /// What compiling gave: the rule set, or nothing and why (every message in order, the
    /// last one counting the errors).
    public struct Compiled: Sendable {
        public var ruleSet: RuleSet?
        public var messages: [SessionMessage]
    }

    /// Compiles `specs` (pack names, files or folders).
    ///
    /// - Parameters:
    ///   - specs: what to load, as `--rules` or the config's `packs` name it.
    ///   - limits: what a rule file may hold.
    ///   - overrides: the config's changes to rules; their errors count as the config's.
    ///   - tables: the config's header names of tables; their errors count as the config's too.
    /// - Returns: the rule set, or `nil` with messages ending in `N errors in the rule files;
    ///   nothing was linted`.
    public static func compile(_ specs: [String], limits: YAMLLimits, overrides: [RuleOverride] = [], tables: [TableDeclarationSyntax] = []) -> Compiled {
        let (files, problems) = RulePacks.load(specs, limits: limits)
        var messages = problems.map(SessionMessage.diagnostic)
        let result = RuleCompiler.compile(files, limits: limits, overrides: overrides, tables: tables)
        messages += result.diagnostics.map(SessionMessage.diagnostic)
        guard problems.isEmpty, let set = result.ruleSet else {
            let inConfig = Set(overrides.map(\.id.location.path) + tables.map(\.name.location.path))
            let configErrors = result.errorCounts.filter { inConfig.contains($0.key) }.values.reduce(0, +)
            let ruleErrors = result.errorCounts.values.reduce(0, +) + problems.count - configErrors
            let parts = [(ruleErrors, "the rule files"), (configErrors, "the config")]
                .filter { $0.0 > 0 }
                .map { "\($0.0) error\($0.0 == 1 ? "" : "s") in \($0.1)" }
            messages.append(.text(parts.joined(separator: " and ") + "; nothing was linted"))
            return Compiled(ruleSet: nil, messages: messages)
        }
        return Compiled(ruleSet: set, messages: messages)
    }
}
