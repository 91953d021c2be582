import CrossfootBase
import CrossfootEngine
import CrossfootReports
import CrossfootRules
import CrossfootTables

/// Reads `.crossfoot.yaml` strictly: an unknown key, rule id or pack, or a value of the wrong
/// type is an error at its line and column — never a silent fallback.
public struct ConfigParser {
    private var diagnostics: [Diagnostic] = []
    private var nextExprID = 1_000_000
    private let path: String

    package static let topKeys = [
        "crossfoot", "packs", "include", "exclude", "fail-on", "min-severity", "max-warnings", "rules", "overrides", "reports", "baseline", "accept", "limits",
        "tables",
    ]
    package static let reportFormats = ["sarif", "junit", "github", "gitlab", "jsonl", "json", "markdown", "text", "full", "html", "triage"]

    /// Parses a config file.
    ///
    /// - Returns: the config, or every error found in it.
    public static func parse(_ file: SourceFile, directory: String) -> Result<ProjectConfig, DiagnosticList> {
        var config = ProjectConfig(directory: directory)
        config.file = file.path
        let root: YAMLNode
        do {
            guard let node = try YAMLParser.parse(file) else { return .success(config) }
            root = node
        } catch {
            return .failure(DiagnosticList([error]))
        }
        var parser = ConfigParser(path: file.path)
        parser.read(root, into: &config)
        if parser.diagnostics.isEmpty { return .success(config) }
        return .failure(
            DiagnosticList(
                parser.diagnostics.sorted { ($0.location?.line ?? 0, $0.location?.column ?? 0) < ($1.location?.line ?? 0, $1.location?.column ?? 0) }))
    }

    private init(path: String) {
        self.path = path
    }

    private mutating func error(_ message: String, at location: SourceLocation) {
        diagnostics.append(.error(message, at: location))
    }

    private mutating func unknownKeys(_ m: YAMLMapping, _ allowed: [String], _ context: String) {
        for (key, location) in m.unknownKeys {
            var message = "unknown key '\(key)' in \(context)"
            if let guess = suggestion(for: key, among: allowed) { message += "; did you mean '\(guess)'?" }
            error(message, at: location)
        }
    }

    private mutating func read(_ root: YAMLNode, into config: inout ProjectConfig) {
        guard root.pairs != nil else {
            error("the config is a mapping of settings such as 'packs:' and 'fail-on:', not \(root.kindDescription)", at: root.location)
            return
        }
        var m = YAMLMapping(root)
        if let node = m.take("crossfoot") {
            if node.scalar != "1" { error("this Crossfoot reads config version 1 ('crossfoot: 1')", at: node.location) }
        } else {
            error("missing 'crossfoot: 1' (the config format version)", at: root.location)
        }
        if let node = m.take("packs"), let list = strings(node, "packs") {
            config.packs = .init(list.map(\.value), .file(node.location))
            config.packLocations = list.map(\.location)
        }
        if let node = m.take("include"), let list = strings(node, "include") {
            config.include = .init(list.map { PathPattern($0.value) }, .file(node.location))
        }
        if let node = m.take("exclude"), let list = strings(node, "exclude") {
            config.exclude = .init(list.map { PathPattern($0.value) }, .file(node.location))
        }
        if let node = m.take("fail-on"), let text = string(node, "fail-on") {
            if let value = FailOn(rawValue: text) {
                config.failOn = .init(value, .file(node.location))
            } else {
                error("'fail-on' is error, warning, info or never, not '\(text)'", at: node.location)
            }
        }
        if let node = m.take("min-severity"), let text = string(node, "min-severity") {
            if let value = Severity(rawValue: text) {
                config.minSeverity = .init(value, .file(node.location))
            } else {
                error("'min-severity' is error, warning or info, not '\(text)'", at: node.location)
            }
        }
        if let node = m.take("max-warnings") {
            if node.isNull {
                config.maxWarnings = .init(nil, .file(node.location))  // explicitly no limit
            } else if case .scalar(let text, .plain) = node.kind, let n = Int(text), n >= 0 {
                config.maxWarnings = .init(n, .file(node.location))
            } else {
                error(
                    "'max-warnings' is a whole number of 0 or more, not \(node.kindDescription == "a number" ? "'\(node.scalar ?? "")'" : node.kindDescription)",
                    at: node.location)
            }
        }
        if let node = m.take("rules") {
            if let pairs = node.pairs {
                config.rules = pairs.compactMap { ruleOverride($0, context: "rules") }
            } else {
                error("'rules' maps rule ids to their settings, not \(node.kindDescription)", at: node.location)
            }
        }
        if let node = m.take("overrides") {
            if let items = node.items {
                config.overrides = items.compactMap { pathOverride($0) }
            } else {
                error("'overrides' is a list of {paths, rules}, not \(node.kindDescription)", at: node.location)
            }
        }
        if let node = m.take("limits") {
            if let pairs = node.pairs {
                let names = ProjectConfig.Limit.allCases.map(\.rawValue)
                for pair in pairs {
                    let name = pair.key.scalar ?? ""
                    guard let limit = ProjectConfig.Limit(rawValue: name) else {
                        var message = "unknown limit '\(name)'; use \(names.joined(separator: ", "))"
                        if let guess = suggestion(for: name, among: names) { message = "unknown limit '\(name)'; did you mean '\(guess)'?" }
                        error(message, at: pair.key.location)
                        continue
                    }
                    guard case .scalar(let text, .plain) = pair.value.kind, let value = ByteSize.parse(text, sizes: limit.isSize), value >= 0 else {
                        let what = limit.isSize ? "a size in bytes such as 67108864 or 64MiB" : "a whole number of 0 or more"
                        error("'\(name)' is \(what), not \(pair.value.scalar.map { "'\($0)'" } ?? pair.value.kindDescription)", at: pair.value.location)
                        continue
                    }
                    config.limits[limit] = .init(value, .file(pair.value.location))
                }
            } else {
                error("'limits' maps limit names to values, as in {max-line-length: 128MiB}, not \(node.kindDescription)", at: node.location)
            }
        }
        if let node = m.take("reports") {
            if let pairs = node.pairs {
                var reports: [(format: String, path: String)] = []
                for pair in pairs {
                    let format = pair.key.scalar ?? ""
                    guard Self.reportFormats.contains(format) else {
                        var message = "unknown report format '\(format)'; use \(Self.reportFormats.joined(separator: ", "))"
                        if let guess = suggestion(for: format, among: Self.reportFormats) {
                            message = "unknown report format '\(format)'; did you mean '\(guess)'?"
                        }
                        error(message, at: pair.key.location)
                        continue
                    }
                    if let file = string(pair.value, "reports.\(format)") { reports.append((format, file)) }
                }
                config.reports = .init(reports, .file(node.location))
            } else {
                error("'reports' maps formats to files, as in {sarif: out/crossfoot.sarif}, not \(node.kindDescription)", at: node.location)
            }
        }
        if let node = m.take("baseline") {
            if node.isNull {
                config.baseline = .init(nil, .file(node.location))  // explicitly no baseline
            } else if let file = string(node, "baseline") {
                config.baseline = .init(file, .file(node.location))
            }
        }
        if let node = m.take("tables") {
            if let pairs = node.pairs {
                config.tables = pairs.compactMap { tableHeaders($0) }
            } else {
                error(
                    "'tables' maps table names to their header names, as in {indicators: {headers: {actual: [\"Actual*\"]}}}, not \(node.kindDescription)",
                    at: node.location)
            }
        }
        if let node = m.take("accept") {
            if let items = node.items {
                config.accept = items.compactMap { acceptance($0) }
            } else {
                error("'accept' is a list of {rule, where, reason}, not \(node.kindDescription)", at: node.location)
            }
        }
        unknownKeys(m, Self.topKeys, "the config")
    }

    private mutating func ruleOverride(_ pair: YAMLNode.Pair, context: String) -> RuleOverride? {
        let id = Located(pair.key.scalar ?? "", at: pair.key.location)
        guard pair.value.pairs != nil else {
            error(
                "settings of rule '\(id.value)' are a mapping such as {severity: error} or {enabled: false}, not \(pair.value.kindDescription)",
                at: pair.value.location)
            return nil
        }
        var m = YAMLMapping(pair.value)
        var override = RuleOverride(id: id)
        if let node = m.take("severity"), let text = string(node, "severity") {
            if let s = Severity(rawValue: text) {
                override.severity = Located(s, at: node.location)
            } else {
                error("unknown severity '\(text)'; use error, warning or info", at: node.location)
            }
        }
        if let node = m.take("enabled") {
            if case .scalar(let text, .plain) = node.kind, let b = YAMLScalars.bool(text) {
                override.enabled = Located(b, at: node.location)
            } else {
                error("'enabled' is true or false, not \(node.kindDescription)", at: node.location)
            }
        }
        let checks = CheckKind.allCases.map(\.rawValue)
        for key in checks where m.has(key) {
            guard let value = m.take(key), let keyLocation = m.keyLocation(key) else { continue }
            if context != "rules" {
                error("per-path overrides change only 'enabled' and 'severity'; set '\(key)' under the top-level 'rules:'", at: keyLocation)
                continue
            }
            if override.check != nil {
                error("rule '\(id.value)' has one check; this sets a second one", at: keyLocation)
                continue
            }
            override.check = YAMLNode.Pair(key: YAMLNode(.scalar(key, .plain), at: keyLocation), value: value)
        }
        unknownKeys(m, ["severity", "enabled"] + (context == "rules" ? checks : []), "the settings of rule '\(id.value)'")
        return override
    }

    /// A `tables:` entry: the header names of one table's columns. Which names are its columns
    /// is checked when the rules are compiled, against the table the packs know.
    private mutating func tableHeaders(_ pair: YAMLNode.Pair) -> TableDeclarationSyntax? {
        let name = Located(pair.key.scalar ?? "", at: pair.key.location)
        guard pair.value.pairs != nil else {
            error("table '\(name.value)' takes {headers: {column: [header names]}}, not \(pair.value.kindDescription)", at: pair.value.location)
            return nil
        }
        var m = YAMLMapping(pair.value)
        var headers: [HeaderMappingSyntax] = []
        if let node = m.take("headers") {
            let (mappings, errors) = HeaderMappingParser.parse(node, table: name.value)
            headers = mappings
            diagnostics += errors
        } else {
            error("table '\(name.value)' in the config needs 'headers': the header names its columns go by", at: pair.key.location)
        }
        for (key, location) in m.unknownKeys {
            var message = "unknown key '\(key)' in table '\(name.value)' of the config, which takes only 'headers'"
            if suggestion(for: key, among: ["headers"]) != nil {
                message += "; did you mean 'headers'?"
            } else if ["columns", "subject", "labels", "key"].contains(key) {
                message += " ('\(key)' belongs in a rule pack's tables)"
            }
            error(message, at: location)
        }
        return TableDeclarationSyntax(name: name, headers: headers)
    }

    private mutating func pathOverride(_ node: YAMLNode) -> ProjectConfig.PathOverride? {
        guard node.pairs != nil else {
            error("each override is a mapping with 'paths' and 'rules', not \(node.kindDescription)", at: node.location)
            return nil
        }
        var m = YAMLMapping(node)
        let paths = m.take("paths").flatMap { strings($0, "paths") }
        var rules: [RuleOverride] = []
        if let value = m.take("rules") {
            if let pairs = value.pairs {
                rules = pairs.compactMap { ruleOverride($0, context: "overrides") }
            } else {
                error("'rules' maps rule ids to {enabled, severity}, not \(value.kindDescription)", at: value.location)
            }
        } else {
            error("this override has no 'rules'", at: node.location)
        }
        if paths == nil, !m.has("paths") { error("this override has no 'paths'", at: node.location) }
        unknownKeys(m, ["paths", "rules"], "an override")
        guard let paths else { return nil }
        return ProjectConfig.PathOverride(paths: paths.map { PathPattern($0.value) }, rules: rules, location: node.location)
    }

    private mutating func acceptance(_ node: YAMLNode) -> Acceptance? {
        guard node.pairs != nil else {
            error("each accept entry is a mapping with 'rule', 'where' and 'reason', not \(node.kindDescription)", at: node.location)
            return nil
        }
        var m = YAMLMapping(node)
        let rule = m.take("rule").flatMap { n in string(n, "rule").map { Located($0, at: n.location) } }
        var condition: ExpressionSource?
        if let whereNode = m.take("where"), let text = string(whereNode, "where") {
            do {
                let (expr, next) = try ExprParser.parse(text, firstID: nextExprID)
                nextExprID = next
                condition = ExpressionSource(text: text, node: whereNode, expr: expr)
            } catch {
                diagnostics.append(.error("in 'where': \(error.message)", at: whereNode.location(ofCharacter: error.offset)))
            }
        }
        var reason: String?
        if let reasonNode = m.take("reason"), let text = string(reasonNode, "reason") {
            if text.trimmingSpaces.isEmpty {
                error("'reason' must say why the finding is accepted", at: reasonNode.location)
            } else {
                reason = text
            }
        } else if !m.has("reason") {
            error("an accepted finding needs a 'reason', written for the next reviewer", at: node.location)
        }
        if rule == nil, !m.has("rule") { error("an accept entry needs 'rule': the id of the rule whose finding is accepted", at: node.location) }
        unknownKeys(m, ["rule", "where", "reason"], "an accept entry")
        guard let rule, let reason else { return nil }
        return Acceptance(rule: rule, condition: condition, reason: reason, location: node.location)
    }

    private mutating func string(_ node: YAMLNode, _ what: String) -> String? {
        guard case .scalar(let text, _) = node.kind, !node.isNull else {
            error("'\(what)' must be a string, not \(node.kindDescription)", at: node.location)
            return nil
        }
        return text
    }

    /// A string or a list of strings.
    private mutating func strings(_ node: YAMLNode, _ what: String) -> [Located<String>]? {
        switch node.kind {
        case .scalar(let text, _) where !node.isNull:
            return [Located(text, at: node.location)]
        case .sequence(let items):
            var result: [Located<String>] = []
            for item in items {
                if let text = string(item, "an item of \(what)") { result.append(Located(text, at: item.location)) }
            }
            return result
        default:
            error("'\(what)' must be a string or a list of strings, not \(node.kindDescription)", at: node.location)
            return nil
        }
    }
}
