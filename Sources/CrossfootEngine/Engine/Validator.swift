import CrossfootBase
import CrossfootRules
import CrossfootTables

/// The compiled validator: runs every rule of a rule set over a dataset's tables.
public struct Validator: Sendable {
    public let ruleSet: RuleSet
    /// Turns what the checks find into findings' words (`StandardWording` in a lint).
    package let wording: any FindingWording

    package init(ruleSet: RuleSet, wording: any FindingWording) {
        self.ruleSet = ruleSet
        self.wording = wording
    }

    /// Checks one dataset (one input file) and returns its findings, sorted.
    ///
    /// Tables of one name are parts of one table (a sum over them sums them all) when their
    /// columns are the same. A table whose columns differ from an earlier one of its name — a
    /// page holding two budget charts with different series — is checked on its own, with the
    /// tables after it, as if it came from another file.
    public func validate(_ dataset: Dataset) -> ValidationResult {
        // What the reader noticed, and the tables no rule reads: findings of built-in rules.
        let issues = dataset.issues.map(\.finding) + UncheckedTables.findings(dataset, ruleSet: ruleSet, wording: wording)
        var result: ValidationResult?
        var firstColumns: [String: [String]] = [:]
        for table in dataset.tables where firstColumns[table.name] == nil { firstColumns[table.name] = table.columnNames }
        for (index, layer) in Self.layers(dataset.tables).enumerated() {
            if index > 0, let table = layer.first(where: { firstColumns[$0.name] != $0.columnNames }), let first = firstColumns[table.name] {
                let message =
                    "a second table '\(table.name)' has other columns (\(table.columnNames.joined(separator: ", "))) than the first (\(first.joined(separator: ", "))): "
                    + "it was checked on its own: rules that join it to the tables before it, or compare its years, did not apply to it"
                result?.notes.append(Diagnostic(.note, message, path: dataset.source.path))
            }
            var evaluation = Evaluation(ruleSet: ruleSet, path: dataset.source.path, wording: wording)
            if index == 0 { evaluation.add(issues) }
            for table in layer {
                evaluation.process(table)
            }
            let finished = evaluation.finish()
            if result == nil { result = finished } else { result?.absorb(finished) }
        }
        return result
            ?? {
                var evaluation = Evaluation(ruleSet: ruleSet, path: dataset.source.path, wording: wording)
                evaluation.add(issues)
                return evaluation.finish()
            }()
    }

    /// The tables in groups where every name has one set of columns, in the order they came.
    package static func layers(_ tables: [Table]) -> [[Table]] {
        var layers: [[Table]] = []
        var columns: [[String: [String]]] = []
        for table in tables {
            let names = table.columnNames
            if let i = columns.firstIndex(where: { ($0[table.name] ?? names) == names }) {
                layers[i].append(table)
                columns[i][table.name] = names
            } else {
                layers.append([table])
                columns.append([table.name: names])
            }
        }
        return layers
    }
}
