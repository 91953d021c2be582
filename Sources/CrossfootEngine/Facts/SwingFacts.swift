/// A value that swings away and comes straight back the year after.
package struct SwingFacts: Sendable {
    /// Whether it rises again (after a fall) rather than falls again.
    package var backUp: Bool
    package var thisYear: String
    package var nextYear: String
}
