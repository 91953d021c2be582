import CrossfootBase
import CrossfootRules
import CrossfootTables

/// A row evaluator over one batch, handed to the slow path.
package struct RowEvaluatorPool {
    package let evaluator: RowEvaluator

    package init(table: Table) {
        evaluator = RowEvaluator(own: table, partner: nil)
    }
}
