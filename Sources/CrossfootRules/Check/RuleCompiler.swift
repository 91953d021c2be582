import CrossfootBase

/// Compiles rule files: parse (YAML → syntax), check (names and types, into side tables), and
/// lower every check kind into the one IR. A file with errors is not lowered.
public enum RuleCompiler {
    /// Compiles several rule files into one rule set.
    ///
    /// - Parameters:
    ///   - files: the rule files, in order; rule ids must be unique across them.
    ///   - limits: caps for the YAML parser.
    /// - Returns: the rule set, or `nil` with the errors; warnings either way.
    public static func compile(_ files: [SourceFile], limits: YAMLLimits = .default, overrides: [RuleOverride] = []) -> CompileResult {
        var diagnostics: [Diagnostic] = []
        var syntaxes: [RuleFileSyntax] = []
        let byID = Dictionary(overrides.map { ($0.id.value, $0) }, uniquingKeysWith: { _, new in new })
        for file in files {
            let (syntax, found) = RuleFileParser.parseAll(file, limits: limits, overrides: byID)
            diagnostics += found
            if let syntax { syntaxes.append(syntax) }
        }
        let ids = syntaxes.flatMap { $0.rules.map(\.id.value) }
        for override in overrides where !ids.contains(override.id.value) {
            var message = "no loaded rule is called '\(override.id.value)'"
            if let guess = suggestion(for: override.id.value, among: ids) { message += "; did you mean '\(guess)'?" }
            diagnostics.append(.error(message, at: override.id.location))
        }
        let disabled = Set(overrides.filter { $0.enabled?.value == false }.map(\.id.value))
        var compiler = Compiler()
        compiler.declareTables(syntaxes)
        var rules: [IRRule] = []
        var seen: [String: SourceLocation] = [:]
        for syntax in syntaxes {
            for rule in syntax.rules {
                if let first = seen[rule.id.value] {
                    compiler.diagnostics.append(.error("duplicate rule id '\(rule.id.value)' (first defined at \(first))", at: rule.id.location))
                    continue
                }
                seen[rule.id.value] = rule.id.location
                if let ir = compiler.compile(rule, pack: syntax.pack.value) { rules.append(ir) }
            }
        }
        diagnostics += compiler.diagnostics
        if diagnostics.contains(where: { $0.level == .error }) {
            return CompileResult(ruleSet: nil, diagnostics: diagnostics.sorted(by: Self.order))
        }
        let packs = syntaxes.map { RuleSet.Pack(name: $0.pack.value, path: $0.path, description: $0.description) }
        var set = RuleSet(packs: packs, rules: rules.filter { !disabled.contains($0.id) }, presentations: compiler.presentations, schemas: compiler.schemas)
        set.disabled = rules.filter { disabled.contains($0.id) }
        return CompileResult(ruleSet: set, diagnostics: diagnostics.sorted(by: Self.order))
    }

    package static func order(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        (a.path, a.location?.line ?? 0, a.location?.column ?? 0) < (b.path, b.location?.line ?? 0, b.location?.column ?? 0)
    }
}

private struct Compiler {
    var diagnostics: [Diagnostic] = []
    var schemas: [String: TableSchema] = Dictionary(uniqueKeysWithValues: TableSchema.builtIn.map { ($0.name, $0) })
    var presentations: [String: TablePresentation] = [:]

    mutating func error(_ message: String, at location: SourceLocation) {
        diagnostics.append(.error(message, at: location))
    }

    mutating func declareTables(_ syntaxes: [RuleFileSyntax]) {
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
            }
        }
    }

    func isPattern(_ table: String) -> Bool { table.contains("*") || table.contains("?") || table.contains("[") }

    mutating func checkColumn(_ column: Located<String>, in schema: TableSchema?, table: String) {
        guard let schema, !schema.has(column.value) else { return }
        var message = "table '\(table)' has no column '\(column.value)'"
        if let guess = suggestion(for: column.value, among: schema.columns) { message += "; did you mean '\(guess)'?" }
        error(message, at: column.location)
    }

    mutating func compile(_ rule: RuleSyntax, pack: String) -> IRRule? {
        let before = diagnostics.filter { $0.level == .error }.count
        let tableName = rule.table.value
        var schema: TableSchema?
        if !isPattern(tableName) {
            schema = schemas[tableName]
            if schema == nil, let guess = suggestion(for: tableName, among: Array(schemas.keys).sorted()) {
                diagnostics.append(Diagnostic(.warning, "no known table is called '\(tableName)' (did you mean '\(guess)'?); the rule applies only to CSV files named \(tableName).csv", at: rule.table.location))
            }
        }
        var joinSchema: TableSchema?
        if let join = rule.join {
            joinSchema = schemas[join.table.value]
            for column in join.on {
                checkColumn(column, in: schema, table: tableName)
                checkColumn(column, in: joinSchema, table: join.table.value)
            }
            if let schema, schema.has(join.alias.value), !schema.isOpen {
                error("the join name '\(join.alias.value)' is also a column of '\(tableName)'; choose another", at: join.alias.location)
            }
        }
        let allowsAggregates: Bool
        switch rule.check {
        case .expect: allowsAggregates = !rule.groupBy.isEmpty
        default: allowsAggregates = false
        }
        let scope = ExpressionChecker.Scope(schema: schema, tableName: tableName, alias: rule.join?.alias.value, aliasSchema: joinSchema, aliasTable: rule.join?.table.value, allowsAggregates: allowsAggregates)
        var checker = ExpressionChecker(scope: ExpressionChecker.Scope(schema: schema, tableName: tableName, alias: rule.join?.alias.value, aliasSchema: joinSchema, aliasTable: rule.join?.table.value, allowsAggregates: false))
        if let filter = rule.filter { checker.check(filter, expecting: .bool) }
        var joinChecker = ExpressionChecker(scope: ExpressionChecker.Scope(schema: joinSchema, tableName: rule.join?.table.value ?? "", alias: nil, aliasSchema: nil, aliasTable: nil, allowsAggregates: false))
        if let filter = rule.join?.filter { joinChecker.check(filter, expecting: .bool) }
        diagnostics += joinChecker.diagnostics
        var checkChecker = ExpressionChecker(scope: scope)
        for column in rule.groupBy { checkColumn(column, in: schema, table: tableName) }

        let tolerance: IRTolerance
        switch rule.tolerance?.value {
        case .rounding: tolerance = .rounding
        case .absolute(let n): tolerance = .absolute(n)
        case nil:
            switch rule.check.kind {
            case .sum, .ratio: tolerance = .rounding
            default: tolerance = .exact
            }
        }

        switch rule.check {
        case .range(let columns, _, _), .required(let columns):
            columns.forEach { checkColumn($0, in: schema, table: tableName) }
        case .change(let from, let to, _, _, _, _):
            checkColumn(from, in: schema, table: tableName)
            checkColumn(to, in: schema, table: tableName)
        case .sumDown(let columns, let groupBy, let total):
            columns.forEach { checkColumn($0, in: schema, table: tableName) }
            groupBy.forEach { checkColumn($0, in: schema, table: tableName) }
            checkChecker.check(total, expecting: .bool)
        case .sumAcross(let total, let parts):
            checkColumn(total, in: schema, table: tableName)
            for part in parts { checkChecker.check(part, expecting: .number) }
        case .ratio(let column, let numerator, let denominator, _, _):
            checkColumn(column, in: schema, table: tableName)
            checkChecker.check(numerator, expecting: .number)
            checkChecker.check(denominator, expecting: .number)
        case .expect(let condition):
            checkChecker.check(condition, expecting: .bool)
        case .outlier(let column, let by, _, _, _):
            ([column] + by).forEach { checkColumn($0, in: schema, table: tableName) }
        case .scale(let columns, let reference, let by, _, _):
            (columns + by + (reference.map { [$0] } ?? [])).forEach { checkColumn($0, in: schema, table: tableName) }
        case .repeated(let column, let by, let across, _, _):
            ([column, across] + by).forEach { checkColumn($0, in: schema, table: tableName) }
        case .coverage(let by, let among, let across, _):
            ([across] + by + among).forEach { checkColumn($0, in: schema, table: tableName) }
        case .carryover(let from, let to, let key, let over):
            ([from, to, over] + key).forEach { checkColumn($0, in: schema, table: tableName) }
        case .swing(let columns, let by, let over, _):
            (columns + by + [over]).forEach { checkColumn($0, in: schema, table: tableName) }
        }
        switch rule.check.kind {
        case .outlier, .scale, .repeated, .coverage, .carryover, .swing:
            if let join = rule.join {
                let joins = rule.check.kind == .carryover || rule.check.kind == .swing ? "; it is compared with the previous year's row by itself" : ""
                error("'join' does not go with a \(rule.check.kind.rawValue) check\(joins)", at: join.table.location)
            }
        default: break
        }
        diagnostics += checker.diagnostics + checkChecker.diagnostics
        if let message = rule.message {
            checkTemplate(message, schema: schema, alias: rule.join?.alias.value, aliasSchema: joinSchema, rulePlaceholders: true)
        }
        if diagnostics.filter({ $0.level == .error }).count > before { return nil }

        // Lowering.
        let plain = ExprLowering(resolutions: checker.resolutions, tolerance: .exact)
        let inCheck = ExprLowering(resolutions: checkChecker.resolutions, tolerance: .exact)
        let inExpect = ExprLowering(resolutions: checkChecker.resolutions, tolerance: tolerance)
        let filter = rule.filter.map { plain.lower($0.expr) }
        var join: IRJoin?
        if let j = rule.join {
            let joinFilter = j.filter.map { ExprLowering(resolutions: joinChecker.resolutions, tolerance: .exact).lower($0.expr) }
            join = IRJoin(table: j.table.value, on: j.on.map(\.value), filter: joinFilter, alias: j.alias.value, columns: [])
        }
        var group: IRGroup?
        var assertions: [IRAssertion] = []
        var sourceText: String?
        var setCheck: IRSetCheck?
        /// Columns a check reads outside its expressions.
        var extraColumns: [String] = []
        let aggregates = checkChecker.aggregates.map { (kind: $0.kind, operand: $0.operand.map { inCheck.lower($0) }) }

        switch rule.check {
        case .range(let columns, let min, let max):
            for column in columns {
                let c = IRExpr.column(IRColumn(name: column.value))
                var bounds: [IRExpr] = []
                if let min { bounds.append(.compare(.greaterOrEqual, c, .number(min.value), .exact)) }
                if let max { bounds.append(.compare(.lessOrEqual, c, .number(max.value), .exact)) }
                assertions.append(IRAssertion(cell: IRColumn(name: column.value), applies: nil, condition: IRExpr.all(bounds) ?? .bool(true), actual: c, expected: nil, detail: .range(min: min?.value, max: max?.value)))
            }
        case .required(let columns):
            for column in columns {
                let c = IRExpr.column(IRColumn(name: column.value))
                assertions.append(IRAssertion(cell: IRColumn(name: column.value), applies: nil, condition: .call(.present, [c]), actual: c, expected: nil, detail: .required))
            }
        case .change(let fromName, let toName, let maxDrop, let maxRise, let maxRelativeDrop, let minBase):
            let from = IRExpr.column(IRColumn(name: fromName.value))
            let to = IRExpr.column(IRColumn(name: toName.value))
            var conditions: [IRExpr] = []
            if let maxDrop { conditions.append(.compare(.lessOrEqual, .subtract(from, to), .number(maxDrop.value), .exact)) }
            if let maxRise { conditions.append(.compare(.lessOrEqual, .subtract(to, from), .number(maxRise.value), .exact)) }
            if let r = maxRelativeDrop {
                let relative = IRExpr.compare(.lessOrEqual, .subtract(from, to), .multiply(.number(r.value), from), .exact)
                if let minBase {
                    conditions.append(.or(.compare(.less, from, .number(minBase.value), .exact), relative))
                } else {
                    conditions.append(relative)
                }
            }
            assertions.append(IRAssertion(cell: IRColumn(name: toName.value), applies: nil, condition: IRExpr.all(conditions) ?? .bool(true), actual: to, expected: nil,
                                          detail: .change(from: IRColumn(name: fromName.value), maxDrop: maxDrop?.value, maxRise: maxRise?.value, maxRelativeDrop: maxRelativeDrop?.value, minBase: minBase?.value)))
        case .sumDown(let columns, let groupBy, let totalSource):
            let total = inCheck.lower(totalSource.expr)
            var slots = aggregates
            for column in columns {
                let c = IRExpr.column(IRColumn(name: column.value))
                let slot = slots.count
                slots.append((kind: .sum, operand: c))
                let sum = IRExpr.aggregate(slot: slot, .sum, c)
                assertions.append(IRAssertion(cell: IRColumn(name: column.value), applies: total, condition: .compare(.equal, c, sum, tolerance), actual: c, expected: sum, detail: .sum(parts: [c], tolerance: tolerance, down: true)))
            }
            group = IRGroup(keys: groupBy.map { .column(IRColumn(name: $0.value)) }, members: .not(total), aggregateCount: slots.count, aggregates: slots)
        case .sumAcross(let totalName, let partSources):
            let total = IRExpr.column(IRColumn(name: totalName.value))
            let parts = partSources.map { inCheck.lower($0.expr) }
            let sum = IRExpr.call(.addPresent, parts)
            assertions.append(IRAssertion(cell: IRColumn(name: totalName.value), applies: nil, condition: .compare(.equal, total, sum, tolerance), actual: total, expected: sum, detail: .sum(parts: parts, tolerance: tolerance, down: false)))
        case .ratio(let columnName, let numeratorSource, let denominatorSource, let scale, let decimals):
            let column = IRExpr.column(IRColumn(name: columnName.value))
            let numerator = inCheck.lower(numeratorSource.expr)
            let denominator = inCheck.lower(denominatorSource.expr)
            var recomputed = IRExpr.divide(numerator, denominator)
            if scale != .one { recomputed = .multiply(recomputed, .number(scale)) }
            if decimals.value >= 0 { recomputed = .call(.round, [recomputed, .number(Number(decimals.value))]) }
            assertions.append(IRAssertion(cell: IRColumn(name: columnName.value), applies: nil, condition: .compare(.equal, column, recomputed, tolerance), actual: column, expected: recomputed,
                                          detail: .ratio(numerator: numerator, denominator: denominator, scale: scale, decimals: decimals.value >= 0 ? decimals.value : nil, tolerance: tolerance)))
        case .expect(let conditionSource):
            sourceText = conditionSource.text
            let condition = inExpect.lower(conditionSource.expr)
            let fallback = condition.columns.first { $0.alias == nil } ?? filter?.columns.first { $0.alias == nil } ?? IRColumn(name: "")
            for conjunct in Self.conjuncts(condition) {
                var actual: IRExpr?
                var expected: IRExpr?
                var cell = conjunct.columns.first { $0.alias == nil } ?? fallback
                if case .compare(_, let a, let b, _) = conjunct {
                    actual = a
                    expected = b
                    if let own = a.columns.first(where: { $0.alias == nil }) { cell = own }
                }
                assertions.append(IRAssertion(cell: cell, applies: nil, condition: conjunct, actual: actual, expected: expected, detail: .expect(source: conditionSource.text, tolerance: tolerance)))
            }
            if !rule.groupBy.isEmpty {
                group = IRGroup(keys: rule.groupBy.map { .column(IRColumn(name: $0.value)) }, members: nil, aggregateCount: aggregates.count, aggregates: aggregates)
            }
        case .outlier(let columnName, let by, let method, let thresholdSetting, let minGroup):
            let v = IRExpr.column(IRColumn(name: columnName.value))
            let threshold = thresholdSetting ?? method.defaultThreshold
            let small = IRExpr.compare(.less, .aggregate(slot: 0, .count, v), .number(Number(minGroup)), .exact)
            let condition: IRExpr
            let slots: [(kind: IRAggregateKind, operand: IRExpr?)]
            switch method {
            case .modifiedZ:
                slots = [(.count, v), (.median, v), (.mad, v)]
                let median = IRExpr.aggregate(slot: 1, .median, v), mad = IRExpr.aggregate(slot: 2, .mad, v)
                let score = IRExpr.divide(.multiply(.number(Number(significand: 6745, exponent: -4)), .subtract(v, median)), mad)
                condition = .or(small, .or(.compare(.equal, mad, .number(.zero), .exact), .compare(.lessOrEqual, .call(.abs, [score]), .number(threshold), .exact)))
            case .z:
                slots = [(.count, v), (.mean, v), (.variance, v)]
                let mean = IRExpr.aggregate(slot: 1, .mean, v), variance = IRExpr.aggregate(slot: 2, .variance, v)
                let deviation = IRExpr.subtract(v, mean)
                condition = .or(small, .or(.compare(.equal, variance, .number(.zero), .exact),
                                           .compare(.lessOrEqual, .multiply(deviation, deviation), .multiply(.number(threshold * threshold), variance), .exact)))
            case .iqr:
                slots = [(.count, v), (.q1, v), (.q3, v)]
                let q1 = IRExpr.aggregate(slot: 1, .q1, v), q3 = IRExpr.aggregate(slot: 2, .q3, v)
                let fence = IRExpr.multiply(.number(threshold), .subtract(q3, q1))
                condition = .or(small, .or(.compare(.equal, q3, q1, .exact),
                                           .and(.compare(.greaterOrEqual, v, .subtract(q1, fence), .exact), .compare(.lessOrEqual, v, .add(q3, fence), .exact))))
            }
            assertions.append(IRAssertion(cell: IRColumn(name: columnName.value), applies: nil, condition: condition, actual: v, expected: .aggregate(slot: 1, slots[1].kind, v),
                                          detail: .outlier(method: method, threshold: threshold, minGroup: minGroup, count: 0, center: 1, spread: 2)))
            group = IRGroup(keys: by.map { .column(IRColumn(name: $0.value)) }, members: nil, aggregateCount: slots.count, aggregates: slots)
        case .scale(let columns, let reference, let by, let maxValue, let minReference):
            var slots: [(kind: IRAggregateKind, operand: IRExpr?)] = []
            for column in columns {
                let v = IRExpr.column(IRColumn(name: column.value))
                var references: [IRExpr] = []
                if let reference { references.append(.column(IRColumn(name: reference.value))) }
                if !by.isEmpty {
                    references.append(.aggregate(slot: slots.count, .medianOthers, v))
                    slots.append((.medianOthers, v))
                }
                let r = references.count == 1 ? references[0] : IRExpr.call(.coalesce, references)
                let suspicious = IRExpr.and(.and(.compare(.greater, v, .number(.zero), .exact), .compare(.lessOrEqual, v, .number(maxValue), .exact)),
                                            .compare(.greaterOrEqual, r, .number(minReference), .exact))
                assertions.append(IRAssertion(cell: IRColumn(name: column.value), applies: nil, condition: .not(suspicious), actual: v, expected: r,
                                              detail: .scale(reference: r, maxValue: maxValue, minReference: minReference)))
            }
            if !by.isEmpty {
                group = IRGroup(keys: by.map { .column(IRColumn(name: $0.value)) }, members: nil, aggregateCount: slots.count, aggregates: slots)
            }
        case .repeated(let columnName, let by, let across, let minIndicators, let kinds):
            let v = IRExpr.column(IRColumn(name: columnName.value))
            let flagged = IRExpr.call(.flagged, [v] + kinds.map { .text($0.value) })
            let acrossColumn = IRExpr.column(IRColumn(name: across.value))
            let distinct = IRExpr.aggregate(slot: 0, .distinct, acrossColumn)
            assertions.append(IRAssertion(cell: IRColumn(name: columnName.value), applies: nil,
                                          condition: .or(.not(flagged), .compare(.less, distinct, .number(Number(minIndicators)), .exact)),
                                          actual: v, expected: nil, detail: .repeated(across: across.value, minIndicators: minIndicators, slot: 0)))
            group = IRGroup(keys: by.map { .column(IRColumn(name: $0.value)) } + [v], members: flagged, aggregateCount: 1, aggregates: [(.distinct, acrossColumn)])
        case .coverage(let by, let among, let across, let minOthers):
            setCheck = .coverage(by: by.map(\.value), across: across.value, minOthers: minOthers)
            let first = IRColumn(name: across.value)
            assertions.append(IRAssertion(cell: first, applies: nil, condition: .bool(true), actual: nil, expected: nil, detail: .coverage))
            group = IRGroup(keys: among.map { .column(IRColumn(name: $0.value)) }, members: nil, aggregateCount: 0, aggregates: [])
            extraColumns = by.map(\.value) + [across.value]
        case .carryover(let fromName, let toName, let key, let over):
            let to = IRExpr.column(IRColumn(name: toName.value))
            let previous = IRColumn(alias: "previous", name: fromName.value)
            join = IRJoin(table: tableName, on: key.map(\.value), filter: nil, alias: "previous", columns: [], previous: over.value)
            let carried = rule.tolerance == nil ? IRTolerance.rounding : tolerance
            assertions.append(IRAssertion(cell: IRColumn(name: toName.value), applies: nil, condition: .compare(.equal, to, .column(previous), carried), actual: to, expected: .column(previous),
                                          detail: .carryover(from: previous, tolerance: carried)))
            extraColumns = [over.value]
        case .swing(let columns, let by, let over, let maxChange):
            join = IRJoin(table: tableName, on: by.map(\.value), filter: nil, alias: "previous", columns: [], previous: over.value)
            for column in columns {
                let v = IRExpr.column(IRColumn(name: column.value))
                let before = IRExpr.column(IRColumn(alias: "previous", name: column.value))
                let change = IRExpr.call(.abs, [.subtract(v, before)])
                assertions.append(IRAssertion(cell: IRColumn(name: column.value), applies: nil,
                                              condition: .compare(.lessOrEqual, change, .multiply(.number(maxChange), .call(.abs, [before])), .exact),
                                              actual: v, expected: before, detail: .swing(maxRelativeChange: maxChange, over: over.value)))
            }
            extraColumns = [over.value]
        }
        var columns: [String] = []
        var joinColumns: [String] = []
        func collect(_ e: IRExpr?) {
            for c in e?.columns ?? [] {
                if let alias = c.alias, alias == join?.alias {
                    if !joinColumns.contains(c.name) { joinColumns.append(c.name) }
                } else if c.alias == nil, !c.name.isEmpty, !columns.contains(c.name) {
                    columns.append(c.name)
                }
            }
        }
        collect(filter)
        for a in assertions {
            collect(a.condition)
            collect(a.applies)
            collect(.column(a.cell))
        }
        group?.keys.forEach { collect($0) }
        group?.aggregates.forEach { collect($0.operand) }
        join?.on.forEach { collect(.column(IRColumn(name: $0))) }
        extraColumns.forEach { collect(.column(IRColumn(name: $0))) }
        if let over = join?.previous {
            // The partner of a series rule is a row of the same table.
            for name in joinColumns + (join?.on ?? []) + [over] where !columns.contains(name) { columns.append(name) }
            joinColumns = Array(Set(joinColumns + (join?.on ?? []) + [over])).sorted()
        }
        join?.columns = joinColumns
        return IRRule(id: rule.id.value, pack: pack, description: rule.description, severity: rule.severity, check: rule.check.kind, table: tableName,
                      location: rule.id.location, filter: filter, join: join, group: group, assertions: assertions, missing: rule.missing,
                      message: rule.message?.value, columns: columns, sourceText: sourceText, weight: rule.weight?.value, setCheck: setCheck)
    }

    /// The top-level `and` operands of a condition, so each can point at its own cell.
    static func conjuncts(_ e: IRExpr) -> [IRExpr] {
        if case .and(let a, let b) = e { return conjuncts(a) + conjuncts(b) }
        return [e]
    }

    /// Checks the `{placeholders}` of a message or subject template.
    mutating func checkTemplate(_ template: Located<String>, schema: TableSchema?, alias: String?, aliasSchema: TableSchema?, rulePlaceholders: Bool) {
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
