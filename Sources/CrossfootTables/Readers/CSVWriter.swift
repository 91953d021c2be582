import CrossfootBase
import CrossfootRules

/// Writes tables as RFC 4180 CSV, for `crossfoot extract`.
public enum CSVWriter {
    /// The table as CSV text: a header, then one line per row. Numbers keep the decimals they
    /// were written with and their `%`, without thousands separators; text is quoted when needed.
    public static func csv(_ table: Table, columns: [String]? = nil) -> String {
        let names = columns ?? table.columnNames
        var out = names.map(field).joined(separator: ",") + "\n"
        let indices = names.map { table.columnIndex($0) }
        for row in 0..<table.rowCount {
            var cells: [String] = []
            for index in indices {
                guard let index else {
                    cells.append("")
                    continue
                }
                switch table.value(row: row, column: index) {
                case .missing: cells.append("")
                case .number(let n, let percent): cells.append(n.plain(decimals: n.decimals, grouping: false) + (percent ? "%" : ""))
                case .text(let s): cells.append(field(s))
                }
            }
            out += cells.joined(separator: ",") + "\n"
        }
        return out
    }

    package static func field(_ s: String) -> String {
        if s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") || s.hasPrefix(" ") || s.hasSuffix(" ") {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }
}
