import Crossfoot

enum Rules {
    static let spec = CommandSpec(
        name: "rules",
        abstract: "Check, list and explain rules.",
        subcommands: [Check.spec, List.spec, Explain.spec])

    struct Check {
        static let spec = CommandSpec(
            name: "check",
            abstract: "Compile rule files and report their errors, without reading any data.",
            discussion: """
                Example:
                  crossfoot rules check Rules/unhcr-arr.yaml my-rules.yaml
                Exits 0 when the files compile, 2 when they do not.
                """,
            arguments: ("file", "Rule files or folders ('default' for the embedded pack).", true, false),
            options: [
                .value("max-yaml-depth", "n", "The deepest nesting a rule file may have (default: 256)."),
                .value("max-yaml-aliases", "n", "The most nodes YAML aliases may expand to (default: 10000)."),
            ])

        var options: RuleOptions

        init(_ arguments: Arguments) throws(UsageError) {
            options = RuleOptions(
                rules: arguments.positionals.isEmpty ? ["default"] : arguments.positionals,
                maxYAMLDepth: try arguments.int("max-yaml-depth") ?? 256, maxYAMLAliases: try arguments.int("max-yaml-aliases") ?? 10_000)
        }

        func run() throws {
            let set = try options.compile()
            Terminal.write(
                "\(set.rules.count) rule\(set.rules.count == 1 ? "" : "s") in \(set.packs.count) pack\(set.packs.count == 1 ? "" : "s"): no errors\n")
        }
    }

    struct List {
        static let spec = CommandSpec(
            name: "list",
            abstract: "List the loaded rules.",
            discussion: """
                Example:
                  crossfoot rules list --rules default --rules my-rules.yaml
                """,
            options: RuleOptions.options)

        var ruleOptions: RuleOptions

        init(_ arguments: Arguments) throws(UsageError) {
            ruleOptions = try RuleOptions(arguments)
        }

        func run() throws {
            let set = try ruleOptions.compile()
            // The packs' rules, then the built-in rules of the readers and the engine (check
            // kind `input`, on any table).
            var rows = set.rules.map { rule in
                (rule.id, rule.severity, rule.check.rawValue, rule.table, (rule.description ?? "").split(separator: "\n").joined(separator: " "))
            }
            rows += BuiltInRules.all.map { ($0.id, $0.severity, "input", "*", $0.summary) }
            let width = rows.map(\.0.count).max() ?? 0
            for (id, severity, check, table, summary) in rows {
                Terminal.write(
                    "\(id.padding(toLength: width))  \(severity.rawValue.padding(toLength: 7))  \(check.padding(toLength: 8))  \(table.padding(toLength: 12))  \(summary)\n"
                )
            }
        }
    }

    struct Explain {
        static let spec = CommandSpec(
            name: "explain",
            abstract: "Show a rule's description, where it is defined, and its lowered expression.",
            discussion: """
                Example:
                  crossfoot rules explain steep-drop
                """,
            arguments: ("id", "The rule id.", false, true),
            options: RuleOptions.options)

        var id: String
        var ruleOptions: RuleOptions

        init(_ arguments: Arguments) throws(UsageError) {
            id = arguments.positionals.first ?? ""
            ruleOptions = try RuleOptions(arguments)
        }

        func run() throws {
            let set = try ruleOptions.compile()
            if set.rule(id: id) == nil, let builtIn = BuiltInRules.named(id) {
                Terminal.write("\(builtIn.id) — \(builtIn.severity.rawValue), built into Crossfoot (check kind input)\n\n\(builtIn.summary)\n")
                return
            }
            guard let rule = set.rule(id: id) else {
                var message = "no rule '\(id)' is loaded"
                let ids = set.rules.map(\.id) + BuiltInRules.all.map(\.id)
                if let close = ids.min(by: { ArgumentParsing.distance($0, id) < ArgumentParsing.distance($1, id) }), ArgumentParsing.distance(close, id) <= 3 {
                    message += "; did you mean '\(close)'?"
                }
                Terminal.error("error: \(message)")
                throw ExitWith(code: Exit.usage)
            }
            Terminal.write(rule.explanation)
        }
    }
}

extension String {
    func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }

    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
