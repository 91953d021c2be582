import Testing

@testable import Crossfoot

/// One cell of the real report changed at a time: exactly the matching rule fires, at that
/// cell, and nothing else changes.
@Suite("Mutations of the sample report") struct MutationTests {
    static let original: String = (try? Support.read(Support.seedReportPath)) ?? ""

    struct Mutation: CustomTestStringConvertible, Sendable {
        var name: String
        var line: Int
        var from: String
        var to: String
        /// `rule@line:column` of the new findings: one, unless the cell feeds a total too.
        var expected: [String]
        var message: String?
        var testDescription: String { name }
    }

    static let mutations: [Mutation] = [
        Mutation(
            name: "a percentage above 100", line: 175, from: "34.66%\t48.14%", to: "34.66%\t148.14%", expected: ["percent-in-range@175:47"],
            message: "Kazakhstan, Refugees and Asylum-seekers — 2.3 Proportion of people with access to health…: actual 148.14% is above the maximum of 100%"),
        Mutation(
            name: "a negative target", line: 393, from: "37.43%\t82.00%", to: "37.43%\t-2.00%", expected: ["percent-in-range@393:47"],
            message: "Kazakhstan, Refugees and Asylum-seekers — 8.1 Proportion of people that receive cash transfers…: target -2.00% is below the minimum of 0%"
        ),
        Mutation(
            name: "a part that makes the total no longer add up", line: 518, from: "4,152,856\t3,894,407", to: "4,152,856\t3,894,417",
            expected: ["total-equals-parts@521:34"],
            message:
                "Total (impact areas): funds available 5,197,617 does not match the sum of the 3 other rows, 5,197,627 (off by 10; rounding explains at most 2)"
        ),
        Mutation(
            name: "an expenditure part that no longer adds up", line: 527, from: "617,948\t98.96%", to: "607,948\t97.36%",
            expected: ["total-equals-parts@531:65"], message: nil),
        Mutation(
            name: "a percentage that no longer recomputes", line: 524, from: "52.89%", to: "52.98%", expected: ["funds-available-pct@524:37"],
            message: "OA1: Access/Doc (outcome areas): funds available as % of budget 52.98% does not recompute: funds available / final budget × 100 = 52.89%"),
        Mutation(
            name: "an expenditure percentage that no longer recomputes", line: 527, from: "98.96%", to: "98.69%", expected: ["expenditure-pct@527:50"],
            message:
                "OA8: Well-being (outcome areas): expenditure as % of funds available 98.69% does not recompute: expenditure / funds available × 100 = 98.96%"),
        Mutation(
            name: "an emptied baseline", line: 80, from: "97.61%\t98.30%", to: "\t98.30%", expected: ["baseline-present@80:40"],
            message: "Kazakhstan, Refugees and Asylum-seekers — 1.2 Proportion of people who are able to move freely…: baseline is empty"),
        Mutation(name: "an emptied target", line: 393, from: "37.43%\t82.00%", to: "37.43%\t", expected: ["target-present@393:47"], message: nil),
        Mutation(
            name: "a new steep drop", line: 176, from: "93.02%\t94.08%", to: "93.02%\t9.40%", expected: ["steep-drop@176:37"],
            message: "Kazakhstan, Stateless Persons — 2.3 Proportion of people with access to health…: actual 9.40% is 83.62 points below the baseline 93.02%"),
        Mutation(
            name: "a fraction typed as a percentage", line: 393, from: "82.00%\t28.64%", to: "82.00%\t0.29%",
            expected: ["fraction-as-percent@393:54", "steep-drop@393:54"],
            message:
                "Kazakhstan, Refugees and Asylum-seekers — 8.1 Proportion of people that receive cash transfers…: actual 0.29% looks like a fraction written as a percentage: 0.29% — or 29%? (the baseline is 37.43%)"
        ),
        Mutation(
            name: "a target typed as a fraction", line: 393, from: "37.43%\t82.00%", to: "37.43%\t0.82%", expected: ["fraction-as-percent@393:47"],
            message:
                "Kazakhstan, Refugees and Asylum-seekers — 8.1 Proportion of people that receive cash transfers…: target 0.82% looks like a fraction written as a percentage: 0.82% — or 82%? (the baseline is 37.43%)"
        ),
        Mutation(
            name: "one country far from the others", line: 139, from: "21\t21", to: "21\t210", expected: ["outlier-among-countries@139:43"],
            message:
                "Kyrgyzstan, Refugees and Asylum-seekers — 4.3b Number of refugees for whom residency status is…: actual 210 is far from the 3 other values of its group (median 9; robust z-score 30.1, beyond ±3.5)"
        ),
        Mutation(
            name: "expenditure above the funds available", line: 524, from: "1,053,424\t100.00%", to: "1,063,424\t100.95%",
            expected: ["expenditure-within-funds@524:44", "total-equals-parts@531:65"],
            message: "OA1: Access/Doc (outcome areas): expenditure 1,063,424 exceeds the funds available, 1,053,424"),
    ]

    static func lint(_ text: String) throws -> [Finding] {
        try Support.lint(text, path: Support.seedReportPath)
    }

    @Test(arguments: mutations)
    func oneCellOneFinding(_ m: Mutation) throws {
        var lines = Self.original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let before = lines[m.line - 1]
        #expect(before.contains(m.from), "line \(m.line) is: \(before)")
        lines[m.line - 1] = before.replacingOccurrences(of: m.from, with: m.to)
        let mutated = try Self.lint(lines.joined(separator: "\n"))
        let baseline = try Self.lint(Self.original)
        let added = Support.points(mutated).filter { !Support.points(baseline).contains($0) }
        let removed = Support.points(baseline).filter { !Support.points(mutated).contains($0) }
        #expect(added == m.expected)
        #expect(removed == [])
        if let message = m.message {
            #expect(mutated.first { "\($0.rule)@\($0.location.line):\($0.location.column)" == m.expected.first }?.message == message)
        }
        // No other error appears: the only errors are the expected findings of error rules.
        let errorRules = Set(Support.defaultRules.rules.filter { $0.severity == .error }.map(\.id))
        let expectedErrors = m.expected.filter { errorRules.contains(String($0.prefix { $0 != "@" })) }
        #expect(mutated.filter { $0.severity == .error }.count == expectedErrors.count)
    }

    @Test func theSeedReportHasTheKnownFindingsAndNoError() throws {
        let findings = try Self.lint(Self.original)
        #expect(
            Support.points(findings) == [
                // Uzbekistan 1.2: 100.00% → 0.06%, a fraction (6%?), far from the other countries,
                // and the same 0.06% as in 3.3.
                "fraction-as-percent@83:48", "outlier-among-countries@83:48", "repeated-unusual-value@83:48", "steep-drop@83:48",
                "country-missing-from-indicator@122:4",  // 4.2a has no Kyrgyzstan row; 4.1, 4.2b, 4.3a and 4.3b have one
                "steep-drop@182:47",  // Kazakhstan 3.1: 97.61% → 25.64%
                "fraction-as-percent@186:49", "steep-drop@186:49",  // Turkmenistan 3.1: 23.08% → 0.15% (15%?)
                "baseline-present@192:40",  // Uzbekistan 3.2a: empty baseline
                "fraction-as-percent@206:48", "outlier-among-countries@206:48", "repeated-unusual-value@206:48", "steep-drop@206:48",  // Uzbekistan 3.3
                "target-present@425:47",  // Kazakhstan 13.2: empty target
                "funds-above-budget@526:27",  // OA3: 106.17% of budget
                "funds-above-budget@528:26",  // OA13: 268.59% of budget
            ])
        #expect(!findings.contains { $0.severity == .error })
        let coverage = findings.first { $0.rule == "country-missing-from-indicator" }
        #expect(
            coverage?.message
                == "indicator code 4.2a has no row for Kyrgyzstan, though the 4 other indicator codes of impact, IA4: Securing Solutions all have one (4.1, 4.2b, 4.3a, 4.3b)"
        )
        #expect(coverage?.severity == .info)
        let repeated = findings.first { $0.rule == "repeated-unusual-value" }
        #expect(
            repeated?.message
                == "Uzbekistan, Refugees and Asylum-seekers — 1.2 Proportion of people who are able to move freely…: actual 0.06% is unusual here and the same value is unusual in 2 indicators of Uzbekistan (1.2 and 3.3): one figure in several places is more likely a slip than several real changes"
        )
    }

    // MARK: The likely wrong cell

    struct Slip: CustomTestStringConvertible, Sendable {
        var name: String
        var edits: [(line: Int, from: String, to: String)]
        /// The note on the total's finding, and the cell it points at.
        var note: String
        var at: String
        var testDescription: String { name }
    }

    static let slips: [Slip] = [
        Slip(
            name: "a part with two digits swapped", edits: [(527, "617,948\t98.96%", "671,948\t98.96%")],
            note: "OA8 expenditure 671,948: as 617,948 the total adds up and 98.96% recomputes — transposed digits?", at: "527:42"),
        Slip(
            name: "a part counted twice", edits: [(531, "<b>5,021,495</b>", "<b>5,628,477</b>")],
            note: "the total 5,628,477 is the sum with OA2 (606,982) counted twice", at: "525:36"),
        Slip(
            name: "a part left out", edits: [(531, "<b>5,021,495</b>", "<b>4,575,544</b>")],
            note: "the total 4,575,544 is the sum without OA16 (445,951): was it left out?", at: "529:40"),
        Slip(
            name: "a total with two digits swapped", edits: [(531, "<b>6,409,690</b>", "<b>6,490,690</b>")],
            note: "the total 6,490,690: as 6,409,690 it equals the sum of the parts — transposed digits in the total?", at: "531:17"),
    ]

    @Test(arguments: slips)
    func theLikelyWrongCellIsNamed(_ slip: Slip) throws {
        var lines = Self.original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for edit in slip.edits {
            #expect(lines[edit.line - 1].contains(edit.from), "line \(edit.line) is: \(lines[edit.line - 1])")
            lines[edit.line - 1] = lines[edit.line - 1].replacingOccurrences(of: edit.from, with: edit.to)
        }
        let findings = try Self.lint(lines.joined(separator: "\n"))
        let totals = findings.filter { $0.rule == "total-equals-parts" && $0.location.line == 531 }
        #expect(totals.count == 1)
        let notes = totals.flatMap(\.notes)
        #expect(notes.map(\.message) == [slip.note])
        #expect(notes.first.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0)" } == slip.at)
    }

    @Test func aTotalThatAddsUpHasNoNotes() throws {
        let findings = try Self.lint(Self.original)
        #expect(findings.allSatisfy { $0.notes.isEmpty })
    }
}
