/// The compiled validator: runs every rule of a rule set over a dataset's tables.
public struct Validator: Sendable {
    public let ruleSet: RuleSet

    public init(ruleSet: RuleSet) {
        self.ruleSet = ruleSet
    }

    /// Checks one dataset (one input file) and returns its findings, sorted.
    public func validate(_ dataset: Dataset) -> ValidationResult {
        var evaluation = Evaluation(ruleSet: ruleSet, path: dataset.source.path)
        evaluation.add(dataset.issues.map(\.finding))
        for table in dataset.tables {
            evaluation.process(table)
        }
        return evaluation.finish()
    }
}
