import CrossfootBase

/// Reads a table's `headers:` — `{actual: ["Actual*", "Result"], country: "Country/Territory"}` —
/// the same way in a rule pack and in a project config. Whether each key is a column of the
/// table is checked later, against the table's schema.
package enum HeaderMappingParser {
    /// The mapping, column by column in the order written, and the errors at their positions.
    package static func parse(_ node: YAMLNode, table: String) -> (mappings: [HeaderMappingSyntax], errors: [Diagnostic]) {
        var errors: [Diagnostic] = []
        guard let pairs = node.pairs else {
            errors.append(
                .error(
                    "'headers' of table '\(table)' maps its column names to the CSV header names they go by, as in {actual: [\"Actual*\", \"Result\"]}, not \(node.kindDescription)",
                    at: node.location))
            return ([], errors)
        }
        var mappings: [HeaderMappingSyntax] = []
        for pair in pairs {
            guard case .scalar(let column, _) = pair.key.kind, !pair.key.isNull, !column.isEmpty else {
                errors.append(.error("a key of 'headers' is a column name of table '\(table)', not \(pair.key.kindDescription)", at: pair.key.location))
                continue
            }
            var patterns: [Located<String>] = []
            let what = "the header names of '\(column)'"
            switch pair.value.kind {
            case .scalar(let text, _) where !pair.value.isNull:
                patterns.append(Located(text, at: pair.value.location))
            case .sequence(let items):
                for item in items {
                    if case .scalar(let text, _) = item.kind, !item.isNull {
                        patterns.append(Located(text, at: item.location))
                    } else {
                        errors.append(.error("an item of \(what) must be a string, not \(item.kindDescription)", at: item.location))
                    }
                }
                if items.isEmpty { errors.append(.error("\(what) lists no name", at: pair.value.location)) }
            default:
                errors.append(.error("\(what) must be a header name or a list of them, not \(pair.value.kindDescription)", at: pair.value.location))
            }
            for pattern in patterns where TableSchema.headerKey(pattern.value).isEmpty {
                errors.append(.error("a header name of '\(column)' is blank", at: pattern.location))
            }
            mappings.append(HeaderMappingSyntax(column: Located(column, at: pair.key.location), patterns: patterns))
        }
        return (mappings, errors)
    }
}
