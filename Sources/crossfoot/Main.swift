import Crossfoot

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@main
enum Main {
    static func main() {
        let words = Array(CommandLine.arguments.dropFirst())
        do {
            switch try ArgumentParsing.parse(words, root: Self.root) {
            case .version:
                Terminal.write(CrossfootVersion.version + "\n")
            case .help(let command):
                Terminal.write(ArgumentParsing.help(command))
            case .run(let arguments):
                try run(arguments)
            }
            exit(Exit.clean)
        } catch let done as ExitWith {
            exit(done.code)
        } catch let mistake as UsageError {
            usage(mistake, words)
        } catch {
            Terminal.error("error: \(error)")
            exit(Exit.usage)
        }
    }

    /// A mistake on the command line: what it is, and where the help is; exit 2.
    static func usage(_ mistake: UsageError, _ words: [String]) -> Never {
        let command = words.prefix { !$0.hasPrefix("-") && Self.commandNames.contains($0) }
        Terminal.error("error: \(mistake.message)\n  See '\((["crossfoot"] + command).joined(separator: " ")) --help' for more information.")
        exit(Exit.usage)
    }

    static func run(_ arguments: Arguments) throws {
        switch arguments.command.path.dropFirst().joined(separator: " ") {
        case "lint": try Lint(arguments).run()
        case "triage": try TriageCommand.run(arguments)
        case "extract": try Extract(arguments).run()
        case "rules check": try Rules.Check(arguments).run()
        case "rules list": try Rules.List(arguments).run()
        case "rules explain": try Rules.Explain(arguments).run()
        case "config show": try ConfigCommand.Show(arguments).run()
        case "serve": try Serve(arguments).run()
        default: throw UsageError("unknown command '\(arguments.command.name)'")
        }
    }

    static let root = CommandSpec(
        name: "crossfoot",
        abstract: "Check indicator reports and financial tables against declared rules.",
        discussion: """
            Examples:
              crossfoot lint Samples                     lint with the embedded default rules
              crossfoot lint report.md --format json     machine-readable findings
              crossfoot rules explain steep-drop         what a rule checks, and where it is defined
            """,
        subcommands: [Lint.spec, TriageCommand.spec, Extract.spec, Rules.spec, ConfigCommand.spec, Serve.spec])

    static let commandNames: Set<String> = ["lint", "triage", "extract", "rules", "check", "list", "explain", "config", "show", "serve"]
}
