import Testing

@testable import Crossfoot

@Suite("Cell text") struct CellTextTests {
    func number(_ text: String) -> String? {
        if case .number(let n, let percent) = CellText.parse(text) { return n.description + (percent ? "%" : "") }
        return nil
    }

    @Test(
        "numbers as reports and spreadsheets write them",
        arguments: [
            ("12", "12"), ("-3.5", "-3.5"), ("+7", "7"), ("2,240", "2240"), ("6,409,690", "6409690"),
            ("93.78%", "93.78%"), ("100.00%", "100.00%"), ("0.06 %", "0.06%"), ("(1,234)", "-1234"),
            ("−5", "-5"), ("1e6", "1000000"), ("-0", "0"), ("  42\u{00A0}", "42"), ("7.4858267199999995", "7.4858267199999995"),
            ("1e309", "1e+309"), (".5", "0.5"), ("5.", "5"),
            // Far from 1, with an exponent rather than hundreds of zeros.
            ("1e-6", "0.000001"), ("0.0000000000000000000012", "0.0000000000000000000012"), ("0.00000000000000000000012", "12e-23"), ("1e-25", "1e-25"),
            ("4E-344444444", "4e-344444444"), ("1.50e-30", "15e-31"),
        ])
    func numbers(text: String, expected: String) {
        #expect(number(text) == expected)
    }

    @Test(
        "text that only looks numeric stays text",
        arguments: ["NaN", "Infinity", "12.5.3", "1,2,3", "%", "Yes", "Unknown", "1,23", "12,3456", "--5", "(5", "1e", "Progressing toward alignment"])
    func text(text: String) {
        #expect(CellText.parse(text) == .text)
    }

    @Test func emptyIsMissing() {
        #expect(CellText.parse("") == .missing)
        #expect(CellText.parse("  \u{00A0} ") == .missing)
    }

    @Test func writtenDecimalsAreKept() throws {
        guard case .number(let n, _) = CellText.parse("100.00%") else {
            Issue.record("not a number")
            return
        }
        #expect(n.decimals == 2)
        #expect(n.halfUnit == Number(significand: 5, exponent: -3))
        guard case .number(let whole, _) = CellText.parse("2,000,000") else {
            Issue.record("not a number")
            return
        }
        #expect(whole.halfUnit == Number(significand: 5, exponent: -1))
    }
}

@Suite("Exact decimal arithmetic") struct NumberTests {
    func n(_ s: String) -> Number {
        if case .number(let x, _) = CellText.parse(s) { return x }
        return .zero
    }

    @Test func additionIsExact() {
        #expect((n("0.1") + n("0.2")).description == "0.3")
        #expect((n("5.38362755") + n("2.10219917")).description == "7.48582672")
        #expect(n("7.4858267199999995") != n("7.48582672"))
    }

    @Test func moneySumsKeepEveryCent() {
        var total = Number.zero
        for _ in 0..<100_000 { total = total + n("999999999.99") }
        #expect(total.description == "99999999999000.00")
    }

    @Test func roundingIsHalfAwayFromZero() {
        #expect(n("93.775").rounded(toDecimals: 2).description == "93.78")
        #expect(n("-2.5").rounded(toDecimals: 0).description == "-3")
        #expect(n("2.4999").rounded(toDecimals: 0).description == "2")
    }

    @Test func divisionRoundsInTheAskedDirection() throws {
        let third = try #require(Number.divide(.one, Number(3), direction: .down))
        let thirdUp = try #require(Number.divide(.one, Number(3), direction: .up))
        #expect(third < thirdUp)
        #expect(Number.divide(.one, .zero) == nil)
        let ratio = try #require(Number.divide(n("3894407"), n("4152856")))
        #expect((ratio * .hundred).rounded(toDecimals: 2).description == "93.78")
    }

    @Test func hugeAndTinyMix() {
        #expect(n("1e309") > n("1e308"))
        #expect((n("1e309") + .one) > n("1e309") || (n("1e309") + .one) == n("1e309"))
        #expect(n("-1e309") < .zero)
    }

    @Test func formatting() {
        #expect(n("6409689").plain(decimals: 0, grouping: true) == "6,409,689")
        #expect(n("99.94").plain(decimals: 2, grouping: false) == "99.94")
        #expect(n("0.5").plain(decimals: 2, grouping: false) == "0.50")
        #expect(n("-1234.5").plain(decimals: 1, grouping: true) == "-1,234.5")
    }

    @Test func intervalsSeeEveryRounding() throws {
        // Six whole-dollar parts may be off by 3 together, the total by 0.5.
        let parts = ["1,991,640", "760,132", "1,466,132", "1,086,551", "275,728", "829,506"].map { Interval.written(n($0)) }
        let sum = parts.dropFirst().reduce(parts[0], +)
        #expect(sum.lo == n("6409686"))
        #expect(sum.hi == n("6409692"))
        let total = Interval.written(n("6409690"))
        #expect(RowEvaluator.compare(.equal, .number(total), .number(sum), .rounding) == .bool(true))
        let far = Interval.written(n("6409694"))
        #expect(RowEvaluator.compare(.equal, .number(far), .number(sum), .rounding) == .bool(false))
    }

    /// Exponents stay within ±2^30, as cells are read: a product or quotient beyond saturates
    /// (or, far below 1, is zero) instead of trapping; rounding to absurd decimals does not trap.
    @Test func extremeExponentsSaturate() throws {
        let huge = n("4e900000000")
        #expect((huge * huge).description == "16e+1073741823")
        #expect((huge * huge * huge).description == "64e+1073741823")
        let tiny = n("4e-900000000")
        #expect((tiny * tiny).description == "0")
        #expect(try #require(Number.divide(tiny, huge)).description == "0")
        let quotient = try #require(Number.divide(huge, tiny))
        #expect(quotient.description.hasPrefix("1e+10737418"), "\(quotient.description)")
        #expect(n("1.5").rounded(toDecimals: Int.max).description == "1.5")
        #expect(n("1.5").rounded(toDecimals: Int.min).description == "0")
    }
}
