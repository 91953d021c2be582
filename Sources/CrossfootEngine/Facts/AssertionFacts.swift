import CrossfootBase
import CrossfootRules
import CrossfootTables

/// One failing assertion on one row: the rule and its cell, the values the engine evaluated,
/// the row's cells as written, and the means to read any other cell or operand of the row
/// (the row evaluator) that the wording may quote.
package struct AssertionFacts {
    /// The rule's table, its partner, and how their cells read.
    package let cells: FindingBuilder
    package let assertion: IRAssertion
    /// The cell the finding points at.
    package let cell: IRColumn
    package let row: Int
    package let evaluator: RowEvaluator
    package let actual: Value
    package let expected: Value
    /// The row's cells as written.
    package let texts: [String]
    /// The condition could not be evaluated for lack of a value (`missing: fail`).
    package let missing: Bool

    package var rule: IRRule { cells.rule }
}
