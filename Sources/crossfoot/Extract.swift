import ArgumentParser
import Crossfoot

struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Write a results report's tables as indicators.csv and financials.csv.",
        discussion: """
            The CSV files have the canonical columns, so a data repository can keep clean CSV and \
            lint it like the report.

            Example:
              crossfoot extract report.md --output data/kazakhstan-2024
            """
    )

    @Argument(help: ArgumentHelp("The report to read.", valueName: "report"))
    var report: String

    @Option(help: ArgumentHelp("The folder to write the CSV files into (created if needed).", valueName: "dir"))
    var output: String

    func run() throws {
        do throws(Diagnostic) {
            for file in try Extraction.extract(report, into: output) {
                Terminal.error("wrote \(file.path) (\(file.rows) rows)")
            }
        } catch {
            Terminal.report(error)
            throw ExitWith(code: Exit.unreadable)
        }
    }
}
