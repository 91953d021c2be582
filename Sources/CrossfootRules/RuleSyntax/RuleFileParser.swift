import CrossfootBase

/// Builds a `RuleFileSyntax` from a rule file's YAML, reporting every problem with its position.
///
/// Keys are strict: an unknown key, a value of the wrong type or a missing required key is an
/// error, never silently ignored.
public struct RuleFileParser {
    private var diagnostics = DiagnosticBag()
    private var nextExprID = 0
    private let path: String
    /// Settings a project config changes, by rule id.
    private var overrides: [String: RuleOverride] = [:]

    package static let ruleKeys = ["id", "description", "severity", "table", "where", "join", "group_by", "message", "tolerance", "missing", "weight"]
    package static let checkKeys = CheckKind.allCases.map(\.rawValue)
    package static let topKeys = ["crossfoot", "pack", "description", "tables", "rules"]

    /// Parses a rule file.
    ///
    /// - Returns: the syntax tree, or the errors (sorted by position) when there are any.
    public static func parse(_ file: SourceFile, limits: YAMLLimits = .default) -> Result<RuleFileSyntax, DiagnosticList> {
        let (syntax, diagnostics) = parseAll(file, limits: limits)
        if let syntax, !diagnostics.contains(where: { $0.level == .error }) { return .success(syntax) }
        return .failure(DiagnosticList(diagnostics))
    }

    /// Parses a rule file as far as it can: the rules that could be read, and every diagnostic.
    /// The compiler checks those rules too, so one run reports all the errors of a file.
    public static func parseAll(_ file: SourceFile, limits: YAMLLimits = .default, overrides: [String: RuleOverride] = [:]) -> (RuleFileSyntax?, [Diagnostic]) {
        let root: YAMLNode
        do {
            guard let node = try YAMLParser.parse(file, limits: limits) else {
                return (nil, [.error("the rule file is empty; it needs 'crossfoot: 1', 'pack:' and 'rules:'", at: SourceLocation(path: file.path, line: 1, column: 1))])
            }
            root = node
        } catch {
            return (nil, [error])
        }
        var parser = RuleFileParser(path: file.path)
        parser.overrides = overrides
        let syntax = parser.file(root)
        return (syntax, parser.diagnostics.sorted)
    }

    private init(path: String) {
        self.path = path
    }

    private mutating func error(_ message: String, at location: SourceLocation) {
        diagnostics.error(message, at: location)
    }

    private mutating func reportUnknownKeys(_ mapping: YAMLMapping, allowed: [String], context: String) {
        for (key, location) in mapping.unknownKeys {
            var message = "unknown key '\(key)' in \(context)"
            if let guess = suggestion(for: key, among: allowed) { message += "; did you mean '\(guess)'?" }
            error(message, at: location)
        }
    }

    // MARK: Top level

    private mutating func file(_ root: YAMLNode) -> RuleFileSyntax? {
        guard root.pairs != nil else {
            error("a rule file is a mapping with 'crossfoot: 1', 'pack:' and 'rules:', not \(root.kindDescription)", at: root.location)
            return nil
        }
        var top = YAMLMapping(root)
        let start = SourceLocation(path: path, line: 1, column: 1)
        var version = Located(1, at: root.location)
        if let node = top.take("crossfoot") {
            if let v = integer(node, "crossfoot") {
                if v != 1 { error("this Crossfoot reads rule files of format version 1, not \(v)", at: node.location) }
                version = Located(v, at: node.location)
            }
        } else {
            error("missing 'crossfoot: 1' (the rule-file format version)", at: start)
        }
        var pack = Located("", at: root.location)
        if let node = top.take("pack") {
            if let name = string(node, "pack") { pack = Located(name, at: node.location) }
        } else {
            error("missing 'pack:' (the name of this rule pack)", at: start)
        }
        let description = top.take("description").flatMap { string($0, "description") }
        var tables: [TableDeclarationSyntax] = []
        if let node = top.take("tables") {
            if let pairs = node.pairs {
                for pair in pairs {
                    if let table = tableDeclaration(pair) { tables.append(table) }
                }
            } else if !node.isNull {
                error("'tables' is a mapping from table names to their columns, not \(node.kindDescription)", at: node.location)
            }
        }
        var rules: [RuleSyntax] = []
        if let node = top.take("rules") {
            if let items = node.items {
                for item in items {
                    if let rule = rule(item) { rules.append(rule) }
                }
            } else {
                error("'rules' is a list of rules, not \(node.kindDescription)", at: node.location)
            }
        } else {
            error("missing 'rules:' (the list of rules)", at: start)
        }
        reportUnknownKeys(top, allowed: Self.topKeys, context: "the rule file")
        return RuleFileSyntax(path: path, version: version, pack: pack, description: description, tables: tables, rules: rules)
    }

    private mutating func tableDeclaration(_ pair: YAMLNode.Pair) -> TableDeclarationSyntax? {
        let name = Located(pair.key.scalar ?? "", at: pair.key.location)
        guard pair.value.pairs != nil else {
            error("table '\(name.value)' is described by a mapping (columns, subject, labels, key), not \(pair.value.kindDescription)", at: pair.value.location)
            return nil
        }
        var m = YAMLMapping(pair.value)
        let columns = m.take("columns").flatMap { names($0, "columns") }
        let subject = m.take("subject").flatMap { node in string(node, "subject").map { Located($0, at: node.location(ofCharacter: 0)) } }
        var labels: [String: String] = [:]
        var labelLocations: [String: SourceLocation] = [:]
        if let node = m.take("labels") {
            if let pairs = node.pairs {
                for p in pairs {
                    if let text = string(p.value, "a label") {
                        labels[p.key.scalar ?? ""] = text
                        labelLocations[p.key.scalar ?? ""] = p.key.location
                    }
                }
            } else {
                error("'labels' maps column names to the names people read, not \(node.kindDescription)", at: node.location)
            }
        }
        let key = m.take("key").flatMap { names($0, "key") }
        reportUnknownKeys(m, allowed: ["columns", "subject", "labels", "key"], context: "table '\(name.value)'")
        return TableDeclarationSyntax(name: name, columns: columns, subject: subject, labels: labels, labelLocations: labelLocations, key: key)
    }

    // MARK: Rules

    private mutating func rule(_ original: YAMLNode) -> RuleSyntax? {
        guard original.pairs != nil else {
            error("each rule is a mapping with 'id', 'table' and one check, not \(original.kindDescription)", at: original.location)
            return nil
        }
        var node = original
        if let id = YAMLMapping(original).pairs["id"]?.value.scalar, let override = overrides[id] {
            node = patched(original, with: override)
        }
        var m = YAMLMapping(node)
        var ok = true
        var id = Located("", at: node.location)
        if let idNode = m.take("id"), let text = string(idNode, "id") {
            id = Located(text, at: idNode.location)
            if !Self.isValidID(text) {
                error("rule id '\(text)' must be lowercase words joined by '-', such as 'percent-in-range'", at: idNode.location)
            }
        } else if !m.has("id") {
            error("this rule has no 'id'", at: node.location)
            ok = false
        } else {
            ok = false
        }
        let description = m.take("description").flatMap { string($0, "description") }
        var severity = Severity.error
        if let severityNode = m.take("severity"), let text = string(severityNode, "severity") {
            if let s = Severity(rawValue: text) {
                severity = s
            } else {
                error("unknown severity '\(text)'; use error, warning or info", at: severityNode.location)
            }
        }
        var table = Located("", at: node.location)
        if let tableNode = m.take("table") {
            if let text = string(tableNode, "table") { table = Located(text, at: tableNode.location) } else { ok = false }
        } else {
            error("rule '\(id.value)' has no 'table' (the table it checks, or a pattern such as '*')", at: id.location)
            ok = false
        }
        let filter = m.take("where").flatMap { expression($0, "where") }
        let join = m.take("join").flatMap { joinSyntax($0) }
        let groupBy = m.take("group_by").flatMap { names($0, "group_by") } ?? []
        let message = m.take("message").flatMap { n in string(n, "message").map { Located($0, at: n.location(ofCharacter: 0)) } }
        var tolerance: Located<ToleranceSyntax>?
        if let t = m.take("tolerance") {
            if t.scalar == "rounding", case .scalar(_, .plain) = t.kind {
                tolerance = Located(.rounding, at: t.location)
            } else if let n = number(t, "tolerance", allowWord: "rounding") {
                if n.isNegative {
                    error("tolerance cannot be negative", at: t.location)
                } else {
                    tolerance = Located(.absolute(n), at: t.location)
                }
            }
        }
        var weight: Located<Number>?
        if let node = m.take("weight"), let n = number(node, "weight") {
            if n.isNegative || n > .one {
                error("'weight' is between 0 and 1 (how much a finding of this rule counts in the triage score)", at: node.location)
            } else {
                weight = Located(n, at: node.location)
            }
        }
        var missing = MissingPolicy.skip
        if let node = m.take("missing"), let text = string(node, "missing") {
            if let policy = MissingPolicy(rawValue: text) {
                missing = policy
            } else {
                error("'missing' is 'skip' or 'fail', not '\(text)'", at: node.location)
            }
        }
        let present = Self.checkKeys.filter { m.has($0) }.sorted {
            let a = m.keyLocation($0), b = m.keyLocation($1)
            return (a?.line ?? 0, a?.column ?? 0) < (b?.line ?? 0, b?.column ?? 0)
        }
        var check: CheckSyntax?
        var checkLocation = node.location
        if present.isEmpty {
            var message = "rule '\(id.value)' has no check; add one of \(Self.checkKeys.joined(separator: ", "))"
            if let (unknown, _) = m.unknownKeys.first, let guess = suggestion(for: unknown, among: Self.checkKeys) {
                message += " (is '\(unknown)' a misspelt '\(guess)'?)"
            }
            error(message, at: id.location)
            ok = false
        } else if present.count > 1 {
            let second = m.keyLocation(present[1]) ?? node.location
            error("rule '\(id.value)' has two checks, '\(present[0])' and '\(present[1])'; a rule has exactly one (split it into two rules)", at: second)
            ok = false
            for key in present { _ = m.take(key) }
        } else if let key = present.first, let value = m.take(key) {
            checkLocation = m.keyLocation(key) ?? node.location
            check = checkSyntax(key, value)
        }
        reportUnknownKeys(m, allowed: Self.ruleKeys + Self.checkKeys, context: "rule '\(id.value)'")
        if let tolerance, let check {
            switch check.kind {
            case .sum, .ratio, .expect, .carryover: break
            default: error("'tolerance' applies to sum, ratio, expect and carryover checks, not to \(check.kind.rawValue)", at: tolerance.location)
            }
        }
        if !groupBy.isEmpty, let check, check.kind != .expect {
            error("'group_by' at rule level goes with an 'expect' check; a 'sum' check takes it inside 'sum:'", at: m.keyLocation("group_by") ?? node.location)
        }
        guard ok, let check else { return nil }
        return RuleSyntax(id: id, description: description, severity: severity, table: table, filter: filter, join: join,
                          groupBy: groupBy, check: check, checkLocation: checkLocation, message: message,
                          tolerance: tolerance, missing: missing, location: node.location, weight: weight)
    }

    /// The rule's node with a project config's settings applied: its severity replaced, and the
    /// check's settings replaced or added, each keeping the config's position for errors.
    private mutating func patched(_ node: YAMLNode, with override: RuleOverride) -> YAMLNode {
        guard var pairs = node.pairs else { return node }
        if let severity = override.severity {
            let value = YAMLNode(.scalar(severity.value.rawValue, .plain), at: severity.location)
            if let i = pairs.firstIndex(where: { $0.key.scalar == "severity" }) {
                pairs[i].value = value
            } else {
                pairs.append(YAMLNode.Pair(key: YAMLNode(.scalar("severity", .plain), at: severity.location), value: value))
            }
        }
        if let patch = override.check, let key = patch.key.scalar {
            if let i = pairs.firstIndex(where: { $0.key.scalar == key }) {
                if var existing = pairs[i].value.pairs, let changes = patch.value.pairs {
                    for change in changes {
                        if let j = existing.firstIndex(where: { $0.key.scalar == change.key.scalar }) {
                            existing[j] = change
                        } else {
                            existing.append(change)
                        }
                    }
                    pairs[i].value = YAMLNode(.mapping(existing), at: pairs[i].value.location)
                } else {
                    pairs[i].value = patch.value
                }
            } else {
                let kind = pairs.first { CheckKind(rawValue: $0.key.scalar ?? "") != nil }?.key.scalar ?? "other"
                error("rule '\(override.id.value)' is a \(kind) check; its settings are changed under '\(kind):', not '\(key):'", at: patch.key.location)
            }
        }
        return YAMLNode(.mapping(pairs), at: node.location, tag: node.tag)
    }

    package static func isValidID(_ text: String) -> Bool {
        let words = text.split(separator: "-", omittingEmptySubsequences: false)
        return !text.isEmpty && words.allSatisfy { word in
            !word.isEmpty && word.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") }
        }
    }

    private mutating func joinSyntax(_ node: YAMLNode) -> JoinSyntax? {
        guard node.pairs != nil else {
            error("'join' is a mapping with 'table', 'on' and 'as', not \(node.kindDescription)", at: node.location)
            return nil
        }
        var m = YAMLMapping(node)
        let table = m.take("table").flatMap { n in string(n, "join table").map { Located($0, at: n.location) } }
        let on = m.take("on").flatMap { names($0, "on") }
        let filter = m.take("where").flatMap { expression($0, "join where") }
        let alias = m.take("as").flatMap { n in string(n, "as").map { Located($0, at: n.location) } }
        reportUnknownKeys(m, allowed: ["table", "on", "where", "as"], context: "join")
        if table == nil { error("'join' needs 'table': the table whose matching row is joined", at: node.location) }
        if on == nil { error("'join' needs 'on': the columns that must be equal in both rows", at: node.location) }
        if alias == nil { error("'join' needs 'as': the name its columns go by, as in 'as: impact' then 'impact.final_budget'", at: node.location) }
        if let alias, !alias.value.allSatisfy({ $0 == "_" || $0.isLetter || $0.isNumber }) {
            error("the join name '\(alias.value)' must be a simple name (letters, digits, '_')", at: alias.location)
        }
        guard let table, let on, let alias else { return nil }
        return JoinSyntax(table: table, on: on, filter: filter, alias: alias)
    }

    // MARK: Checks

    private mutating func checkSyntax(_ key: String, _ node: YAMLNode) -> CheckSyntax? {
        if key == "expect" {
            return expression(node, "expect").map { .expect($0) }
        }
        guard node.pairs != nil else {
            error("'\(key)' takes a mapping of its settings, not \(node.kindDescription)", at: node.location)
            return nil
        }
        var m = YAMLMapping(node)
        defer { _ = m }
        switch key {
        case "range":
            let columns = requiredNames(&m, "columns", in: node, check: key)
            let min = m.take("min").flatMap { n in number(n, "min").map { Located($0, at: n.location) } }
            let max = m.take("max").flatMap { n in number(n, "max").map { Located($0, at: n.location) } }
            reportUnknownKeys(m, allowed: ["columns", "min", "max"], context: "range")
            if min == nil, max == nil, !m.has("min"), !m.has("max") {
                error("'range' needs 'min', 'max' or both", at: node.location)
            }
            if let min, let max, max.value < min.value {
                error("'max' (\(max.value)) is below 'min' (\(min.value))", at: max.location)
            }
            guard let columns else { return nil }
            return .range(columns: columns, min: min, max: max)
        case "required":
            let columns = requiredNames(&m, "columns", in: node, check: key)
            reportUnknownKeys(m, allowed: ["columns"], context: "required")
            return columns.map { .required(columns: $0) }
        case "change":
            let from = requiredName(&m, "from", in: node, check: key)
            let to = requiredName(&m, "to", in: node, check: key)
            func bound(_ name: String, _ m: inout YAMLMapping, _ parser: inout RuleFileParser) -> Located<Number>? {
                m.take(name).flatMap { n in parser.number(n, name).map { Located($0, at: n.location) } }
            }
            let maxDrop = bound("max_drop", &m, &self)
            let maxRise = bound("max_rise", &m, &self)
            let maxRelativeDrop = bound("max_relative_drop", &m, &self)
            let minBase = bound("min_base", &m, &self)
            reportUnknownKeys(m, allowed: ["from", "to", "max_drop", "max_rise", "max_relative_drop", "min_base"], context: "change")
            if maxDrop == nil, maxRise == nil, maxRelativeDrop == nil, !m.has("max_drop"), !m.has("max_rise"), !m.has("max_relative_drop") {
                error("'change' needs a bound: 'max_drop', 'max_rise' or 'max_relative_drop'", at: node.location)
            }
            for b in [maxDrop, maxRise].compactMap({ $0 }) where b.value.isNegative {
                error("a change bound cannot be negative", at: b.location)
            }
            if let r = maxRelativeDrop, r.value.isNegative || r.value > .one {
                error("'max_relative_drop' is a fraction of the 'from' value, between 0 and 1 (0.9 means 90%)", at: r.location)
            }
            if let minBase, maxRelativeDrop == nil {
                error("'min_base' only qualifies 'max_relative_drop', which this rule does not set", at: minBase.location)
            }
            guard let from, let to else { return nil }
            return .change(from: from, to: to, maxDrop: maxDrop, maxRise: maxRise, maxRelativeDrop: maxRelativeDrop, minBase: minBase)
        case "sum":
            if m.has("parts") {
                let total = requiredName(&m, "total", in: node, check: key)
                var parts: [ExpressionSource] = []
                if let partsNode = m.take("parts") {
                    if let items = partsNode.items, !items.isEmpty {
                        parts = items.compactMap { expression($0, "a part") }
                    } else {
                        error("'parts' is a non-empty list of columns", at: partsNode.location)
                    }
                }
                if m.has("columns") || m.has("group_by") {
                    error("a 'sum' is either down the rows ('columns', 'group_by', 'total') or across columns ('total', 'parts'), not both", at: m.keyLocation("columns") ?? m.keyLocation("group_by") ?? node.location)
                    _ = m.take("columns")
                    _ = m.take("group_by")
                }
                reportUnknownKeys(m, allowed: ["total", "parts"], context: "sum")
                guard let total, !parts.isEmpty else { return nil }
                return .sumAcross(total: total, parts: parts)
            }
            let columns = requiredNames(&m, "columns", in: node, check: key)
            let groupBy = m.take("group_by").flatMap { names($0, "group_by") } ?? []
            var total: ExpressionSource?
            if let t = m.take("total") {
                total = expression(t, "total")
            } else {
                error("'sum' needs 'total': an expression that picks each group's total row, such as area == \"Total\" (or 'parts' for a sum across columns)", at: node.location)
            }
            reportUnknownKeys(m, allowed: ["columns", "group_by", "total", "parts"], context: "sum")
            guard let columns, let total else { return nil }
            return .sumDown(columns: columns, groupBy: groupBy, total: total)
        case "ratio":
            let column = requiredName(&m, "column", in: node, check: key)
            let numerator = m.take("numerator").flatMap { expression($0, "numerator") }
            let denominator = m.take("denominator").flatMap { expression($0, "denominator") }
            if !m.has("numerator") { error("'ratio' needs 'numerator'", at: node.location) }
            if !m.has("denominator") { error("'ratio' needs 'denominator'", at: node.location) }
            let scale = m.take("scale").flatMap { number($0, "scale") } ?? .one
            var decimals = Located(-1, at: node.location)
            if let d = m.take("decimals"), let value = integer(d, "decimals") {
                if value < 0 || value > 12 { error("'decimals' is between 0 and 12", at: d.location) }
                decimals = Located(value, at: d.location)
            }
            reportUnknownKeys(m, allowed: ["column", "numerator", "denominator", "scale", "decimals"], context: "ratio")
            guard let column, let numerator, let denominator else { return nil }
            return .ratio(column: column, numerator: numerator, denominator: denominator, scale: scale, decimals: decimals)
        case "outlier":
            let column = requiredName(&m, "column", in: node, check: key)
            let by = m.take("by").flatMap { names($0, "by") } ?? []
            var method = OutlierMethod.modifiedZ
            if let n = m.take("method"), let text = string(n, "method") {
                if let known = OutlierMethod(rawValue: text) {
                    method = known
                } else {
                    error("'method' is \(OutlierMethod.allCases.map(\.rawValue).joined(separator: ", ")), not '\(text)'", at: n.location)
                }
            }
            let threshold = positive(&m, "threshold")
            let minGroup = count(&m, "min_group", default: 4, least: 3)
            reportUnknownKeys(m, allowed: ["column", "by", "method", "threshold", "min_group"], context: "outlier")
            guard let column else { return nil }
            return .outlier(column: column, by: by, method: method, threshold: threshold, minGroup: minGroup)
        case "scale":
            let columns = requiredNames(&m, "columns", in: node, check: key)
            let reference = m.take("reference").flatMap { n in string(n, "reference").map { Located($0, at: n.location) } }
            let by = m.take("by").flatMap { names($0, "by") } ?? []
            let maxValue = positive(&m, "max_value") ?? .one
            let minReference = positive(&m, "min_reference") ?? Number(10)
            reportUnknownKeys(m, allowed: ["columns", "reference", "by", "max_value", "min_reference"], context: "scale")
            if reference == nil, by.isEmpty, !m.has("reference"), !m.has("by") {
                error("'scale' needs 'reference' (a column such as baseline), 'by' (the columns that pick a value's peers), or both", at: node.location)
            }
            if maxValue >= minReference {
                error("'max_value' (\(maxValue)) must be below 'min_reference' (\(minReference))", at: node.location)
            }
            guard let columns else { return nil }
            return .scale(columns: columns, reference: reference, by: by, maxValue: maxValue, minReference: minReference)
        case "repeated":
            let column = requiredName(&m, "column", in: node, check: key)
            let by = requiredNames(&m, "by", in: node, check: key)
            let across = optionalName(&m, "across", default: "indicator_code", at: node.location)
            let minIndicators = count(&m, "min_indicators", default: 2, least: 2)
            var of: [Located<String>] = [Located("change", at: node.location), Located("scale", at: node.location), Located("outlier", at: node.location)]
            if let n = m.take("of"), let kinds = names(n, "of") {
                for kind in kinds where CheckKind(rawValue: kind.value) == nil || kind.value == "repeated" {
                    error("'of' lists check kinds whose findings make a value unusual (such as change, scale, outlier), not '\(kind.value)'", at: kind.location)
                }
                of = kinds
            }
            reportUnknownKeys(m, allowed: ["column", "by", "across", "min_indicators", "of"], context: "repeated")
            guard let column, let by else { return nil }
            return .repeated(column: column, by: by, across: across, minIndicators: minIndicators, of: of)
        case "coverage":
            let by = requiredNames(&m, "by", in: node, check: key)
            let among = requiredNames(&m, "among", in: node, check: key)
            let across = optionalName(&m, "across", default: "indicator_code", at: node.location)
            let minOthers = count(&m, "min_others", default: 2, least: 1)
            reportUnknownKeys(m, allowed: ["by", "among", "across", "min_others"], context: "coverage")
            guard let by, let among else { return nil }
            return .coverage(by: by, among: among, across: across, minOthers: minOthers)
        case "carryover":
            let from = requiredName(&m, "from", in: node, check: key)
            let to = requiredName(&m, "to", in: node, check: key)
            let keyColumns = requiredNames(&m, "key", in: node, check: key)
            let over = optionalName(&m, "over", default: "year", at: node.location)
            reportUnknownKeys(m, allowed: ["from", "to", "key", "over"], context: "carryover")
            guard let from, let to, let keyColumns else { return nil }
            return .carryover(from: from, to: to, key: keyColumns, over: over)
        case "swing":
            var columns: [Located<String>]?
            if let n = m.take("column") ?? m.take("columns") {
                columns = names(n, "column")
            } else {
                error("'swing' needs 'column' (or 'columns')", at: node.location)
            }
            let by = m.take("by").flatMap { names($0, "by") } ?? []
            let over = optionalName(&m, "over", default: "year", at: node.location)
            let maxChange = positive(&m, "max_relative_change")
            if maxChange == nil, !m.has("max_relative_change") {
                error("'swing' needs 'max_relative_change': the largest change from one year to the next, as a fraction (0.4 means 40%)", at: node.location)
            }
            reportUnknownKeys(m, allowed: ["column", "columns", "by", "over", "max_relative_change"], context: "swing")
            guard let columns, let maxChange else { return nil }
            return .swing(columns: columns, by: by, over: over, maxRelativeChange: maxChange)
        default:
            return nil
        }
    }

    /// An optional setting that must be a number above zero.
    private mutating func positive(_ m: inout YAMLMapping, _ key: String) -> Number? {
        guard let n = m.take(key), let value = number(n, key) else { return nil }
        guard value > .zero else {
            error("'\(key)' must be above zero", at: n.location)
            return nil
        }
        return value
    }

    /// An optional whole-number setting with a default and a least value.
    private mutating func count(_ m: inout YAMLMapping, _ key: String, default value: Int, least: Int) -> Int {
        guard let n = m.take(key), let v = integer(n, key) else { return value }
        guard v >= least else {
            error("'\(key)' is at least \(least)", at: n.location)
            return value
        }
        return v
    }

    /// An optional column name with a default.
    private mutating func optionalName(_ m: inout YAMLMapping, _ key: String, default name: String, at location: SourceLocation) -> Located<String> {
        guard let n = m.take(key) else { return Located(name, at: location) }
        return string(n, key).map { Located($0, at: n.location) } ?? Located(name, at: location)
    }

    // MARK: Scalars

    private mutating func string(_ node: YAMLNode, _ what: String) -> String? {
        guard case .scalar(let text, _) = node.kind, !node.isNull else {
            error("'\(what)' must be a string, not \(node.kindDescription)", at: node.location)
            return nil
        }
        return text
    }

    private mutating func number(_ node: YAMLNode, _ what: String, allowWord: String? = nil) -> Number? {
        let expected = allowWord.map { "a number or '\($0)'" } ?? "a number"
        guard case .scalar(let text, let style) = node.kind, !node.isNull else {
            error("'\(what)' must be \(expected), not \(node.kindDescription)", at: node.location)
            return nil
        }
        guard style == .plain, case .number(let n, false) = CellText.parse(text), YAMLScalars.isNumber(text) else {
            let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
            error("'\(what)' must be \(expected), not \(style == .plain ? "'\(shown)'" : "the string \"\(shown)\"")", at: node.location)
            return nil
        }
        return n
    }

    private mutating func integer(_ node: YAMLNode, _ what: String) -> Int? {
        guard let n = number(node, what) else { return nil }
        guard n.rounded(toDecimals: 0) == n, n.significand.magnitude < 1_000_000_000, n.exponent < 10 else {
            error("'\(what)' must be a whole number, not \(n)", at: node.location)
            return nil
        }
        return Int(n.plain(decimals: 0, grouping: false)) ?? 0
    }

    /// A column name, or a list of them.
    private mutating func names(_ node: YAMLNode, _ what: String) -> [Located<String>]? {
        switch node.kind {
        case .scalar(let text, _) where !node.isNull:
            return [Located(text, at: node.location)]
        case .sequence(let items):
            var result: [Located<String>] = []
            for item in items {
                if let text = string(item, "an item of \(what)") { result.append(Located(text, at: item.location)) }
            }
            if result.isEmpty { error("'\(what)' lists no columns", at: node.location) }
            return result.isEmpty ? nil : result
        default:
            error("'\(what)' must be a column name or a list of them, not \(node.kindDescription)", at: node.location)
            return nil
        }
    }

    private mutating func requiredNames(_ m: inout YAMLMapping, _ key: String, in node: YAMLNode, check: String) -> [Located<String>]? {
        guard let value = m.take(key) else {
            error("'\(check)' needs '\(key)'", at: node.location)
            return nil
        }
        return names(value, key)
    }

    private mutating func requiredName(_ m: inout YAMLMapping, _ key: String, in node: YAMLNode, check: String) -> Located<String>? {
        guard let value = m.take(key) else {
            error("'\(check)' needs '\(key)'", at: node.location)
            return nil
        }
        return string(value, key).map { Located($0, at: value.location) }
    }

    private mutating func expression(_ node: YAMLNode, _ what: String) -> ExpressionSource? {
        let text: String
        switch node.kind {
        case .scalar(let t, _) where !node.isNull:
            text = t
        default:
            error("'\(what)' must be an expression written as a string, not \(node.kindDescription)", at: node.location)
            return nil
        }
        do {
            let (expr, next) = try ExprParser.parse(text, firstID: nextExprID)
            nextExprID = next
            return ExpressionSource(text: text, node: node, expr: expr)
        } catch {
            diagnostics.error("in '\(what)': \(error.message)", at: node.location(ofCharacter: error.offset))
            return nil
        }
    }
}
