import Foundation
import Testing

@testable import Crossfoot

/// The default pack's swing rules on real operation pages (`Tests/CrossfootTests/Fixtures/pages`):
/// growth that lasts is not a warning, one year out of line is — at that year's cell — and a
/// broken pillar total is still an error.
@Suite("Swings on real pages") struct SwingCalibrationTests {
    static let pages = "Tests/CrossfootTests/Fixtures/pages"

    /// Lints each text as a file of its own in a fresh folder, with the default rules.
    func lint(_ files: [String: String], rules: RuleSet = Support.defaultRules) throws -> [Finding] {
        let dir = NSTemporaryDirectory() + "crossfoot-swing-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (name, text) in files { try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
        let run = Linter(ruleSet: rules).lint(paths: files.keys.sorted().map { dir + "/" + $0 })
        #expect(run.inputErrors.isEmpty)
        return run.files.flatMap(\.findings)
    }

    func page(_ name: String) throws -> String { try Support.read(Self.pages + "/" + name) }

    /// The default pack with `trend-swing` reporting every swing, as it did before `only: reversals`.
    static let everySwing: RuleSet = {
        let yaml = String(decoding: RulePacks.defaultPack.bytes, as: UTF8.self).replacingOccurrences(
            of: "swing: {columns: [budget, expenditure], max_relative_change: 0.4, only: reversals}",
            with: "swing: {columns: [budget, expenditure], max_relative_change: 0.4}")
        let result = RuleCompiler.compile([SourceFile(path: "every-swing.yaml", text: yaml)])
        guard let set = result.ruleSet else { fatalError("the edited pack does not compile: \(result.diagnostics)") }
        return set
    }()

    @Test func theRealPagesGiveNoWarningAndNoError() throws {
        let run = Linter(ruleSet: Support.defaultRules).lint(paths: [Support.path(Self.pages)])
        #expect(run.files.count == 9)
        #expect(run.inputErrors.isEmpty)
        #expect(run.files.flatMap(\.findings).map(\.rule).isEmpty)
        // Before `only: reversals` the same pages gave 13 swing warnings, all of them real
        // scale-ups or lasting steps (Bangladesh 2017–2018, Mexico 2016, Costa Rica 2014 and
        // 2016, Libya 2013).
        let before = Linter(ruleSet: Self.everySwing).lint(paths: [Support.path(Self.pages)]).files.flatMap(\.findings)
        #expect(before.count == 13)
        #expect(before.allSatisfy { $0.rule == "trend-swing" && $0.severity == .warning })
    }

    @Test func aSpikeOfOneYearIsOneWarningAtThatYear() throws {
        // Chad's 2016 budget, 162.72600883 million, typed with the decimal point one place off.
        let marked = Marked(
            try page("chad-2017.txt").replacingOccurrences(of: "171.27878662,162.72600883,", with: "171.27878662,1️⃣1627.2600883,"))
        let findings = try lint(["chad.txt": marked.text])
        let swings = findings.filter { $0.rule == "trend-swing" }
        #expect(Support.points(swings) == ["trend-swing@\(marked.at(1))"])
        #expect(
            swings.first?.message
                == "Budget and expenditure trend, 2016: budget rises 850.1% from 171.27878662 in 2015 to 1627.2600883 in 2016 (more than the 40% allowed)")
        #expect(
            swings.first?.notes.map(\.message) == [
                "2015: budget 171.27878662",
                "it falls 89.9% back to 165.14580717 in 2017, so 2016 alone is out of line: its value is the likely slip",
            ])
        // The budget no longer equals its pillars either: the same cell, as an error.
        #expect(Support.points(findings.filter { $0.severity == .error }) == ["trend-budget-equals-pillars@\(marked.at(1))"])
    }

    @Test func aDipOfOneYearIsOneWarningAtThatYear() throws {
        // Mexico's 2014 expenditure, 1.99483238 million, with a digit dropped.
        let marked = Marked(
            try page("mexico-2016.txt").replacingOccurrences(
                of: "\"expenditure\":[2.21493065,1.99483238,", with: "\"expenditure\":[2.21493065,1️⃣0.19483238,"))
        let swings = try lint(["mexico.txt": marked.text]).filter { $0.rule == "trend-swing" }
        #expect(Support.points(swings) == ["trend-swing@\(marked.at(1))"])
        #expect(swings.first?.notes.last?.message.hasPrefix("it rises 1249.2% back to 2.62872464 in 2015, so 2014 alone") == true)
    }

    @Test func aYearWrittenAsZeroIsOneWarning() throws {
        // Niger's 2014 expenditure, 26.55522036 million, as 0, and its pillar with it.
        let marked = Marked(
            try page("niger-2015.txt")
                .replacingOccurrences(of: "\"expenditure\":[null,30.65597188,26.55522036,", with: "\"expenditure\":[null,30.65597188,1️⃣0,")
                .replacingOccurrences(of: "\"p1\":[null,30.65597188,26.55522036,", with: "\"p1\":[null,30.65597188,0,"))
        let findings = try lint(["niger.txt": marked.text])
        #expect(Support.points(findings) == ["trend-swing@\(marked.at(1))"])
        #expect(findings.first?.notes.last?.message == "it rises back to 27.8804749 in 2015, so 2014 alone is out of line: its value is the likely slip")
    }

    @Test func steadyGrowthIsNoWarning() throws {
        // Bangladesh: 13.7, 67.6, 220.4, 307.6 million — the Rohingya influx, real.
        #expect(try lint(["bangladesh.txt": page("bangladesh-2017.txt")]).isEmpty)
        // Half as much again every year for six years.
        let growth = #"{"categories":[2015,2016,2017,2018,2019,2020],"budget":[10,15,22.5,33.75,50.625,75.9375],"expenditure":[8,12,18,27,40.5,60.75]}"#
        #expect(try lint(["growth.json": growth]).isEmpty)
    }

    @Test func aStepThatPersistsIsNoWarning() throws {
        // Mexico: 4.1 million in 2015, then 12.5, 14.7 and 16.1 — the asylum surge, real.
        #expect(try lint(["mexico.txt": page("mexico-2016.txt")]).isEmpty)
        // Libya: 31.4 million in 2012, then 18.3, 19.1, 20.4 — the emergency over, real.
        #expect(try lint(["libya.txt": page("libya-2015.txt")]).isEmpty)
        // Chad's budget doubled from 2017 on, by pillar too, so the totals still add up.
        let doubled = try page("chad-2017.txt")
            .replacingOccurrences(of: "165.14580717,148.98474366,130.38401251", with: "330.29161434,297.96948732,260.76802502")
            .replacingOccurrences(of: "161.30406817,140.34638666,123.72725391", with: "326.44987534,289.33113032,254.11126642")
        #expect(try lint(["chad.txt": doubled]).isEmpty)
    }

    @Test func aMoveInTheLastYearHasNothingToComeBackTo() throws {
        // Chad's 2019 budget ten times over, with its pillar: no next year says whether it lasts.
        let text = try page("chad-2017.txt")
            .replacingOccurrences(of: "148.98474366,130.38401251]", with: "148.98474366,1303.8401251]")
            .replacingOccurrences(of: "140.34638666,123.72725391]", with: "140.34638666,1297.1833665]")
        #expect(try lint(["chad.txt": text]).isEmpty)
        // Every swing is still there for a rule that asks for it.
        #expect(Support.points(try lint(["chad.txt": text], rules: Self.everySwing)).count == 1)
    }

    @Test func aPillarTotalOffByMoreThanADollarIsStillAnError() throws {
        // Pillar 1 of Chad's 2017 budget, 161.30406817 million, off by $1.10: beyond the rule's
        // tolerance of one dollar.
        let marked = Marked(
            try page("chad-2017.txt").replacingOccurrences(of: "162.72600883,165.14580717,", with: "162.72600883,1️⃣165.14580717,")
                .replacingOccurrences(of: "159.8415425,161.30406817,", with: "159.8415425,161.30406927,"))
        let findings = try lint(["chad.txt": marked.text])
        #expect(Support.points(findings) == ["trend-budget-equals-pillars@\(marked.at(1))"])
        #expect(findings.first?.severity == .error)
    }

    @Test func aReversalIsFoundAcrossReports() throws {
        // Three years' reports: the Total (impact areas) expenditure is 3,000,000 in 2023,
        // 5,021,495 in 2024 and 3,000,000 again in 2025 — 2024 is the odd year.
        let earlier = try Support.read(SeriesTests.previous)
        let later = earlier.replacingOccurrences(of: "**2023**", with: "**2025**")
        let seed = try Support.read(Support.seedReportPath)
        let findings = try lint(["a-2023.md": earlier, "b-2024.md": seed, "c-2025.md": later]).filter { $0.rule == "total-swing" }
        #expect(findings.map { "\(($0.location.path as NSString).lastPathComponent):\($0.location.line):\($0.location.column)" } == ["b-2024.md:521:65"])
        #expect(findings.first?.notes.last?.message == "it falls 40.3% back to 3,000,000 in 2025, so 2024 alone is out of line: its value is the likely slip")
        #expect(findings.first?.notes.last?.location.map { ($0.path as NSString).lastPathComponent } == "c-2025.md")
        // Two years alone: a rise the next report may keep, so no warning.
        #expect(try lint(["a-2023.md": earlier, "b-2024.md": seed]).filter { $0.rule == "total-swing" }.isEmpty)
    }
}
