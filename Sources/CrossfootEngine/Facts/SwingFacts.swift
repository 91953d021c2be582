/// A value that swings away and comes straight back the year after.
package struct SwingFacts: Sendable {
    /// Whether it rises again (after a fall) rather than falls again.
    package var backUp: Bool
    package var thisYear: String
    package var nextYear: String
    /// The next year's value, as written.
    package var nextValue: String
    /// The next year's change against this year's value, in percent; `nil` when this year's
    /// value is 0.
    package var percent: Double?
}
