extension CheckedRule {
    /// A rule's `join`, its columns checked against both tables.
    package struct Join {
        package var table: String
        /// Columns that must be equal in both rows.
        package var on: [String]
        /// A condition on the partner row, in the joined table's own column names.
        package var filter: ExpressionSource?
        /// The name the partner's columns go by: `alias.column`.
        package var alias: String
    }
}
