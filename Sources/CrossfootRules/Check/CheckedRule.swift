import CrossfootBase

/// One rule after checking: its table, its settings validated and its defaults filled in, and
/// what checking found about its expressions, ready to lower.
///
/// The syntax tree is not rewritten: names and types are in side tables keyed by expression node
/// id, which lowering reads. Node ids are unique within a rule file, so the rule's filter, its
/// join's filter and its check's expressions share one table of each.
package struct CheckedRule {
    package var id: String
    package var pack: String
    package var description: String?
    package var severity: Severity
    /// Where the rule is defined.
    package var location: SourceLocation
    package var missing: MissingPolicy
    /// The message template, its placeholders checked.
    package var message: String?
    package var weight: Number?
    /// A table name or a glob such as `*`.
    package var table: String
    /// The rows the rule applies to (its `where`).
    package var filter: ExpressionSource?
    /// Another table's matching row, for the kinds that allow one.
    package var join: Join?
    /// The tolerance of the check's comparisons: the rule's, or its kind's default.
    package var tolerance: IRTolerance
    package var check: Check
    /// What each name refers to, by node id.
    package var resolutions: [Int: ExpressionChecker.Resolution]
    /// The type of each expression node, by node id.
    package var types: [Int: ExprType]
    /// The aggregates the check's expressions use, by slot.
    package var aggregates: [(kind: IRAggregateKind, operand: Expr?)]
}
