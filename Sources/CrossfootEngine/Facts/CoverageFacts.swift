/// An indicator that lacks a row which every other indicator of its group has.
package struct CoverageFacts: Sendable {
    /// How the `across` column reads (`indicator code`).
    package var label: String
    /// The indicator's code as written.
    package var code: String
    /// The absent member's cells (`Kyrgyzstan`).
    package var absent: [String]
    /// The group's cells that tell it from other groups (`impact`, `IA4: Securing Solutions`),
    /// as they are (a value may repeat).
    package var scope: [String]
    /// The other indicators' codes.
    package var others: [String]
}
