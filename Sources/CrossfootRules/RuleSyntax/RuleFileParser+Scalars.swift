import CrossfootBase

/// Scalars, column names and expressions, each with an error naming what it should be.
extension RuleFileParser {
    mutating func string(_ node: YAMLNode, _ what: String) -> String? {
        guard case .scalar(let text, _) = node.kind, !node.isNull else {
            error("'\(what)' must be a string, not \(node.kindDescription)", at: node.location)
            return nil
        }
        return text
    }

    mutating func number(_ node: YAMLNode, _ what: String, allowWord: String? = nil) -> Number? {
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

    mutating func integer(_ node: YAMLNode, _ what: String) -> Int? {
        guard let n = number(node, what) else { return nil }
        guard n.rounded(toDecimals: 0) == n, n.significand.magnitude < 1_000_000_000, n.exponent < 10 else {
            error("'\(what)' must be a whole number, not \(n)", at: node.location)
            return nil
        }
        return Int(n.plain(decimals: 0, grouping: false)) ?? 0
    }

    /// A column name, or a list of them.
    mutating func names(_ node: YAMLNode, _ what: String) -> [Located<String>]? {
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

    mutating func requiredNames(_ m: inout YAMLMapping, _ key: String, in node: YAMLNode, check: String) -> [Located<String>]? {
        guard let value = m.take(key) else {
            error("'\(check)' needs '\(key)'", at: node.location)
            return nil
        }
        return names(value, key)
    }

    mutating func requiredName(_ m: inout YAMLMapping, _ key: String, in node: YAMLNode, check: String) -> Located<String>? {
        guard let value = m.take(key) else {
            error("'\(check)' needs '\(key)'", at: node.location)
            return nil
        }
        return string(value, key).map { Located($0, at: value.location) }
    }

    mutating func expression(_ node: YAMLNode, _ what: String) -> ExpressionSource? {
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
