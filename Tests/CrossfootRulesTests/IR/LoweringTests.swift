import Testing

@testable import Crossfoot

/// The lowered IR, printed, so a change in lowering shows in review.
@Suite("Lowering") struct LoweringTests {
    @Test func theDefaultPackLowersAsRecorded() {
        let text = Support.defaultRules.rules.map(IRPrinter.print).joined(separator: "\n\n") + "\n"
        Snapshot.assert(text, named: "default-pack.ir")
    }

    @Test func eachCheckKindLowersToTheOneIR() throws {
        let set = try Support.rules(
            """
            crossfoot: 1
            pack: t
            rules:
              - {id: r, table: t, range: {columns: [a, b], min: 0, max: 100}}
              - {id: q, table: t, required: {columns: a}}
              - {id: c, table: t, change: {from: a, to: b, max_rise: 5}}
              - {id: s, table: t, sum: {total: a, parts: [b, c]}, tolerance: 1}
              - {id: x, table: t, ratio: {column: p, numerator: a, denominator: b}}
              - {id: e, table: t, where: 'k in ["x", "y"]', expect: 'abs(a - b) <= 2 or missing(b)'}
            """)
        #expect(
            set.rules.map(IRPrinter.print) == [
                "rule r (range, error) on t\n  assert at a: a >= 0 and a <= 100\n  assert at b: b >= 0 and b <= 100",
                "rule q (required, error) on t\n  assert at a: present(a)",
                "rule c (change, error) on t\n  assert at b: b - a <= 5",
                "rule s (sum, error) on t\n  assert at a: a == add_present(b, c) ±1",
                "rule x (ratio, error) on t\n  assert at p: p == a / b ±rounding",
                "rule e (expect, error) on t\n  where k in [\"x\", \"y\"]\n  assert at a: abs(a - b) <= 2 or missing(b)",
            ])
    }
}
