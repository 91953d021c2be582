import CrossfootBase

/// The columns a table is known to have, so rule files can be checked before any data is read.
public struct TableSchema: Sendable, Hashable {
    public enum ColumnType: Sendable, Hashable {
        /// Always text, even when it looks like a number (`indicator_code` "1.2").
        case text
        /// Parsed: a number, a percentage, text or missing.
        case value
    }

    public var name: String
    public var columns: [String]
    public var types: [String: ColumnType]
    /// Open schemas accept columns beyond `columns` (chart series may have any series names).
    public var isOpen: Bool
    /// Columns that identify a row, used to describe it in messages and to key it stably.
    public var keyColumns: [String]
    /// The names a CSV header may give each column besides its own, as globs (`Actual*`),
    /// declared under the table's `headers:` in a rule pack or the project config.
    public var headers: [String: [String]]

    public init(
        name: String, columns: [String], types: [String: ColumnType] = [:], isOpen: Bool = false, keyColumns: [String] = [],
        headers: [String: [String]] = [:]
    ) {
        self.name = name
        self.columns = columns
        self.types = types
        self.isOpen = isOpen
        self.keyColumns = keyColumns
        self.headers = headers
    }

    public func has(_ column: String) -> Bool { isOpen || columns.contains(column) }

    public func type(of column: String) -> ColumnType { types[column] ?? .value }

    public static let indicators = TableSchema(
        name: "indicators",
        columns: [
            "operation", "year", "area_kind", "area", "indicator_kind", "indicator_code", "indicator", "country", "population_type", "unit", "baseline",
            "target", "actual",
        ],
        types: [
            "operation": .text, "area_kind": .text, "area": .text, "indicator_kind": .text, "indicator_code": .text, "indicator": .text, "country": .text,
            "population_type": .text, "unit": .text,
        ],
        keyColumns: ["operation", "year", "indicator_code", "country", "population_type"]
    )

    public static let financials = TableSchema(
        name: "financials",
        columns: ["operation", "year", "table", "area", "final_budget", "funds_available", "funds_available_pct", "expenditure", "expenditure_pct"],
        types: ["operation": .text, "table": .text, "area": .text],
        keyColumns: ["operation", "year", "table", "area"]
    )

    public static let trend = TableSchema(name: "trend", columns: ["year", "budget", "expenditure"], isOpen: true, keyColumns: ["year"])
    public static let budgetByPillar = TableSchema(name: "budget_by_pillar", columns: ["year", "p1", "p2", "p3", "p4"], isOpen: true, keyColumns: ["year"])
    public static let expenditureByPillar = TableSchema(
        name: "expenditure_by_pillar", columns: ["year", "p1", "p2", "p3", "p4"], isOpen: true, keyColumns: ["year"])

    /// The tables Crossfoot's readers produce under fixed names.
    public static let builtIn: [TableSchema] = [.indicators, .financials, .trend, .budgetByPillar, .expenditureByPillar]

    /// The built-in tables by name, as a rule set's `schemas` holds them before any pack.
    public static let builtInByName: [String: TableSchema] = Dictionary(uniqueKeysWithValues: builtIn.map { ($0.name, $0) })

    /// The tables a CSV file is recognised as by its header, in the order they are tried.
    public static let recognisedInCSV = ["indicators", "financials"]

    public static func builtIn(named name: String) -> TableSchema? {
        builtIn.first { $0.name == name }
    }
}
