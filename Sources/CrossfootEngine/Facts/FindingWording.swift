import CrossfootBase
import CrossfootRules

/// Turns what the engine found into words: the one place where a finding's message, its
/// expected-against-found line, its notes and its magnitude (for the triage score) are made.
///
/// The engine hands it facts — the failing assertion with its row and values, the absent row of
/// a coverage check, the clues of a sum that does not add up — and keeps no wording of its own.
/// `StandardWording` (in `CrossfootFindings`) is the wording every lint uses.
package protocol FindingWording: Sendable {
    /// The words of a failing assertion, or of one whose condition misses a value.
    func words(for facts: AssertionFacts) -> FindingWords
    /// The message of a row that has no partner to compare with.
    func noPartner(_ facts: NoPartnerFacts) -> String
    /// The message of an indicator that lacks a row every other indicator of its group has.
    func coverage(_ facts: CoverageFacts) -> String
    /// The notes that say which part of a total is most likely wrong.
    func notes(_ clues: [SumClue]) -> [FindingNote]
    /// The note on a swing that comes straight back the year after.
    func swingsBack(_ facts: SwingFacts) -> String
    /// The message of a table with rows that no loaded rule reads.
    func uncheckedTable(_ facts: UncheckedTableFacts) -> String
}

/// What the wording made of a failing assertion.
package struct FindingWords: Sendable {
    /// The message, with the row's subject in front unless the rule's template places it.
    package var message: String
    /// `expected 6,409,689 ± 3 (sum of 6 rounded parts), found 6,409,690`, when asked for.
    package var expectation: String?
    package var notes: [FindingNote]
    /// How far off the value is, in [0, 1].
    package var magnitude: Double

    package init(message: String, expectation: String? = nil, notes: [FindingNote] = [], magnitude: Double = 0.5) {
        self.message = message
        self.expectation = expectation
        self.notes = notes
        self.magnitude = magnitude
    }
}
