/// How far rounding lets numbers be off: every written number may be off by half a unit of the
/// last decimal it was written with (`2,000,000` by 0.5, `93.78` by 0.005). Computed here and
/// nowhere else: the checks, the evidence for a total and the wording of findings all use it.
public enum RoundingSlack {
    /// The slack of written numbers taken together: the sum of their half units.
    public static func of(_ numbers: some Sequence<Number>) -> Number {
        numbers.reduce(Number.zero) { $0 + $1.halfUnit }
    }

    /// How far a value computed from written numbers can lie from the exact value: the reach of
    /// the interval computed with every operand widened by its own slack.
    ///
    /// - Parameters:
    ///   - exact: the value computed from the numbers as written.
    ///   - widened: the same computation over the numbers' rounding intervals.
    public static func reach(exact: Interval, widened: Interval) -> Number {
        widened.hi - exact.mid
    }
}
