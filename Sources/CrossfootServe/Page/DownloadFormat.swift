import Crossfoot

/// The reports a result page offers for download.
enum DownloadFormat: String, CaseIterable {
    case html, json, sarif, csv, xlsx

    var fileName: String { "crossfoot.\(rawValue)" }
    var label: String { rawValue.uppercased() }

    var contentType: String {
        switch self {
        case .html: "text/html; charset=utf-8"
        case .json: "application/json"
        case .sarif: "application/sarif+json"
        case .csv: "text/csv; charset=utf-8"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        }
    }

    func render(_ upload: CheckedUpload) -> [UInt8]? {
        guard let result = upload.result else { return nil }
        let reporter: any Reporter =
            switch self {
            case .html: HTMLReporter(context: upload.context)
            case .json: JSONReporter(jobs: 1)
            case .sarif: SARIFReporter(context: upload.context)
            case .csv: CSVFindingsReporter(context: upload.context)
            case .xlsx: XLSXFindingsReporter(context: upload.context)
            }
        return reporter.renderParts(result).flatMap { $0 }
    }
}
