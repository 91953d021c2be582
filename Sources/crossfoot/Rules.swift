import ArgumentParser
import Crossfoot

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Check, list and explain rules.",
        subcommands: [Check.self, List.self, Explain.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Compile rule files and report their errors, without reading any data.",
            discussion: """
                Example:
                  crossfoot rules check Rules/unhcr-arr.yaml my-rules.yaml
                Exits 0 when the files compile, 2 when they do not.
                """
        )

        @Argument(help: ArgumentHelp("Rule files or folders ('default' for the embedded pack).", valueName: "file"))
        var files: [String] = ["default"]

        @Option(name: .customLong("max-yaml-depth"), help: "The deepest nesting a rule file may have.")
        var maxYAMLDepth = 256

        @Option(name: .customLong("max-yaml-aliases"), help: "The most nodes YAML aliases may expand to.")
        var maxYAMLAliases = 10_000

        func run() throws {
            let options = try RuleOptions.parse(
                ["--max-yaml-depth", "\(maxYAMLDepth)", "--max-yaml-aliases", "\(maxYAMLAliases)"] + files.flatMap { ["--rules", $0] })
            let set = try options.compile()
            Terminal.write(
                "\(set.rules.count) rule\(set.rules.count == 1 ? "" : "s") in \(set.packs.count) pack\(set.packs.count == 1 ? "" : "s"): no errors\n")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the loaded rules.",
            discussion: """
                Example:
                  crossfoot rules list --rules default --rules my-rules.yaml
                """
        )

        @OptionGroup var ruleOptions: RuleOptions

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

    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "explain",
            abstract: "Show a rule's description, where it is defined, and its lowered expression.",
            discussion: """
                Example:
                  crossfoot rules explain steep-drop
                """
        )

        @Argument(help: ArgumentHelp("The rule id.", valueName: "id"))
        var id: String

        @OptionGroup var ruleOptions: RuleOptions

        func run() throws {
            let set = try ruleOptions.compile()
            if set.rule(id: id) == nil, let builtIn = BuiltInRules.named(id) {
                Terminal.write("\(builtIn.id) — \(builtIn.severity.rawValue), built into Crossfoot (check kind input)\n\n\(builtIn.summary)\n")
                return
            }
            guard let rule = set.rule(id: id) else {
                var message = "no rule '\(id)' is loaded"
                let ids = set.rules.map(\.id) + BuiltInRules.all.map(\.id)
                if let close = ids.min(by: { distance($0, id) < distance($1, id) }), distance(close, id) <= 3 { message += "; did you mean '\(close)'?" }
                Terminal.error("error: \(message)")
                throw ExitWith(code: Exit.usage)
            }
            Terminal.write(rule.explanation)
        }

        func distance(_ a: String, _ b: String) -> Int {
            let a = Array(a)
            let b = Array(b)
            var row = Array(0...b.count)
            for i in 1...max(a.count, 1) where !a.isEmpty {
                var previous = row[0]
                row[0] = i
                for j in stride(from: 1, through: b.count, by: 1) {
                    let saved = row[j]
                    row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                    previous = saved
                }
            }
            return row[b.count]
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
