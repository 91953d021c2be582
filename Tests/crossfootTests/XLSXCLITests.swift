import Foundation
import Testing

@testable import Crossfoot

/// `crossfoot lint` on a workbook: findings at `'Sheet'!E12`.
@Suite("Command line on workbooks") struct XLSXCLITests {
    @Test func lintPrintsFindingsAtSheetAndCell() throws {
        let book = "Tests/CrossfootTests/Fixtures/xlsx/officer-report.xlsx"
        let out = try CLI.run(["lint", book])
        #expect(out.status == 0)
        #expect(out.stderr == "")
        let lines = out.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines.first
                == "\(book):'Indicators 2024'!M12: warning[fraction-as-percent]: Uzbekistan, Refugees and Asylum-seekers — 1.2 Proportion of people who are able to move freely…: actual 0.06% looks like a fraction written as a percentage: 0.06% — or 6%? (the baseline is 100.00%)"
        )
        #expect(lines.contains { $0.hasPrefix("\(book):'Budget 2024'!F11: info[funds-above-budget]: ") })
        #expect(lines.last == "0 errors, 13 warnings, 3 infos in 1 file; 91 rows checked by 19 rules")
    }

    @Test func errorCellsFailTheLint() throws {
        let book = "Tests/CrossfootTests/Fixtures/xlsx/errors.xlsx"
        let out = try CLI.run(["lint", book])
        #expect(out.status == 1)
        #expect(out.stdout.contains("\(book):'Checks'!D2: error[formula-error]: total in 'Checks'!D2 holds the error value #DIV/0!"))
        #expect(out.stdout.contains("\(book):'Checks'!D3: warning[formula-not-computed]: "))
    }

    @Test func fullShowsTheRowWithTheCellMarked() throws {
        let book = "Tests/CrossfootTests/Fixtures/xlsx/errors.xlsx"
        let out = try CLI.run(["lint", book, "--format", "full"])
        #expect(
            out.stdout.contains(
                """
                 --> \(book):'Checks'!D2
                  |
                2 | Kazakhstan  10  0   #DIV/0!
                  |                     ^
                """))
    }

    @Test func jsonNamesSheetCellRowAndColumn() throws {
        let book = "Tests/CrossfootTests/Fixtures/xlsx/officer-report.xlsx"
        let out = try CLI.run(["lint", book, "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any]
        let first = (object?["findings"] as? [[String: Any]])?.first
        let location = try #require(first?["location"] as? [String: Any])
        #expect(location["file"] as? String == book)
        #expect(location["sheet"] as? String == "Indicators 2024")
        #expect(location["cell"] as? String == "M12")
        #expect(location["row"] as? Int == 12)
        #expect(location["column"] as? Int == 13)
        #expect(location["line"] == nil)
    }

    @Test(.enabled(if: Tools.jsonschema, "Python's jsonschema is not installed (pip install jsonschema); .ci/run installs it"))
    func sarifOfAWorkbookValidatesWithLogicalLocations() throws {
        let sarif = "/tmp/crossfoot-xlsx-\(UInt64.random(in: 0..<UInt64.max)).sarif"
        let out = try CLI.run(["lint", "Tests/CrossfootTests/Fixtures/xlsx/officer-report.xlsx", "--format", "sarif", "--output", sarif])
        #expect(out.status == 0)
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1])); doc = json.load(open(sys.argv[2]))
            jsonschema.Draft7Validator(schema).validate(doc)
            location = doc["runs"][0]["results"][0]["locations"][0]
            print(location["physicalLocation"]["artifactLocation"]["uri"], location["physicalLocation"]["region"]["startLine"],
                  location["logicalLocations"][0]["fullyQualifiedName"])
            """
        let (_, output) = try Support.python(script, [Support.path("Tests/CrossfootTests/Schemas/sarif-schema-2.1.0.json"), sarif])
        #expect(output == "Tests/CrossfootTests/Fixtures/xlsx/officer-report.xlsx 12 'Indicators 2024'!M12\n")
    }

    /// A finding's identity is its table, key columns and cell text, never its position: a
    /// baseline written from the report text holds the workbook's findings, and an accepted
    /// exception matches a workbook cell as it does a report cell.
    @Test func baselineAndAcceptedExceptionsWorkOnWorkbookCells() throws {
        let dir = "/tmp/crossfoot-xlsx-baseline-\(UInt64.random(in: 0..<UInt64.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Support.path(Support.seedReportPath), toPath: dir + "/report.md")
        try FileManager.default.copyItem(atPath: Support.path("Tests/CrossfootTests/Fixtures/xlsx/officer-report.xlsx"), toPath: dir + "/book.xlsx")
        let written = try CLI.run(["lint", "report.md", "--write-baseline", "base.json"], in: dir)
        #expect(written.stderr == "wrote base.json: 16 findings accepted for now\n")
        let baselined = try CLI.run(["lint", "book.xlsx", "--baseline", "base.json"], in: dir)
        #expect(baselined.status == 0)
        #expect(baselined.stdout == "0 errors, 0 warnings, 0 infos in 1 file; 91 rows checked by 19 rules; 0 accepted, 16 in the baseline\n")
        try "crossfoot: 1\naccept:\n  - {rule: steep-drop, where: 'indicator_code == \"1.2\"', reason: checked}\n".write(
            toFile: dir + "/.crossfoot.yaml", atomically: true, encoding: .utf8)
        let accepted = try CLI.run(["lint", "book.xlsx"], in: dir)
        #expect(
            accepted.stdout.contains(
                "book.xlsx:'Indicators 2024'!M12: accepted[steep-drop]: Uzbekistan, Refugees and Asylum-seekers — 1.2 Proportion of people who are able to move freely…: actual 0.06% is 99.94 points below the baseline 100.00% — accepted: checked\n"
            ))
        #expect(accepted.stdout.hasSuffix("0 errors, 12 warnings, 3 infos in 1 file; 91 rows checked by 19 rules; 1 accepted, 0 in the baseline\n"))
    }

    @Test func theWorkbookFindingsAreBuiltInRules() throws {
        let list = try CLI.run(["rules", "list"])
        #expect(list.stdout.contains("\nformula-error                       error    input     *             A workbook cell holds an error value"))
        #expect(
            list.stdout.contains(
                "\nformula-not-computed                warning  input     *             A workbook cell holds a formula with no computed value"))
        let explain = try CLI.run(["rules", "explain", "formula-not-computed"])
        #expect(explain.status == 0)
        #expect(explain.stdout.hasPrefix("formula-not-computed — warning, built into Crossfoot (check kind input)\n\nA workbook cell holds a formula"))
    }

    @Test func extractWritesEachTableOfAWorkbook() throws {
        let folder = "/tmp/crossfoot-xlsx-extract-\(UInt64.random(in: 0..<UInt64.max))"
        let out = try CLI.run(["extract", "Tests/CrossfootTests/Fixtures/xlsx/officer-report.xlsx", "--output", folder])
        #expect(out.status == 0)
        #expect(out.stderr == "wrote \(folder)/indicators.csv (79 rows)\nwrote \(folder)/financials.csv (12 rows)\n")
        // What was read is what the sample's CSV files hold: percentages as 0.06%, numbers
        // without grouping.
        for table in ["indicators", "financials"] {
            #expect(try String(contentsOfFile: folder + "/\(table).csv", encoding: .utf8) == Support.read("Samples/kazakhstan-mco-2024/\(table).csv"))
        }
    }
}
