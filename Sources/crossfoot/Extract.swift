import Crossfoot

struct Extract {
    static let spec = CommandSpec(
        name: "extract",
        abstract: "Write a results report's tables as indicators.csv and financials.csv.",
        discussion: """
            The CSV files have the canonical columns, so a data repository can keep clean CSV and \
            lint it like the report. With --text, the report's text as the reader saw it (a PDF's \
            text laid out page by page, a form feed line between pages) is written instead, to \
            standard output or as <name>.txt in the --output folder.

            Examples:
              crossfoot extract report.md --output data/kazakhstan-2024
              crossfoot extract report.pdf --text | less
            """,
        arguments: ("report", "The report to read.", false, true),
        options: [
            .value("output", "dir", "The folder to write the CSV files into (created if needed)."),
            .flag("text", "Write the text as the reader saw it instead of the tables."),
        ])

    var report: String
    var output: String?
    var text: Bool

    init(_ arguments: Arguments) throws(UsageError) {
        report = arguments.positionals.first ?? ""
        output = arguments.string("output")
        text = arguments.flag("text")
        if !text, output == nil { throw UsageError("missing '--output <dir>' (or --text to see the text as read)") }
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
