import Crossfoot

enum ConfigCommand {
    static let spec = CommandSpec(
        name: "config",
        abstract: "Show the project configuration in effect.",
        subcommands: [Show.spec])

    struct Show {
        static let spec = CommandSpec(
            name: "show",
            abstract: "Print the effective configuration and where each value came from.",
            discussion: """
                Values come from the command line, then .crossfoot.yaml (found from the working \
                folder up to the repository root, or given with --config), then defaults.

                Example:
                  crossfoot config show
                  crossfoot config show --fail-on warning
                """,
            options: ConfigOptions.options + GateOptions.options + RuleOptions.options)

        var configOptions: ConfigOptions
        var gateOptions: GateOptions
        var ruleOptions: RuleOptions

        init(_ arguments: Arguments) throws(UsageError) {
            configOptions = ConfigOptions(arguments)
            gateOptions = try GateOptions(arguments)
            ruleOptions = try RuleOptions(arguments)
        }

        func run() throws {
            var config = try configOptions.load()
            gateOptions.apply(to: &config)
            ruleOptions.apply(to: &config)
            if !ruleOptions.rules.isEmpty { config.packs = .init(ruleOptions.rules, .commandLine) }
            // Check it the way lint would, so what is shown is what lint uses.
            let (packs, packProblems) = config.resolvedPacks()
            if ruleOptions.rules.isEmpty, !packProblems.isEmpty {
                packProblems.forEach(Terminal.report)
                throw ExitWith(code: Exit.usage)
            }
            let ruleSet = try ruleOptions.compile(packs, overrides: config.rules, config: config)
            if case .failure(let list) = Acceptances.compile(config.accept, ruleSet: ruleSet) {
                list.diagnostics.forEach(Terminal.report)
                throw ExitWith(code: Exit.usage)
            }
            func list(_ items: [String]) -> String { "[" + items.map(quoted).joined(separator: ", ") + "]" }
            func quoted(_ s: String) -> String {
                s.allSatisfy { $0.isLetter || $0.isNumber || "-_./".contains($0) } ? s : JSONString.quote(s)
            }
            var lines: [(String, String)] = []
            lines.append(("# config: \(config.file ?? "none (defaults only)")", ""))
            lines.append(("crossfoot: 1", ""))
            lines.append(("packs: \(list(config.packs.value))", config.packs.origin.description))
            lines.append(("include: \(list(config.include.value.map(\.text)))", config.include.origin.description))
            lines.append(("exclude: \(list(config.exclude.value.map(\.text)))", config.exclude.origin.description))
            lines.append(("fail-on: \(config.failOn.value.rawValue)", config.failOn.origin.description))
            lines.append(("min-severity: \(config.minSeverity.value.rawValue)", config.minSeverity.origin.description))
            lines.append(("max-warnings: \(config.maxWarnings.value.map(String.init) ?? "null")", config.maxWarnings.origin.description))
            lines.append(("baseline: \(config.baseline.value.map(quoted) ?? "null")", config.baseline.origin.description))
            lines.append(
                (
                    "reports: {" + config.reports.value.map { "\($0.format): \(quoted($0.path))" }.joined(separator: ", ") + "}",
                    config.reports.origin.description
                ))
            lines.append(("limits:", ""))
            for limit in ProjectConfig.Limit.allCases {
                let value = config.limit(limit)
                let shown = limit.isSize ? ConfigText.compactSize(value) : String(value)
                lines.append(("  \(limit.rawValue): \(shown)", config.limits[limit]?.origin.description ?? "default"))
            }
            lines.append(("rules:", ""))
            for rule in ruleSet.rules + ruleSet.disabled {
                let override = config.ruleOverrides[rule.id]
                var settings = ["severity: \(rule.severity.rawValue)"]
                if ruleSet.disabled.contains(where: { $0.id == rule.id }) { settings.append("enabled: false") }
                if let check = override?.check, let key = check.key.scalar { settings.append("\(key): \(ConfigText.flow(check.value))") }
                lines.append(
                    (
                        "  \(rule.id): {\(settings.joined(separator: ", "))}",
                        override.map { ProjectConfig.Origin.file($0.id.location).description } ?? "pack \(rule.pack), \(rule.location)"
                    ))
            }
            if !config.tables.isEmpty {
                lines.append(("tables:", ""))
                for table in config.tables {
                    let headers = table.headers.map { "\($0.column.value): [\($0.patterns.map { JSONString.quote($0.value) }.joined(separator: ", "))]" }
                    lines.append(("  \(quoted(table.name.value)): {headers: {\(headers.joined(separator: ", "))}}", table.name.location.description))
                }
            }
            if !config.overrides.isEmpty {
                lines.append(("overrides:", ""))
                for o in config.overrides {
                    let rules = o.rules.map { r in
                        var s: [String] = []
                        if let e = r.enabled { s.append("enabled: \(e.value)") }
                        if let v = r.severity { s.append("severity: \(v.value.rawValue)") }
                        return "\(r.id.value): {\(s.joined(separator: ", "))}"
                    }
                    lines.append(("  - {paths: \(list(o.paths.map(\.text))), rules: {\(rules.joined(separator: ", "))}}", o.location.description))
                }
            }
            if !config.accept.isEmpty {
                lines.append(("accept:", ""))
                for a in config.accept {
                    var entry = "  - {rule: \(a.rule.value)"
                    if let condition = a.condition { entry += ", where: \(JSONString.quote(condition.text))" }
                    entry += ", reason: \(JSONString.quote(a.reason))}"
                    lines.append((entry, a.location.description))
                }
            }
            let width = min(72, lines.map { $0.0.count }.max() ?? 0)
            var out = ""
            for (text, origin) in lines {
                if origin.isEmpty {
                    out += text + "\n"
                } else {
                    out += text + String(repeating: " ", count: max(1, width + 2 - text.count)) + "# " + origin + "\n"
                }
            }
            Terminal.write(out)
        }
    }
}
