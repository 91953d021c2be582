import Foundation
import Testing

@testable import Crossfoot

/// `crossfoot lint report.pdf` and `crossfoot extract report.pdf` as a user runs them.
@Suite(
    "PDF on the command line", .serialized,
    .enabled(if: Tools.poppler, "poppler's GLib library is not installed (apt-get install libpoppler-glib8); .ci/run installs it"))
struct PDFCommandTests {
    static let pdf = "Tests/CrossfootTests/Fixtures/pdf/report.pdf"

    func temporary() throws -> String { try Support.temporaryFolder("crossfoot-pdf") }

    @Test func findingsSayTheirPageInEveryFormat() throws {
        let text = try CLI.run(["lint", Self.pdf, "--format", "text"])
        #expect(text.status == 0)
        #expect(
            text.stdout.contains(
                "\(Self.pdf):page 3:42:97: warning[steep-drop]: Uzbekistan, Refugees and Asylum-seekers — 1.2 Proportion of people who are able to move freely…: actual 0.06% is 99.94 points below the baseline 100.00%\n"
            ))
        #expect(text.stdout.hasSuffix("0 errors, 13 warnings, 3 infos in 1 file; 91 rows checked by 19 rules\n"))

        let json = try CLI.run(["lint", Self.pdf, "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let findings = try #require(document["findings"] as? [[String: Any]])
        let drop = try #require(findings.first { ($0["rule"] as? String) == "steep-drop" && (($0["message"] as? String) ?? "").hasPrefix("Uzbekistan") })
        let location = try #require(drop["location"] as? [String: Any])
        #expect(location["page"] as? Int == 3)
        #expect(location["line"] as? Int == 42)
        #expect(location["column"] as? Int == 97)
        let files = try #require(document["files"] as? [[String: Any]])
        #expect(files.first?["format"] as? String == "pdf")

        let full = try CLI.run(["lint", Self.pdf, "--format", "full"])
        #expect(
            full.stdout.contains(
                "  --> \(Self.pdf):page 3:42:97\n   |\n42 | … Uzbekistan                          Refugees and                 100.00%                      0.06%\n"
            ))
    }

    @Test(.enabled(if: Tools.jsonschema, "Python's jsonschema is not installed (pip install jsonschema); .ci/run installs it"))
    func sarifCountsLinesOfTheWholeTextAndNamesThePage() throws {
        let dir = try temporary()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = try CLI.run(["lint", Self.pdf, "--format", "sarif", "--output", dir + "/out.sarif"])
        #expect(out.status == 0)
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1])); doc = json.load(open(sys.argv[2]))
            jsonschema.Draft7Validator(schema).validate(doc)
            for r in doc["runs"][0]["results"]:
                loc = r["locations"][0]
                if r["ruleId"] == "steep-drop" and r["message"]["text"].startswith("Uzbekistan") and " 1.2 " in r["message"]["text"]:
                    print(loc["physicalLocation"]["region"]["startLine"], loc["properties"]["page"], loc["properties"]["lineInPage"])
            """
        let (status, printed) = try Support.python(script, [Support.path("Tests/CrossfootTests/Schemas/sarif-schema-2.1.0.json"), dir + "/out.sarif"])
        #expect(status == 0, "\(printed)")
        // startLine counts lines of `extract --text`; page 3 starts on its line 112.
        let text = try CLI.run(["extract", Self.pdf, "--text"])
        let lines = text.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let formFeeds = lines.indices.filter { lines[$0] == "\u{0C}" }
        let startLine = formFeeds[1] + 2 + 42 - 1
        #expect(printed == "\(startLine) 3 42\n")
        #expect(lines[startLine - 1].hasSuffix("100.00%                      0.06%"))
    }

    @Test func anUnreadablePDFIsAnInputErrorAndTheOtherInputsAreStillLinted() throws {
        let dir = try temporary()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("this is not a PDF\n".utf8).write(to: URL(fileURLWithPath: dir + "/broken.pdf"))
        try Data(try Data(contentsOf: URL(fileURLWithPath: Support.path(Self.pdf))).prefix(20_000)).write(to: URL(fileURLWithPath: dir + "/truncated.pdf"))
        let out = try CLI.run([
            "lint", dir + "/broken.pdf", dir + "/truncated.pdf", "Tests/CrossfootTests/Fixtures/pdf/encrypted.pdf", Support.seedReportPath, "--format", "text",
        ])
        #expect(out.status == 3)
        #expect(out.stderr.contains("\(dir)/broken.pdf: error: cannot read this PDF: it is damaged or not a PDF"))
        #expect(out.stderr.contains("\(dir)/truncated.pdf: error: cannot read this PDF: it is damaged or not a PDF"))
        #expect(
            out.stderr.contains(
                "Tests/CrossfootTests/Fixtures/pdf/encrypted.pdf: error: cannot read this PDF: it is encrypted and needs a password (save it without one, or print it to a new PDF)"
            ))
        // The report beside them is linted as on its own.
        #expect(out.stdout.contains("\(Support.seedReportPath):83:48: warning[steep-drop]: Uzbekistan"))
        #expect(out.stdout.hasSuffix("0 errors, 13 warnings, 3 infos in 1 file; 91 rows checked by 19 rules; 3 inputs could not be read\n"))
    }

    @Test func aPDFInAFolderIsLinted() throws {
        let dir = try temporary()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: Support.path(Self.pdf), toPath: dir + "/report.pdf")
        let out = try CLI.run(["lint", dir, "--format", "text"])
        #expect(out.stdout.hasSuffix("0 errors, 13 warnings, 3 infos in 1 file; 91 rows checked by 19 rules\n"))
    }

    @Test func extractWritesThePDFsTablesAndItsText() throws {
        let dir = try temporary()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let tables = try CLI.run(["extract", Self.pdf, "--output", dir])
        #expect(tables.status == 0)
        #expect(tables.stderr == "wrote \(dir)/indicators.csv (79 rows)\nwrote \(dir)/financials.csv (12 rows)\n")
        let csv = try String(contentsOfFile: dir + "/indicators.csv", encoding: .utf8)
        let tabs = try CLI.run(["extract", Support.seedReportPath, "--output", dir + "/tabs"])
        #expect(tabs.status == 0)
        #expect(csv == (try String(contentsOfFile: dir + "/tabs/indicators.csv", encoding: .utf8)))

        let written = try CLI.run(["extract", Self.pdf, "--text", "--output", dir])
        #expect(written.stderr == "wrote \(dir)/report.txt\n")
        let shown = try CLI.run(["extract", Self.pdf, "--text"])
        #expect(try String(contentsOfFile: dir + "/report.txt", encoding: .utf8) == shown.stdout)
        #expect(shown.stdout.components(separatedBy: "\n\u{0C}\n").count == 16)

        let neither = try CLI.run(["extract", Self.pdf])
        #expect(neither.status == 2)
    }

    @Test func acceptedExceptionsAndBaselinesWorkOnPDFCells() throws {
        let dir = try temporary()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: Support.path(Self.pdf), toPath: dir + "/report.pdf")
        try "crossfoot: 1\naccept:\n  - {rule: steep-drop, where: 'indicator_code == \"1.2\"', reason: 'Confirmed by the office'}\n".write(
            toFile: dir + "/.crossfoot.yaml", atomically: true, encoding: .utf8)
        let accepted = try CLI.run(["lint", "report.pdf", "--format", "text"], in: dir)
        #expect(accepted.stdout.contains("report.pdf:page 3:42:97: accepted[steep-drop]: "))
        #expect(accepted.stdout.hasSuffix("0 errors, 12 warnings, 3 infos in 1 file; 91 rows checked by 19 rules; 1 accepted, 0 in the baseline\n"))

        try FileManager.default.removeItem(atPath: dir + "/.crossfoot.yaml")
        let written = try CLI.run(["lint", "report.pdf", "--write-baseline", "baseline.json"], in: dir)
        #expect(written.status == 0)
        let again = try CLI.run(["lint", "report.pdf", "--baseline", "baseline.json", "--format", "text"], in: dir)
        #expect(again.status == 0)
        #expect(again.stdout.hasSuffix("0 errors, 0 warnings, 0 infos in 1 file; 91 rows checked by 19 rules; 0 accepted, 16 in the baseline\n"))
    }
}
