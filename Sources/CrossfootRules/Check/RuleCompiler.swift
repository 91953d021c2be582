import CrossfootBase

/// Compiles rule files: parse (YAML → syntax), check (names and types, into side tables), and
/// lower every check kind into the one IR. Rule files with an error are not lowered.
public enum RuleCompiler {
    /// Compiles several rule files into one rule set.
    ///
    /// - Parameters:
    ///   - files: the rule files, in order; rule ids must be unique across them.
    ///   - limits: caps for the YAML parser.
    ///   - overrides: a project config's changes to rules, by rule id.
    ///   - tables: a project config's `tables:`, the header names it adds to the packs' tables.
    /// - Returns: the rule set, or `nil` with the errors; warnings either way.
    public static func compile(
        _ files: [SourceFile], limits: YAMLLimits = .default, overrides: [RuleOverride] = [], tables: [TableDeclarationSyntax] = []
    ) -> CompileResult {
        // One bag for everything: its cap counts a file's parse and check diagnostics together,
        // and what it leaves out is counted in a note at the end of the file's diagnostics.
        var bag = DiagnosticBag()
        var syntaxes: [RuleFileSyntax] = []
        let byID = Dictionary(overrides.map { ($0.id.value, $0) }, uniquingKeysWith: { _, new in new })
        for file in files {
            if let syntax = RuleFileParser.parse(file, limits: limits, overrides: byID, into: &bag) { syntaxes.append(syntax) }
        }
        let ids = syntaxes.flatMap { $0.rules.map(\.id.value) }
        for override in overrides where !ids.contains(override.id.value) {
            var message = "no loaded rule is called '\(override.id.value)'"
            if let guess = suggestion(for: override.id.value, among: ids) { message += "; did you mean '\(guess)'?" }
            bag.error(message, at: override.id.location)
        }
        var checker = RuleChecker()
        let checked = checker.check(syntaxes, configTables: tables)
        bag.append(contentsOf: checker.diagnostics)
        // Errors the cap left out count too.
        if bag.errorCount > 0 {
            return CompileResult(ruleSet: nil, diagnostics: bag.sorted, errorCounts: bag.errorCountByPath)
        }
        let rules = checked.map(RuleLowering.lower)
        let disabled = Set(overrides.filter { $0.enabled?.value == false }.map(\.id.value))
        let packs = syntaxes.map { RuleSet.Pack(name: $0.pack.value, path: $0.path, description: $0.description) }
        var set = RuleSet(packs: packs, rules: rules.filter { !disabled.contains($0.id) }, presentations: checker.presentations, schemas: checker.schemas)
        set.disabled = rules.filter { disabled.contains($0.id) }
        return CompileResult(ruleSet: set, diagnostics: bag.sorted, errorCounts: bag.errorCountByPath)
    }
}
