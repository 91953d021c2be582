import Testing

@testable import Crossfoot

/// Each check kind on a small CSV, with markers where the findings must point.
@Suite("Check kinds") struct CheckKindTests {
    static func pack(_ rules: String) -> String {
        "crossfoot: 1\npack: test\nrules:\n" + rules
    }

    func run(_ rules: String, _ marked: Marked, path: String = "data.csv") throws -> [Finding] {
        try Support.lint(marked.text, path: path, rules: try Support.rules(Self.pack(rules)))
    }

    @Test func range() throws {
        let data = Marked(
            """
            name,unit,value
            a,percent,50
            b,percent,1️⃣120%
            c,percent,2️⃣-1
            d,number,500
            e,percent,Unknown
            f,percent,

            """)
        let findings = try run(
            """
              - id: pct
                table: data
                where: unit == "percent"
                range: {columns: value, min: 0, max: 100}
            """, data)
        #expect(Support.points(findings) == ["pct@\(data.at(1))", "pct@\(data.at(2))"])
        #expect(findings.map(\.message) == ["value 120% is above the maximum of 100%", "value -1 is below the minimum of 0"])
        #expect(findings.first?.check == "range")
    }

    @Test func required() throws {
        let data = Marked("a,b\n1,2\n3,1️⃣\n")
        let findings = try run("  - id: r\n    table: data\n    required: {columns: [a, b]}\n", data)
        #expect(Support.points(findings) == ["r@\(data.at(1))"])
        #expect(findings.first?.message == "b is empty")
    }

    @Test func change() throws {
        let data = Marked(
            """
            id,before,after
            a,100.00%,1️⃣0.06%
            b,23.08%,2️⃣0.15%
            c,9.00%,0.10%
            d,60.73%,15.94%
            e,10,3️⃣80

            """)
        let findings = try run(
            """
              - id: drop
                table: data
                change: {from: before, to: after, max_drop: 50, max_relative_drop: 0.9, min_base: 10, max_rise: 60}
            """, data)
        #expect(Support.points(findings) == ["drop@\(data.at(1))", "drop@\(data.at(2))", "drop@\(data.at(3))"])
        #expect(
            findings.map(\.message) == [
                "after 0.06% is 99.94 points below the before 100.00%",
                "after 0.15% is 22.93 points below the before 23.08% (a drop of 99.4%)",
                "after 80 is 70 above the before 10",
            ])
    }

    @Test func sumDownTheRows() throws {
        let data = Marked(
            """
            group,area,amount
            g1,A,1,000
            g1,B,2,000
            g1,Total,1️⃣3,001
            g2,A,5
            g2,B,
            g2,Total,5
            g3,A,
            g3,Total,7

            """.replacingOccurrences(of: ",000", with: "000").replacingOccurrences(of: "3,001", with: "3006"))
        let findings = try run(
            """
              - id: total
                table: data
                sum: {columns: amount, group_by: group, total: area == "Total"}
            """, data)
        // g1: 1000 + 2000 = 3000 vs 3006, beyond ±1.5 of rounding. g2: the missing part is left
        // out. g3: every part is missing, so the total is not checked.
        #expect(Support.points(findings) == ["total@\(data.at(1))"])
        #expect(findings.first?.message == "amount 3006 does not match the sum of the 2 other rows, 3000 (off by 6; rounding explains at most 1.5)")
        #expect(findings.first?.expected == .number(Number(3000)))
        #expect(findings.first?.actual == .number(Number(3006)))
    }

    @Test func sumAcrossColumnsWithAJoin() throws {
        let page = try Support.read(Support.seedPagePath)
        let broken = page.replacingOccurrences(
            of: "\"p1\":[5.38362755,4.25892057,4.40666094,4.336318", with: "\"p1\":[5.38362755,4.25892057,4.40666094,4.436318")
        let findings = try Support.lint(broken, path: "page.txt")
        #expect(Support.points(findings) == ["trend-budget-equals-pillars@37:110"])
        #expect(
            findings.first?.message
                == "Budget and expenditure trend, 2019: budget 5.52884917 does not match the sum of pillar 1, pillar 2, pillar 3 and pillar 4, 5.62884917 (off by 0.10; the tolerance is 0.000001)"
        )
        #expect(try Support.lint(page, path: "page.txt").isEmpty)
    }

    @Test func ratio() throws {
        let data = Marked(
            """
            num,den,pct
            3894407,4152856,93.78%
            3894407,4152856,1️⃣93.88%
            1556617,1466132,106.17%
            5,0,12.00%
            ,10,5.00%

            """)
        let findings = try run(
            """
              - id: pct
                table: data
                ratio: {column: pct, numerator: num, denominator: den, scale: 100, decimals: 2}
            """, data)
        #expect(Support.points(findings) == ["pct@\(data.at(1))"])
        #expect(findings.first?.message == "pct 93.88% does not recompute: num / den × 100 = 93.78%")
    }

    @Test func ratioWithAnAbsoluteTolerance() throws {
        let data = Marked("num,den,pct\n1,3,33.34\n1,3,1️⃣33.35\n")
        let findings = try run(
            """
              - id: pct
                table: data
                ratio: {column: pct, numerator: num, denominator: den, scale: 100, decimals: 2}
                tolerance: 0.01
            """, data)
        #expect(Support.points(findings) == ["pct@\(data.at(1))"])
    }

    @Test func expectWithAJoinPointsAtEachFailingColumn() throws {
        let report = try Support.read(Support.seedReportPath)
        // The outcome table's Total (line 531) no longer equals the impact table's.
        let lines = report.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var changed = lines
        changed[530] = changed[530].replacingOccurrences(of: "<b>5,021,495</b>", with: "<b>5,021,595</b>")
        let findings = try Support.lint(changed.joined(separator: "\n"), path: "r.md").filter { $0.severity == .error }
        // 5,021,595 / 5,197,617 is still 96.61%, so only the two totals disagree.
        #expect(Support.points(findings) == ["impact-total-matches-outcome-total@531:65", "total-equals-parts@531:65"])
        let expect = try #require(findings.first { $0.rule == "impact-total-matches-outcome-total" })
        #expect(expect.message == "Total (outcome areas): expenditure 5,021,595 should equal impact expenditure 5,021,495")
        #expect(expect.check == "expect")
    }

    @Test func aRowWithoutPartnerIsAFinding() throws {
        let data = Marked("key,value\n1️⃣a,1\n")
        let yaml = Self.pack(
            """
              - id: j
                table: data
                join: {table: other, on: key, as: o}
                expect: value == o.value
            """)
        let set = try Support.rules(yaml)
        // The partner table is missing from this file altogether: the rule does not apply.
        let result = Validator(ruleSet: set).validate(try Support.dataset(data.text, path: "data.csv"))
        #expect(result.findings.isEmpty)
        #expect(result.notes.map(\.message) == ["rule j was not applied to table 'data': this file has no table 'other' to join"])
        // Within one table, a row whose partner is absent is a finding of its own.
        let selfJoin = try Support.rules(
            Self.pack(
                """
                  - id: j
                    table: data
                    where: kind == "outcome"
                    join: {table: data, on: key, where: kind == "impact", as: impact}
                    expect: value == impact.value
                """))
        let rows = Marked("key,kind,value\na,impact,1\na,outcome,1\nb,outcome,1️⃣2\n")
        let findings = try Support.lint(rows.text, path: "data.csv", rules: selfJoin)
        #expect(Support.points(findings) == ["j@\(rows.at(1))"])
        #expect(findings.first?.message == "no row of 'data' where kind == \"impact\" has the same key b to compare with")
    }

    @Test func expectWithGroupAggregates() throws {
        let data = Marked("g,v\nx,1\nx,2\n1️⃣y,5\n")
        let findings = try run(
            """
              - id: share
                table: data
                group_by: g
                expect: count() >= 2
            """, data)
        #expect(Support.points(findings) == ["share@\(data.at(1))"])
    }

    @Test func missingFail() throws {
        let data = Marked("a,b\n1,2\n1️⃣,3\n")
        let findings = try run(
            """
              - id: m
                table: data
                expect: a < b
                missing: fail
            """, data)
        #expect(Support.points(findings) == ["m@\(data.at(1))"])
        #expect(findings.first?.message == "a could not be checked: a is empty")
    }

    @Test func matchesRunsInLinearTime() throws {
        let long = String(repeating: "a", count: 5000) + "!"
        let data = Marked("s\n1️⃣\(long)\nabc\n")
        let findings = try run(
            """
              - id: re
                table: data
                expect: not matches(s, "^(a+)+$")
            """, data)
        #expect(Support.points(findings).isEmpty)
        let hits = try run(
            """
              - id: re
                table: data
                expect: matches(s, "^(a|b|c)+$")
            """, data)
        #expect(Support.points(hits) == ["re@\(data.at(1))"])
    }

    @Test func messageTemplates() throws {
        let data = Marked("country,value\nKZ,1️⃣120\n")
        let findings = try run(
            """
              - id: t
                table: data
                range: {columns: value, max: 100}
                message: "{column} for {country} is {value}, not at most 100 ({{literal}})"
            """, data)
        #expect(findings.first?.message == "value for KZ is 120, not at most 100 ({literal})")
    }

    @Test func tablePatterns() throws {
        let rules = try Support.rules(
            Self.pack(
                """
                  - id: any
                    table: "*"
                    expect: present(x)
                """))
        #expect(try Support.lint("x\n1\n\n", path: "one.csv", rules: rules).isEmpty)
        #expect(try Support.lint("x,y\n,1\n", path: "two.csv", rules: rules).count == 1)
    }
}

@Suite("Rounding tolerance") struct RoundingToleranceTests {
    /// The seed's outcome Final Budget parts add up to 6,409,689 against a Total of 6,409,690.
    @Test func sixWholeDollarPartsExplainOneDollar() throws {
        let findings = try Support.lint(try Support.read(Support.seedReportPath), path: "r.md")
        #expect(!findings.contains { $0.severity == .error })
    }

    @Test(
        "the total may be off by 3.5 and no more",
        arguments: [("6,409,692", true), ("6,409,693", false), ("6,409,694", false), ("6,409,685", false), ("6,409,686", true)])
    func boundary(total: String, passes: Bool) throws {
        let report = try Support.read(Support.seedReportPath)
        var lines = report.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[530] = lines[530].replacingOccurrences(of: "<b>6,409,690</b>", with: "<b>\(total)</b>")
        let findings = try Support.lint(lines.joined(separator: "\n"), path: "r.md").filter { $0.rule == "total-equals-parts" }
        #expect(findings.isEmpty == passes)
        if !passes {
            #expect(findings.first?.message.hasSuffix("rounding explains at most 3.5)") == true)
        }
    }

    @Test func percentagesRecomputeWithinTheirLastDecimal() throws {
        let rules = try Support.rules(
            CheckKindTests.pack(
                """
                  - id: p
                    table: data
                    ratio: {column: pct, numerator: n, denominator: d, scale: 100}
                """))
        // 1/3 = 33.333…: "33.33%" and "33.3%" are right as written; "33.4%" is not.
        let findings = try Support.lint("n,d,pct\n1000000,3000000,33.33%\n1000000,3000000,33.3%\n1000000,3000000,33.4%\n", path: "data.csv", rules: rules)
        #expect(Support.points(findings) == ["p@4:17"])
        // Written as whole numbers 1 and 3, the operands may be 0.5–1.5 and 2.5–3.5: anything goes.
        #expect(try Support.lint("n,d,pct\n1,3,33.4%\n", path: "data.csv", rules: rules).isEmpty)
    }
}
