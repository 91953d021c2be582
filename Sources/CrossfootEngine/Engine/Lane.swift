import CrossfootBase
import CrossfootRules
import CrossfootTables

/// The values of one expression over a selection of rows, as flat arrays: what the batch
/// evaluator passes between IR nodes instead of one boxed value per row.
package struct Lane {
    package enum Tag: UInt8 {
        case missing = 0
        /// `sig × 10^exp`.
        case number = 1
        /// `sig` is 0 or 1.
        case bool = 2
        /// The text of the selected row in `textColumn` of the batch.
        case text = 3
        /// A value computed the slow way, in `boxed`.
        case boxed = 4
    }

    package var tags: [Tag]
    package var sig: [Int64]
    package var exp: [Int8]
    /// The batch column text elements come from.
    package var textColumn = -1
    package var boxed: [Int: Value] = [:]
    /// Set when every element is this value (a constant); the arrays are then empty.
    package let constant: Value?
    package let isConstant: Bool
    /// The constant's truth, looked up once rather than per row.
    package let constantTruth: Bool?

    package init(count: Int) {
        tags = Array(repeating: .missing, count: count)
        // Read only where a tag says so: no need to clear them.
        sig = Array(unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
        exp = Array(unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
        constant = nil
        isConstant = false
        constantTruth = nil
    }

    package init(constant: Value) {
        tags = []
        sig = []
        exp = []
        self.constant = constant
        isConstant = true
        constantTruth = constant.boolValue
    }
}
