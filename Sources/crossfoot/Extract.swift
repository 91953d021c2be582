import ArgumentParser
import Crossfoot

struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Write a results report's tables as indicators.csv and financials.csv.",
        discussion: """
            The CSV files have the canonical columns, so a data repository can keep clean CSV and \
            lint it like the report. With --text, the report's text as the reader saw it (a PDF's \
            text laid out page by page, a form feed line between pages) is written instead, to \
            standard output or as <name>.txt in the --output folder.

            Examples:
              crossfoot extract report.md --output data/kazakhstan-2024
              crossfoot extract report.pdf --text | less
            """
    )

    @Argument(help: ArgumentHelp("The report to read.", valueName: "report"))
    var report: String

    @Option(help: ArgumentHelp("The folder to write the CSV files into (created if needed).", valueName: "dir"))
    var output: String?

    @Flag(help: "Write the text as the reader saw it instead of the tables.")
    var text = false

    func validate() throws {
        if !text, output == nil { throw ValidationError("Missing expected argument '--output <dir>' (or --text to see the text as read)") }
    }

    func run() throws {
        do throws(Diagnostic) {
            if text {
                let (bytes, written) = try Extraction.text(of: report, into: output)
                if let written { Terminal.error("wrote \(written)") } else { Terminal.write(bytes) }
                return
            }
            for file in try Extraction.extract(report, into: output ?? ".") {
                Terminal.error("wrote \(file.path) (\(file.rows) rows)")
            }
        } catch {
            Terminal.report(error)
            throw ExitWith(code: Exit.unreadable)
        }
    }
}
