import Foundation
import Testing

@testable import Crossfoot

/// The HTML report, rendered by a real browser: headless Chromium draws it to a PNG and dumps
/// the DOM its scripts built, where every finding and both kinds of chart must be.
@Suite("HTML report", .serialized) struct HTMLReportTests {
    func temporary() throws -> String {
        let dir = NSTemporaryDirectory() + "crossfoot-html-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test(.enabled(if: Tools.chromium, "Chromium is not installed (apt-get install chromium); .ci/run installs it"))
    func theSamplesRenderInChromium() throws {
        let dir = try temporary()
        let out = try CLI.run(["lint", "Samples", "--report", "html=\(dir)/report.html", "--format", "json", "--fail-on", "never"])
        #expect(out.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])

        let render = Process()
        render.executableURL = URL(fileURLWithPath: Support.path("Tests/Browser/render.sh"))
        render.arguments = [dir + "/report.html", dir + "/report.png", dir + "/report.dom.html"]
        let err = Pipe()
        render.standardError = err
        try render.run()
        render.waitUntilExit()
        #expect(render.terminationStatus == 0, "\(String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))")

        // The PNG the browser drew.
        let png = try Data(contentsOf: URL(fileURLWithPath: dir + "/report.png"))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(png.count > 50_000)

        // The DOM after the page's scripts ran: every finding, both kinds of chart.
        let dom = try String(contentsOfFile: dir + "/report.dom.html", encoding: .utf8)
        #expect(dom.contains("data-ready=\"true\""), "the page's script did not run")
        #expect(count("<li class=\"finding ", in: dom) == findings.count)
        #expect(dom.contains("<output id=\"shown\">\(findings.count) of \(findings.count) shown</output>"))
        // A slope chart per percentage indicator of the 2024 report and of its CSV (8 impact and
        // 6 outcome indicators each), a bar chart per financial table (impact, outcome) of each.
        #expect(count("<svg class=\"chart-slope\"", in: dom) == 28)
        #expect(count("<svg class=\"chart-bars\"", in: dom) == 4)
        // The flagged countries of 1.2 are highlighted: Uzbekistan's line is red and named.
        #expect(dom.contains("Uzbekistan 0.06%</text>"))
        // Nothing is loaded from elsewhere.
        #expect(!dom.contains("src=\"http") && !dom.contains("href=\"http"))
    }

    @Test func theReportEscapesDataAndHoldsEveryFinding() throws {
        let dir = try temporary()
        try "site,v\n\"<script>alert(1)</script>\",150\n\"a & b\",99\n".write(toFile: dir + "/data.csv", atomically: true, encoding: .utf8)
        try "crossfoot: 1\npack: t\nrules:\n  - {id: capped, table: data, range: {columns: v, max: 100}, message: \"{site} is over\"}\n".write(
            toFile: dir + "/rules.yaml", atomically: true, encoding: .utf8)
        let out = try CLI.run(["lint", "data.csv", "--rules", "rules.yaml", "--format", "html"], in: dir)
        #expect(out.status == 1)
        #expect(!out.stdout.contains("<script>alert"))
        #expect(out.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt; is over"))
        #expect(count("<li class=\"finding ", in: out.stdout) == 1)
        #expect(out.stdout.contains("<td class=\"hit\">150</td>"))
        // One script, the page's own; no external resource of any kind.
        #expect(count("<script>", in: out.stdout) == 1)
        #expect(!out.stdout.contains("http"))
    }
}
