import CrossfootBase

/// A clue to which cell of a total that does not add up is wrong, pointing at that cell.
package enum SumClue: Sendable {
    /// A part that, with two adjacent digits swapped, makes the total add up (and its own
    /// percentage recompute, when `recomputed` is given).
    case transposedPart(part: String, column: String, written: String, swapped: String, recomputed: String?, at: SourceLocation)
    /// The total that, with two adjacent digits swapped, equals the sum of the parts.
    case transposedTotal(total: String, swapped: String, at: SourceLocation)
    /// The total is the sum with this part counted twice.
    case countedTwice(total: String, part: String, written: String, at: SourceLocation)
    /// The total is the sum without this part.
    case leftOut(total: String, part: String, written: String, at: SourceLocation)
    /// This part's own percentage does not recompute either.
    case ratioAlsoFails(part: String, ratio: String, ratioWritten: String, column: String, written: String, at: SourceLocation)
}
