import ArgumentParser
import Crossfoot

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@main
enum Main {
    static func main() {
        do {
            // `lint`, the command CI runs on every change, is parsed on its own first: parsing
            // the whole command tree (every subcommand's options, found by reflection) costs
            // more than linting a small file. Anything it does not take — help, a mistake —
            // goes through the full parser, which says exactly what the matter is.
            let arguments = Array(CommandLine.arguments.dropFirst())
            if arguments.first == "lint", let lint = try? Lint.parse(Array(arguments.dropFirst())) {
                try lint.run()
                exit(Exit.clean)
            }
            var command = try CrossfootCommand.parseAsRoot()
            try command.run()
            exit(Exit.clean)
        } catch let done as ExitWith {
            exit(done.code)
        } catch {
            // Help and --version are "errors" that exit 0; every other parse error is a usage error (2).
            let code = CrossfootCommand.exitCode(for: error)
            let message = CrossfootCommand.fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { Terminal.write(message + "\n") }
                exit(Exit.clean)
            }
            if !message.isEmpty { Terminal.error(message) }
            exit(Exit.usage)
        }
    }
}

struct CrossfootCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crossfoot",
        abstract: "Check indicator reports and financial tables against declared rules.",
        discussion: """
            Examples:
              crossfoot lint Samples                     lint with the embedded default rules
              crossfoot lint report.md --format json     machine-readable findings
              crossfoot rules explain steep-drop         what a rule checks, and where it is defined
            """,
        version: CrossfootVersion.version,
        subcommands: [Lint.self, TriageCommand.self, Extract.self, Rules.self, ConfigCommand.self, Serve.self]
    )
}
