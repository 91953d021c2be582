import Testing

@testable import Crossfoot

/// The reviewer's check kinds on small CSVs, each with markers where the findings must point.
@Suite("Triage check kinds") struct TriageCheckTests {
    func run(_ rules: String, _ marked: Marked, path: String = "data.csv") throws -> [Finding] {
        try Support.lint(marked.text, path: path, rules: try Support.rules("crossfoot: 1\npack: test\nrules:\n" + rules))
    }

    @Test func outlierByEachMethod() throws {
        let data = Marked(
            """
            group,v
            a,10
            a,11
            a,12
            a,1️⃣95
            a,10
            b,1
            b,1000
            b,3

            """)
        for method in ["modified_z", "z", "iqr"] {
            let threshold = method == "z" ? ", threshold: 1.5" : ""
            let findings = try run("  - {id: o, table: data, outlier: {column: v, by: group, method: \(method)\(threshold)}}\n", data)
            // Group b has 3 values: fewer than min_group (4), not judged.
            #expect(Support.points(findings) == ["o@\(data.at(1))"], "\(method)")
        }
        let findings = try run("  - {id: o, table: data, outlier: {column: v, by: group}}\n", data)
        #expect(findings.first?.message == "v 95 is far from the 4 other values of its group (median 11; robust z-score 56.7, beyond ±3.5)")
        #expect(findings.first?.expectation == "expected within ±3.5 robust deviations of the median 11 of 5 values (MAD 1), found 95 at 56.7")
    }

    @Test func outlierSkipsAGroupWithoutSpread() throws {
        // Four of five agree exactly: the MAD is 0, so the group is not judged.
        let data = Marked("v\n5\n5\n5\n5\n80\n")
        #expect(try run("  - {id: o, table: data, outlier: {column: v}}\n", data).isEmpty)
    }

    @Test func scaleAgainstTheBaselineOrThePeers() throws {
        let data = Marked(
            """
            code,baseline,actual
            x,80%,1️⃣0.8%
            y,,2️⃣0.9%
            y,,90%
            y,,85%
            z,0.5%,0.4%

            """)
        let findings = try run("  - {id: s, table: data, scale: {columns: actual, reference: baseline, by: code}}\n", data)
        #expect(Support.points(findings) == ["s@\(data.at(1))", "s@\(data.at(2))"])
        #expect(
            findings.map(\.message) == [
                "actual 0.8% looks like a fraction written as a percentage: 0.8% — or 80%? (the baseline is 80%)",
                "actual 0.9% looks like a fraction written as a percentage: 0.9% — or 90%? (the median of the same actual elsewhere is 87.5%)",
            ])
    }

    @Test func repeatedNeedsTheSameUnusualValueInSeveralIndicators() throws {
        let data = Marked(
            """
            country,indicator_code,baseline,actual
            A,1,100,1️⃣0.06
            A,2,100,2️⃣0.06
            A,3,100,100
            B,1,100,0.06
            B,2,100,50

            """)
        let findings = try run(
            """
              - {id: drop, severity: warning, table: data, change: {from: baseline, to: actual, max_drop: 60}}
              - {id: rep, severity: warning, table: data, repeated: {column: actual, by: country}}

            """, data)
        #expect(Support.points(findings).filter { $0.hasPrefix("rep@") } == ["rep@\(data.at(1))", "rep@\(data.at(2))"])
        #expect(
            findings.first { $0.rule == "rep" }?.message
                == "actual 0.06 is unusual here and the same value is unusual in 2 indicators of A (1 and 2): one figure in several places is more likely a slip than several real changes"
        )
    }

    @Test func coveragePointsAtTheIndicatorWithoutTheCountry() throws {
        let data = Marked(
            """
            area,indicator_code,country,v
            A1,1️⃣x,Kaz,1
            A1,x,Tur,1
            A1,y,Kaz,1
            A1,y,Kyr,1
            A1,y,Tur,1
            A1,z,Kaz,1
            A1,z,Kyr,1
            A1,z,Tur,1
            ,w,Kaz,1

            """)
        let findings = try run("  - {id: c, severity: info, table: data, coverage: {by: country, among: area}}\n", data)
        #expect(Support.points(findings) == ["c@\(data.at(1))"])
        #expect(findings.first?.message == "indicator code x has no row for Kyr, though the 2 other indicator codes all have one (y, z)")
        #expect(findings.first?.row.map(\.text) == ["A1", "x", "Kyr", ""])
    }

    @Test func groupStatisticsInExpressions() throws {
        let data = Marked("g,v\na,10\na,12\na,11\na,1️⃣40\n")
        let findings = try run("  - {id: e, table: data, group_by: g, expect: \"v <= median(v) + 10 * mad(v)\"}\n", data)
        #expect(Support.points(findings) == ["e@\(data.at(1))"])
        #expect(findings.first?.message == "v 40 should be at most median(v) + 10 × mad(v) = 21.5")
    }
}
