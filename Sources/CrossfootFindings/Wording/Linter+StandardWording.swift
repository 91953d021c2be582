import CrossfootEngine
import CrossfootRules

extension Linter {
    /// A linter whose findings are worded the standard way.
    public init(ruleSet: RuleSet, options: Options = Options()) {
        self.init(ruleSet: ruleSet, options: options, wording: StandardWording())
    }
}

extension Validator {
    /// A validator whose findings are worded the standard way.
    public init(ruleSet: RuleSet) {
        self.init(ruleSet: ruleSet, wording: StandardWording())
    }
}
