import CrossfootBase

/// Compiled rule packs: the lowered rules and how to describe the rows of each table.
public struct RuleSet: Sendable {
    public struct Pack: Sendable {
        public var name: String
        public var path: String
        public var description: String?
    }

    public var packs: [Pack]
    public var rules: [IRRule]
    /// By table name.
    public var presentations: [String: TablePresentation]
    /// Every table schema known: built in, and declared by packs.
    public var schemas: [String: TableSchema]
    /// Rules a project config turned off: known, but not run.
    public var disabled: [IRRule] = []
    /// Whether findings carry the line people read under them — `expected 6,409,689 ± 3 (sum of
    /// 6 rounded parts), found 6,409,690` — which the full, HTML and triage formats show. Tools
    /// that only count findings turn it off to save the wording.
    public var explains = true

    /// Every rule id of the loaded packs, run or not.
    public var knownIDs: [String] { rules.map(\.id) + disabled.map(\.id) }

    public func rule(id: String) -> IRRule? { rules.first { $0.id == id } }

    public func presentation(for table: String) -> TablePresentation {
        presentations[table] ?? TablePresentation()
    }
}

/// How messages name a table's rows and columns.
public struct TablePresentation: Sendable {
    /// A template such as `"{country}, {population_type} — {indicator_code} {indicator:48}"`.
    public var subject: String?
    /// Column names as people read them.
    public var labels: [String: String]

    public init(subject: String? = nil, labels: [String: String] = [:]) {
        self.subject = subject
        self.labels = labels
    }

    /// `final_budget` → its label, or `final budget`.
    public func label(_ column: String) -> String {
        if let label = labels[column] { return label }
        guard column.utf8.containsByte(0x5F) else { return column }
        return String(decoding: column.utf8.map { $0 == 0x5F ? 0x20 : $0 }, as: UTF8.self)
    }
}

/// The result of compiling rule files: a rule set when there was no error, and every diagnostic.
public struct CompileResult: Sendable {
    public var ruleSet: RuleSet?
    public var diagnostics: [Diagnostic]
    /// Every error by file, those past the cap of 100 per file included.
    public var errorCounts: [String: Int]

    public init(ruleSet: RuleSet?, diagnostics: [Diagnostic], errorCounts: [String: Int]? = nil) {
        self.ruleSet = ruleSet
        self.diagnostics = diagnostics
        self.errorCounts = errorCounts ?? diagnostics.reduce(into: [:]) { counts, d in if d.level == .error { counts[d.path, default: 0] += 1 } }
    }

    /// The errors shown (the cap leaves some out: `errorCounts` counts them all).
    public var errors: [Diagnostic] { diagnostics.filter { $0.level == .error } }
}
