import CrossfootBase

/// Which column a CSV header name stands for.
///
/// Names are compared case-insensitively and without spaces or underscores, so `Final Budget`,
/// `final budget` and `FINAL_BUDGET` are all `final_budget`; a table's `headers:` adds names
/// (globs such as `Actual*`) compared the same way.
extension TableSchema {
    /// A header name or glob as it is compared: lowercased, without whitespace or `_`.
    public static func headerKey(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { $0 != "_" && !$0.properties.isWhitespace }.map(Character.init))
    }

    /// The column a header name stands for: the column of that name, else the first column (in
    /// the table's order) one of whose `headers` globs matches it; `nil` when none does.
    public func column(forHeader name: String) -> String? {
        let key = Self.headerKey(name)
        if let column = columns.first(where: { Self.headerKey($0) == key }) { return column }
        return columns.first { column in
            (headers[column] ?? []).contains { Glob.matches(Self.headerKey($0), key) }
        }
    }

    /// The column each header name stands for (`nil` for a name that stands for none).
    public func columns(forHeader names: [String]) -> [String?] {
        names.map { column(forHeader: $0) }
    }
}
