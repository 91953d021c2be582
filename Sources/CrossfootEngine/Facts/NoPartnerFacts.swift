/// A row with no partner row to compare with: the joined table, its filter, and the row's key
/// cells by label.
package struct NoPartnerFacts: Sendable {
    /// The joined table, or nil when the rule joins nothing.
    package var table: String?
    /// The join's `where`, printed.
    package var filter: String?
    package var keys: [(label: String, value: String)]
    /// The row's subject (`Uzbekistan, Refugees — 1.2 …`), when its table has one.
    package var subject: String?
}
