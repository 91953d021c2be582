import CrossfootBase

/// Checks parsed rule files: every column named against its table, every expression resolved and
/// typed into side tables, every template's placeholders. It reports all it finds, gives each rule
/// that passed as a `CheckedRule`, and lowers nothing.
package struct RuleChecker {
    package private(set) var diagnostics: [Diagnostic] = []
    /// Every table schema known: built in, and declared by the packs checked.
    package private(set) var schemas: [String: TableSchema] = Dictionary(uniqueKeysWithValues: TableSchema.builtIn.map { ($0.name, $0) })
    /// How to describe each table's rows, from the packs' `tables:`.
    package private(set) var presentations: [String: TablePresentation] = [:]

    package init() {}

    /// Checks the rule files' table declarations, then their rules.
    ///
    /// - Parameters:
    ///   - syntaxes: the parsed rule files, in order; rule ids must be unique across them.
    ///   - configTables: a project config's `tables:`, which add header names to the packs'.
    /// - Returns: the rules that passed, in order. A rule with an error is left out, and so is a
    ///   rule whose id an earlier rule has.
    package mutating func check(_ syntaxes: [RuleFileSyntax], configTables: [TableDeclarationSyntax] = []) -> [CheckedRule] {
        declareTables(syntaxes)
        for table in configTables { declareHeaders(table) }
        var checked: [CheckedRule] = []
        var seen: [String: SourceLocation] = [:]
        for syntax in syntaxes {
            for rule in syntax.rules {
                if let first = seen[rule.id.value] {
                    error("duplicate rule id '\(rule.id.value)' (first defined at \(first))", at: rule.id.location)
                    continue
                }
                seen[rule.id.value] = rule.id.location
                if let rule = check(rule, pack: syntax.pack.value) { checked.append(rule) }
            }
        }
        return checked
    }

    private mutating func error(_ message: String, at location: SourceLocation) {
        diagnostics.append(.error(message, at: location))
    }

    private var errorCount: Int { diagnostics.count(where: { $0.level == .error }) }

    private mutating func declareTables(_ syntaxes: [RuleFileSyntax]) {
        for syntax in syntaxes {
            for table in syntax.tables {
                let name = table.name.value
                if let columns = table.columns {
                    if let builtIn = TableSchema.builtIn(named: name) {
                        let unknown = columns.filter { !builtIn.has($0.value) }
                        for column in unknown {
                            error("table '\(name)' is read by Crossfoot with fixed columns; it has no column '\(column.value)'", at: column.location)
                        }
                    } else {
                        let key = table.key?.map(\.value) ?? []
                        schemas[name] = TableSchema(name: name, columns: columns.map(\.value), keyColumns: key)
                    }
                }
                let schema = schemas[name]
                for (column, location) in table.labelLocations where schema.map({ !$0.has(column) }) ?? false {
                    error("table '\(name)' has no column '\(column)' to label", at: location)
                }
                if let key = table.key, let schema {
                    for column in key where !schema.has(column.value) {
                        error("table '\(name)' has no column '\(column.value)' for its key", at: column.location)
                    }
                }
                var presentation = presentations[name] ?? TablePresentation()
                if let subject = table.subject {
                    checkTemplate(subject, schema: schema, alias: nil, aliasSchema: nil, rulePlaceholders: false)
                    presentation.subject = subject.value
                }
                presentation.labels.merge(table.labels) { _, new in new }
                presentations[name] = presentation
                declareHeaders(table)
            }
        }
    }

    /// Adds a declaration's header names to its table's: only a table read from CSV with
    /// known columns has a header to map, and each name must be one of its columns.
    private mutating func declareHeaders(_ table: TableDeclarationSyntax) {
        guard let first = table.headers.first else { return }
        let name = table.name.value
        guard var schema = schemas[name] else {
            var message = "no known table is called '\(name)', so it has no columns to map header names to (a pack declares a table's 'columns')"
            if let guess = suggestion(for: name, among: Array(schemas.keys).sorted()) { message += "; did you mean '\(guess)'?" }
            error(message, at: table.name.location)
            return
        }
        guard !schema.isOpen else {
            error("table '\(name)' comes from chart data, which has no header row; 'headers' maps the header names of a CSV file", at: first.column.location)
            return
        }
        for mapping in table.headers {
            let column = mapping.column.value
            guard schema.columns.contains(column) else {
                var message = "table '\(name)' has no column '\(column)' to map header names to"
                if let guess = suggestion(for: column, among: schema.columns) { message += "; did you mean '\(guess)'?" }
                error(message, at: mapping.column.location)
                continue
            }
            for pattern in mapping.patterns where !(schema.headers[column] ?? []).contains(pattern.value) {
                schema.headers[column, default: []].append(pattern.value)
            }
        }
        schemas[name] = schema
    }

    private func isPattern(_ table: String) -> Bool { table.contains("*") || table.contains("?") || table.contains("[") }

    private mutating func checkColumns(_ columns: [Located<String>], in schema: TableSchema?, table: String) {
        guard let schema else { return }
        for column in columns where !schema.has(column.value) {
            var message = "table '\(table)' has no column '\(column.value)'"
            if let guess = suggestion(for: column.value, among: schema.columns) { message += "; did you mean '\(guess)'?" }
            error(message, at: column.location)
        }
    }

    /// Checks one rule.
    ///
    /// - Returns: the checked rule, or `nil` when it has an error.
    private mutating func check(_ rule: RuleSyntax, pack: String) -> CheckedRule? {
        let before = errorCount
        let tableName = rule.table.value
        var schema: TableSchema?
        if !isPattern(tableName) {
            schema = schemas[tableName]
            if schema == nil, let guess = suggestion(for: tableName, among: Array(schemas.keys).sorted()) {
                diagnostics.append(
                    Diagnostic(
                        .warning,
                        "no known table is called '\(tableName)' (did you mean '\(guess)'?); the rule applies only to CSV files named \(tableName).csv",
                        at: rule.table.location))
            }
        }
        var joinSchema: TableSchema?
        if let join = rule.join {
            joinSchema = schemas[join.table.value]
            for column in join.on {
                checkColumns([column], in: schema, table: tableName)
                checkColumns([column], in: joinSchema, table: join.table.value)
            }
            if let schema, schema.has(join.alias.value), !schema.isOpen {
                error("the join name '\(join.alias.value)' is also a column of '\(tableName)'; choose another", at: join.alias.location)
            }
        }
        // Aggregates are computed over a group, which only an `expect` with `group_by` has.
        var allowsAggregates = false
        if case .expect = rule.check { allowsAggregates = !rule.groupBy.isEmpty }
        let scope = ExpressionChecker.Scope(
            schema: schema, tableName: tableName, alias: rule.join?.alias.value, aliasSchema: joinSchema, aliasTable: rule.join?.table.value,
            allowsAggregates: false)
        var filterChecker = ExpressionChecker(scope: scope)
        if let filter = rule.filter { filterChecker.check(filter, expecting: .bool) }
        var joinChecker = ExpressionChecker(
            scope: ExpressionChecker.Scope(
                schema: joinSchema, tableName: rule.join?.table.value ?? "", alias: nil, aliasSchema: nil, aliasTable: nil, allowsAggregates: false))
        if let filter = rule.join?.filter { joinChecker.check(filter, expecting: .bool) }
        diagnostics += joinChecker.diagnostics
        var checkScope = scope
        checkScope.allowsAggregates = allowsAggregates
        var checkChecker = ExpressionChecker(scope: checkScope)
        checkColumns(rule.groupBy, in: schema, table: tableName)
        let check = checkSettings(rule.check, groupBy: rule.groupBy, in: schema, table: tableName, checker: &checkChecker)
        switch check.kind {
        case .outlier, .scale, .repeated, .coverage, .carryover, .swing:
            if let join = rule.join {
                let joins = check.kind == .carryover || check.kind == .swing ? "; it is compared with the previous year's row by itself" : ""
                error("'join' does not go with a \(check.kind.rawValue) check\(joins)", at: join.table.location)
            }
        default: break
        }
        diagnostics += filterChecker.diagnostics + checkChecker.diagnostics
        if let message = rule.message {
            checkTemplate(message, schema: schema, alias: rule.join?.alias.value, aliasSchema: joinSchema, rulePlaceholders: true)
        }
        if errorCount > before { return nil }

        let join = rule.join.map { CheckedRule.Join(table: $0.table.value, on: $0.on.map(\.value), filter: $0.filter, alias: $0.alias.value) }
        // Node ids are unique within a rule file, so the three side tables never collide.
        let resolutions = filterChecker.resolutions.merging(joinChecker.resolutions) { a, _ in a }.merging(checkChecker.resolutions) { a, _ in a }
        let types = filterChecker.types.merging(joinChecker.types) { a, _ in a }.merging(checkChecker.types) { a, _ in a }
        return CheckedRule(
            id: rule.id.value, pack: pack, description: rule.description, severity: rule.severity, location: rule.id.location,
            missing: rule.missing, message: rule.message?.value, weight: rule.weight?.value, table: tableName, filter: rule.filter,
            join: join, tolerance: Self.tolerance(of: rule), check: check, resolutions: resolutions, types: types,
            aggregates: checkChecker.aggregates)
    }

    /// The rule's `tolerance`, or its kind's default: totals, ratios and carried-over values are
    /// compared to the rounding of their operands, everything else exactly.
    private static func tolerance(of rule: RuleSyntax) -> IRTolerance {
        switch rule.tolerance?.value {
        case .rounding: return .rounding
        case .absolute(let n): return .absolute(n)
        case nil:
            switch rule.check.kind {
            case .sum, .ratio, .carryover: return .rounding
            default: return .exact
            }
        }
    }

    /// Checks a check kind's settings, its columns against the rule's table and its expressions
    /// with `checker`, and fills in their defaults.
    private mutating func checkSettings(
        _ syntax: CheckSyntax, groupBy: [Located<String>], in schema: TableSchema?, table: String, checker: inout ExpressionChecker
    ) -> CheckedRule.Check {
        func known(_ columns: [Located<String>]) -> [String] {
            checkColumns(columns, in: schema, table: table)
            return columns.map(\.value)
        }
        switch syntax {
        case .range(let columns, let min, let max):
            return .range(columns: known(columns), min: min?.value, max: max?.value)
        case .required(let columns):
            return .required(columns: known(columns))
        case .change(let from, let to, let maxDrop, let maxRise, let maxRelativeDrop, let minBase):
            let names = known([from, to])
            return .change(
                from: names[0], to: names[1], maxDrop: maxDrop?.value, maxRise: maxRise?.value, maxRelativeDrop: maxRelativeDrop?.value, minBase: minBase?.value
            )
        case .sumDown(let columns, let by, let total):
            let names = known(columns)
            let keys = known(by)
            checker.check(total, expecting: .bool)
            return .sumDown(columns: names, groupBy: keys, total: total.expr)
        case .sumAcross(let total, let parts):
            let name = known([total])[0]
            for part in parts { checker.check(part, expecting: .number) }
            return .sumAcross(total: name, parts: parts.map(\.expr))
        case .ratio(let column, let numerator, let denominator, let scale, let decimals):
            let name = known([column])[0]
            checker.check(numerator, expecting: .number)
            checker.check(denominator, expecting: .number)
            return .ratio(
                column: name, numerator: numerator.expr, denominator: denominator.expr, scale: scale, decimals: decimals.value >= 0 ? decimals.value : nil)
        case .expect(let condition):
            checker.check(condition, expecting: .bool)
            return .expect(condition: condition, groupBy: groupBy.map(\.value))
        case .outlier(let column, let by, let method, let threshold, let minGroup):
            _ = known([column] + by)
            return .outlier(column: column.value, by: by.map(\.value), method: method, threshold: threshold ?? method.defaultThreshold, minGroup: minGroup)
        case .scale(let columns, let reference, let by, let maxValue, let minReference):
            _ = known(columns + by + (reference.map { [$0] } ?? []))
            return .scale(columns: columns.map(\.value), reference: reference?.value, by: by.map(\.value), maxValue: maxValue, minReference: minReference)
        case .repeated(let column, let by, let across, let minIndicators, let kinds):
            _ = known([column, across] + by)
            return .repeated(column: column.value, by: by.map(\.value), across: across.value, minIndicators: minIndicators, of: kinds.map(\.value))
        case .coverage(let by, let among, let across, let minOthers):
            _ = known([across] + by + among)
            return .coverage(by: by.map(\.value), among: among.map(\.value), across: across.value, minOthers: minOthers)
        case .carryover(let from, let to, let key, let over):
            _ = known([from, to, over] + key)
            return .carryover(from: from.value, to: to.value, key: key.map(\.value), over: over.value)
        case .swing(let columns, let by, let over, let maxChange, let onlyReversals):
            _ = known(columns + by + [over])
            return .swing(columns: columns.map(\.value), by: by.map(\.value), over: over.value, maxRelativeChange: maxChange, onlyReversals: onlyReversals)
        }
    }

    /// Checks the `{placeholders}` of a message or subject template.
    private mutating func checkTemplate(_ template: Located<String>, schema: TableSchema?, alias: String?, aliasSchema: TableSchema?, rulePlaceholders: Bool) {
        let fixed = rulePlaceholders ? MessageTemplate.rulePlaceholders : []
        for placeholder in MessageTemplate.placeholders(in: template.value) {
            let location = SourceLocation(path: template.location.path, line: template.location.line, column: template.location.column + placeholder.offset)
            if let width = placeholder.widthText, Int(width) == nil {
                error("'{\(placeholder.name):\(width)}': the part after ':' is a width in characters", at: location)
            }
            if fixed.contains(placeholder.name) { continue }
            let parts = placeholder.name.split(separator: ".", maxSplits: 1).map(String.init)
            if parts.count == 2 {
                guard let alias, parts[0] == alias else {
                    error("'{\(placeholder.name)}' names no join of this rule", at: location)
                    continue
                }
                if let aliasSchema, !aliasSchema.has(parts[1]) {
                    error("'{\(placeholder.name)}': the joined table has no column '\(parts[1])'", at: location)
                }
                continue
            }
            if let schema, !schema.has(placeholder.name) {
                var message = "'{\(placeholder.name)}' is not a column of '\(schema.name)'"
                if rulePlaceholders { message += " nor one of {\(MessageTemplate.rulePlaceholders.joined(separator: "} {"))}" }
                if let guess = suggestion(for: placeholder.name, among: schema.columns + fixed) { message += "; did you mean '{\(guess)}'?" }
                error(message, at: location)
            }
        }
    }
}
