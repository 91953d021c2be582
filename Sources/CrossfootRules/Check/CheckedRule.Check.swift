import CrossfootBase

extension CheckedRule {
    /// A check kind's settings once checked: columns known to the table (when its columns are
    /// known), expressions typed, and every default filled in, so lowering decides nothing.
    package enum Check {
        case range(columns: [String], min: Number?, max: Number?)
        case required(columns: [String])
        case change(from: String, to: String, maxDrop: Number?, maxRise: Number?, maxRelativeDrop: Number?, minBase: Number?)
        /// In each group, the total row's columns equal the sum of the group's other rows.
        case sumDown(columns: [String], groupBy: [String], total: Expr)
        /// `total` equals the sum of `parts`.
        case sumAcross(total: String, parts: [Expr])
        /// `decimals` is `nil` when the ratio is not rounded.
        case ratio(column: String, numerator: Expr, denominator: Expr, scale: Number, decimals: Int?)
        /// `groupBy` is the rule-level `group_by` that its aggregates are computed over.
        case expect(condition: ExpressionSource, groupBy: [String])
        case outlier(column: String, by: [String], method: OutlierMethod, threshold: Number, minGroup: Int)
        case scale(columns: [String], reference: String?, by: [String], maxValue: Number, minReference: Number)
        /// `of` names the check kinds whose findings make a value unusual.
        case repeated(column: String, by: [String], across: String, minIndicators: Int, of: [String])
        case coverage(by: [String], among: [String], across: String, minOthers: Int)
        case carryover(from: String, to: String, key: [String], over: String)
        /// `onlyReversals`: a swing is reported only when the next year swings back.
        case swing(columns: [String], by: [String], over: String, maxRelativeChange: Number, onlyReversals: Bool)

        package var kind: CheckKind {
            switch self {
            case .range: .range
            case .required: .required
            case .change: .change
            case .sumDown, .sumAcross: .sum
            case .ratio: .ratio
            case .expect: .expect
            case .outlier: .outlier
            case .scale: .scale
            case .repeated: .repeated
            case .coverage: .coverage
            case .carryover: .carryover
            case .swing: .swing
            }
        }
    }
}
