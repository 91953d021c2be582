import CrossfootBase

/// Builds a `RuleFileSyntax` from a rule file's YAML, reporting every problem with its position.
///
/// Keys are strict: an unknown key, a value of the wrong type or a missing required key is an
/// error, never silently ignored.
public struct RuleFileParser {
    var diagnostics: DiagnosticBag
    /// The id of the next expression node: ids are unique across the file, so the checker's side
    /// tables for one rule never collide.
    var nextExprID = 0
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
        var bag = DiagnosticBag()
        let syntax = parse(file, limits: limits, overrides: overrides, into: &bag)
        return (syntax, bag.sorted)
    }

    /// Parses a rule file as far as it can, adding its diagnostics to `bag`, whose cap counts
    /// them with those that checking the file adds later.
    ///
    /// - Returns: the rules that could be read, or `nil` when the file could not be read as a
    ///   rule file at all.
    package static func parse(_ file: SourceFile, limits: YAMLLimits, overrides: [String: RuleOverride], into bag: inout DiagnosticBag) -> RuleFileSyntax? {
        let root: YAMLNode
        do {
            guard let node = try YAMLParser.parse(file, limits: limits) else {
                bag.error("the rule file is empty; it needs 'crossfoot: 1', 'pack:' and 'rules:'", at: SourceLocation(path: file.path, line: 1, column: 1))
                return nil
            }
            root = node
        } catch {
            bag.append(error)
            return nil
        }
        var parser = RuleFileParser(path: file.path, diagnostics: bag)
        parser.overrides = overrides
        let syntax = parser.file(root)
        bag = parser.diagnostics
        return syntax
    }

    private init(path: String, diagnostics: DiagnosticBag) {
        self.path = path
        self.diagnostics = diagnostics
    }

    mutating func error(_ message: String, at location: SourceLocation) {
        diagnostics.error(message, at: location)
    }

    mutating func reportUnknownKeys(_ mapping: YAMLMapping, allowed: [String], context: String) {
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
            error(
                "table '\(name.value)' is described by a mapping (columns, subject, labels, key, headers), not \(pair.value.kindDescription)",
                at: pair.value.location)
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
        var headers: [HeaderMappingSyntax] = []
        if let node = m.take("headers") {
            let (mappings, errors) = HeaderMappingParser.parse(node, table: name.value)
            headers = mappings
            for error in errors { diagnostics.append(error) }
        }
        reportUnknownKeys(m, allowed: ["columns", "subject", "labels", "key", "headers"], context: "table '\(name.value)'")
        return TableDeclarationSyntax(
            name: name, columns: columns, subject: subject, labels: labels, labelLocations: labelLocations, key: key, headers: headers)
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
            let a = m.keyLocation($0)
            let b = m.keyLocation($1)
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
        return RuleSyntax(
            id: id, description: description, severity: severity, table: table, filter: filter, join: join,
            groupBy: groupBy, check: check, checkLocation: checkLocation, message: message,
            tolerance: tolerance, missing: missing, location: node.location, weight: weight)
    }

    package static func isValidID(_ text: String) -> Bool {
        let words = text.split(separator: "-", omittingEmptySubsequences: false)
        return !text.isEmpty
            && words.allSatisfy { word in
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
}
