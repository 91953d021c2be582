import CrossfootBase

/// The settings of each check kind, under its key in a rule.
extension RuleFileParser {
    /// A check written under its kind's key: `expect` takes an expression, the others a mapping
    /// of settings, each checked for its type, its bounds and its company.
    mutating func checkSyntax(_ key: String, _ node: YAMLNode) -> CheckSyntax? {
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
                    error(
                        "a 'sum' is either down the rows ('columns', 'group_by', 'total') or across columns ('total', 'parts'), not both",
                        at: m.keyLocation("columns") ?? m.keyLocation("group_by") ?? node.location)
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
                error(
                    "'sum' needs 'total': an expression that picks each group's total row, such as area == \"Total\" (or 'parts' for a sum across columns)",
                    at: node.location)
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
            var onlyReversals = false
            if let n = m.take("only"), let text = string(n, "only") {
                if text == "reversals" {
                    onlyReversals = true
                } else {
                    error(
                        "'only' is 'reversals' (report a swing only when the next year swings back the other way), not '\(text)'; leave it out to report every swing",
                        at: n.location)
                }
            }
            reportUnknownKeys(m, allowed: ["column", "columns", "by", "over", "max_relative_change", "only"], context: "swing")
            guard let columns, let maxChange else { return nil }
            return .swing(columns: columns, by: by, over: over, maxRelativeChange: maxChange, onlyReversals: onlyReversals)
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
}
