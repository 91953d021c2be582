import Foundation
import Testing

@testable import Crossfoot

/// Findings as CSV and as a workbook, for the spreadsheet an officer already has open.
@Suite("Findings as CSV and XLSX", .serialized) struct FindingsTableTests {
    static let workbook = "Tests/CrossfootTests/Fixtures/xlsx/officer-report.xlsx"

    func temporary() throws -> String { try Support.temporaryFolder("crossfoot-findings") }

    @Test func csvHasTheHeaderAndOneRowPerFindingAndNothingElse() throws {
        let out = try CLI.run(["lint", Self.workbook, Support.seedReportPath, "Tests/CrossfootTests/Fixtures/pdf/report.pdf", "--format", "csv"])
        #expect(out.status == 0)
        let lines = out.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "file,sheet,line,cell,rule,severity,message,value,expected,score,notes")
        #expect(lines.last == "")
        #expect(lines.count == 1 + 48 + 1)
        #expect(
            lines.contains(
                "Tests/CrossfootTests/Fixtures/xlsx/officer-report.xlsx,Indicators 2024,12,M12,steep-drop,warning,\"Uzbekistan, Refugees and Asylum-seekers — 1.2 Proportion of people who are able to move freely…: actual 0.06% is 99.94 points below the baseline 100.00%\",0.06,,0.8,"
            ))
        #expect(
            lines.contains(
                "Samples/kazakhstan-mco-2024/report.md,,83,83:48,steep-drop,warning,\"Uzbekistan, Refugees and Asylum-seekers — 1.2 Proportion of people who are able to move freely…: actual 0.06% is 99.94 points below the baseline 100.00%\",0.06,,0.8,"
            ))
        #expect(lines.contains { $0.hasPrefix("Tests/CrossfootTests/Fixtures/pdf/report.pdf,,42,page 3:42:97,steep-drop,warning,") })
    }

    @Test func textThatASpreadsheetWouldEvaluateIsWrittenAsText() {
        for bad in ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"] {
            #expect(CSVFindingsReporter.formulaSafe(bad) == "'" + bad)
        }
        #expect(CSVFindingsReporter.formulaSafe("Uzbekistan") == "Uzbekistan")
        #expect(CSVFindingsReporter.text("=HYPERLINK(\"x\",\"y\")") == "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"")
    }

    @Test(.enabled(if: Tools.spreadsheetReaders, "openpyxl or python-calamine is not installed (pip install openpyxl python-calamine); .ci/run installs them"))
    func theWorkbookReadsBackAsTheJSONReportInOpenpyxlAndCalamine() throws {
        let dir = try temporary()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: Support.path(Self.workbook), toPath: dir + "/book.xlsx")
        try FileManager.default.copyItem(atPath: Support.path(Support.seedReportPath), toPath: dir + "/report.md")
        let out = try CLI.run(
            ["lint", "book.xlsx", "report.md", "--report", "xlsx=out/findings.xlsx", "--report", "json=out/findings.json", "--format", "text"], in: dir)
        #expect(out.status == 0, "\(out.stderr)")
        let script = """
            import json, sys, openpyxl
            from python_calamine import CalamineWorkbook
            doc = json.load(open(sys.argv[2]))
            wb = openpyxl.load_workbook(sys.argv[1]); ws = wb.active
            assert ws.freeze_panes == "A2", ws.freeze_panes
            assert ws.auto_filter.ref == "A1:K%d" % (len(doc["findings"]) + 1), ws.auto_filter.ref
            assert ws["A1"].font.b
            rows = list(ws.iter_rows(values_only=True))
            cal = CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0).to_python()
            assert rows[0] == tuple(["file","sheet","line","cell","rule","severity","message","value","expected","score","notes"])
            assert len(rows) == len(cal) == len(doc["findings"]) + 1
            def same(a, b):
                if a in (None, "") and b in (None, ""): return True
                if isinstance(a, (int, float)) and isinstance(b, (int, float)): return abs(a - b) < 1e-9
                return a == b
            for k, f in enumerate(doc["findings"]):
                loc = f["location"]
                want = [loc["file"], loc.get("sheet"), loc.get("row", loc.get("line")), loc.get("cell"), f["rule"], f["severity"], f["message"],
                        f["actual"], f["expected"], f["score"]]
                for got in (rows[k + 1], cal[k + 1]):
                    for c, (g, w) in enumerate(zip(got, want)):
                        if c == 3 and w is None: continue
                        assert same(g, w), (k, c, g, w)
            links = [c.hyperlink.target for c in ws["D"][1:] if c.hyperlink]
            print(len(links), links[0] if links else "")
            """
        let (status, printed) = try Support.python(script, [dir + "/out/findings.xlsx", dir + "/out/findings.json"])
        #expect(status == 0, "\(printed)")
        // The workbook's 16 findings link to their cells, relative to the report's folder.
        #expect(printed.hasPrefix("16 ../book.xlsx#'Indicators 2024'!"), "\(printed)")
    }

    @Test func aTextValueIsAnInlineStringNeverAFormula() throws {
        let finding = Finding(
            rule: "r", check: "assert", severity: .warning, message: "=1+1 is shown as written", location: SourceLocation(path: "a.csv", line: 2, column: 3),
            actual: .text("=cmd|' /C calc'!A0"), expected: .number(Number(significand: 5, exponent: -1)))
        let bytes = XLSXFindingsReporter.workbook([finding], context: ReportContext(), reportPath: nil)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!text.contains("<f>"))
        #expect(text.contains("<c r=\"H2\" t=\"inlineStr\"><is><t xml:space=\"preserve\">=cmd|&apos; /C calc&apos;!A0</t></is></c><c r=\"I2\"><v>0.5</v></c>"))
        #expect(text.contains("<c r=\"G2\" t=\"inlineStr\"><is><t xml:space=\"preserve\">=1+1 is shown as written</t></is></c>"))
        // The same findings make the same bytes.
        #expect(bytes == XLSXFindingsReporter.workbook([finding], context: ReportContext(), reportPath: nil))
    }
}
