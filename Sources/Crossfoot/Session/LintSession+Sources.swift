import CrossfootBase
import CrossfootEngine
import CrossfootReports
import CrossfootRules
import CrossfootTables

extension LintSession {
    /// The largest input read again to show its lines or chart its tables.
    static let maxShownFileSize = 64 << 20
    static let maxChartedFileSize = 16 << 20

    /// The text of every file a finding points into, decoded as the readers decode it, for
    /// reports that show a finding's line. A file that cannot be read again shows no line.
    package static func sources(of result: LintResult) -> [String: SourceFile] {
        // Only the files a shown finding points into: the others' lines are never shown.
        var paths = Set(result.files.filter { !$0.findings.isEmpty }.map(\.path))
        for finding in result.baselined { paths.insert(finding.location.path) }
        for accepted in result.accepted { paths.insert(accepted.finding.location.path) }
        let formats = Dictionary(result.files.map { ($0.path, $0.format) }, uniquingKeysWith: { first, _ in first })
        var sources: [String: SourceFile] = [:]
        for path in paths {
            // A PDF's text as it was read, laid out again.
            guard let file = try? InputReader.text(of: path, format: formats[path], maxFileSize: maxShownFileSize) else { continue }
            sources[path] = file
        }
        return sources
    }

    /// The tables of every linted file but chart data, read again for the HTML report's charts
    /// (a CSV file's header read with the same header names as when it was linted).
    static func chartData(of result: inout LintResult, schemas: [String: TableSchema]) {
        for file in result.files where file.format != .chart {
            do {
                if let dataset = try InputReader.read(file.path, format: file.format, explicit: true, maxFileSize: maxChartedFileSize, schemas: schemas) {
                    result.datasets[file.path] = dataset
                }
            } catch {
                result.unreadableDatasets.insert(file.path)
            }
        }
    }
}
