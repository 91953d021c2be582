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
        do {
            guard let dataset = try InputReader.read(report, format: .report) else { throw ExitWith(code: Exit.unreadable) }
            try FileSystem.makeDirectory(output)
            for schema in [TableSchema.indicators, TableSchema.financials] {
                guard let table = dataset.table(named: schema.name) else { continue }
                let path = output.hasSuffix("/") ? output + schema.name + ".csv" : output + "/" + schema.name + ".csv"
                try FileSystem.write(Array(CSVWriter.csv(table, columns: schema.columns).utf8), to: path)
                Terminal.error("wrote \(path) (\(table.rowCount) rows)")
            }
        } catch let error as Diagnostic {
            Terminal.report(error)
            throw ExitWith(code: Exit.unreadable)
        }
    }
}
