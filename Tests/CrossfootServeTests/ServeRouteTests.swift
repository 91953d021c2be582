import Foundation
import Testing

@testable import Crossfoot
@testable import CrossfootServe

/// `crossfoot serve`'s routes, each against a real server on 127.0.0.1 and a small HTTP client.
@Suite("serve: routes and security") struct ServeRouteTests {
    static let report = Array((try? Support.read(Support.seedReportPath)).map { Array($0.utf8) } ?? [])

    @Test func theTokenAddressSetsAStrictCookieAndPagesNeedIt() throws {
        let server = try TestServer()
        defer { server.stop() }
        let host = [("Host", "127.0.0.1:\(server.port)")]
        #expect(try server.get("/", headers: host).status == 403)
        #expect(try server.get("/?token=0123", headers: host).status == 403)
        let opened = try server.get("/?token=\(server.token)", headers: host)
        #expect(opened.status == 303)
        #expect(opened.header("location") == "/")
        let cookie = try #require(opened.header("set-cookie"))
        #expect(cookie.hasPrefix("crossfoot_token=\(server.token);"))
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
        let home = try server.get("/")
        #expect(home.status == 200)
        #expect(home.text.contains("<input type=\"hidden\" name=\"token\" value=\"\(server.token)\">"))
        #expect(home.text.contains("<input id=\"files\" type=\"file\" name=\"files\" multiple>"))
        #expect(home.text.contains("enctype=\"multipart/form-data\""))
    }

    @Test func everyResponseCarriesThePolicyAndNoCORSHeaders() throws {
        let server = try TestServer()
        defer { server.stop() }
        let replies = [
            try server.get("/"), try server.get("/assets/crossfoot.css"), try server.get("/nothing"),
            try server.send("OPTIONS /check HTTP/1.1\r\n", headers: [("Host", "127.0.0.1:\(server.port)"), ("Origin", "http://evil.example")]),
            try server.get("/", headers: [("Host", "evil.example")]),
        ]
        #expect(replies.map(\.status) == [200, 200, 404, 405, 421])
        for reply in replies {
            #expect(reply.header("content-security-policy") == "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'")
            #expect(reply.header("x-content-type-options") == "nosniff")
            #expect(!reply.headers.contains { $0.0.hasPrefix("access-control-") })
        }
    }

    @Test func aForeignHostIsMisdirected() throws {
        let server = try TestServer()
        defer { server.stop() }
        // DNS rebinding: a name that resolves to 127.0.0.1 but is not ours.
        #expect(try server.get("/", headers: [("Host", "rebind.example:\(server.port)"), ("Cookie", server.cookie)]).status == 421)
        #expect(try server.get("/", headers: [("Cookie", server.cookie)]).status == 421)
        #expect(try server.upload([("report.md", Self.report)], host: "rebind.example:\(server.port)").status == 421)
        #expect(try server.get("/", headers: [("Host", "localhost:\(server.port)"), ("Cookie", server.cookie)]).status == 200)
    }

    @Test func aPostNeedsTheTokenAndOurOrigin() throws {
        let server = try TestServer()
        defer { server.stop() }
        #expect(try server.upload([("report.md", Self.report)], token: .some(nil)).status == 403)
        #expect(try server.upload([("report.md", Self.report)], token: "00000000000000000000000000000000").status == 403)
        #expect(try server.upload([("report.md", Self.report)], origin: "http://evil.example").status == 403)
        #expect(try server.upload([("report.md", Self.report)], origin: .some(nil)).status == 403)
        #expect(try server.upload([("report.md", Self.report)]).status == 303)
    }

    @Test func anUploadOverTheLimitIsRefusedBeforeItsBodyIsRead() throws {
        let server = try TestServer(maxUpload: 64 << 10)
        defer { server.stop() }
        // The head alone announces 10 MiB; no body byte is sent, and the answer comes at once.
        let reply = try server.send(
            "POST /check HTTP/1.1\r\n",
            headers: [
                ("Host", "127.0.0.1:\(server.port)"), ("Origin", server.origin), ("Content-Type", "multipart/form-data; boundary=x"),
                ("Content-Length", "\(10 << 20)"),
            ])
        #expect(reply.status == 413)
        #expect(reply.text.contains("64 KiB at most"))
        // A real upload just over the limit.
        #expect(try server.upload([("big.md", [UInt8](repeating: 0x61, count: 70 << 10))]).status == 413)
        #expect(try server.upload([("report.md", Self.report)]).status == 303)
    }

    @Test func theSampleReportShowsTheUzbekistanCellWithItsFourFindings() throws {
        let server = try TestServer()
        defer { server.stop() }
        let (page, _) = try server.check([("report.md", Self.report)])
        #expect(page.status == 200)
        #expect(page.text.contains("0 errors, 13 warnings, 3 infos in 1 file; 91 rows checked by 19 rules"))
        #expect(page.text.contains("<td>report.md</td><td>report</td><td>indicators: 79, financials: 12</td><td>16</td>"))
        let cell = try #require(page.text.components(separatedBy: "<td id=\"cell-1-83-48\" class=\"flagged sev-warning\"").dropFirst().first)
        let inCell = String(cell.prefix { $0 != "\n" }.split(separator: "</td>")[0])
        #expect(inCell.contains("<span class=\"value\">0.06%</span>"))
        #expect(inCell.components(separatedBy: "<li class=\"sev-").count - 1 == 4)
        for rule in ["fraction-as-percent", "outlier-among-countries", "steep-drop", "repeated-unusual-value"] {
            #expect(inCell.contains("<code>\(rule)</code>"))
        }
        #expect(inCell.contains("expected"))
        // Each of the 16 findings links to its cell; the four of this cell come first (triage order).
        #expect(page.text.components(separatedBy: "<a class=\"to-cell\" href=\"#cell-").count - 1 == 16)
        let links = page.text.components(separatedBy: "<a class=\"to-cell\" href=\"#").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(links.prefix(4).allSatisfy { $0 == "cell-1-83-48" })
        // Filters by severity and rule.
        #expect(page.text.contains("<select data-filter=\"severity\">") && page.text.contains("<select data-filter=\"rule\">"))
        // The report's line, the cell marked.
        #expect(page.text.contains("<mark>0.06%</mark>"))
    }

    @Test func downloadsAreAttachmentsAndTheSARIFIsValid() throws {
        let server = try TestServer()
        defer { server.stop() }
        let (_, id) = try server.check([("report.md", Self.report)])
        for (format, type) in [
            ("html", "text/html; charset=utf-8"), ("json", "application/json"), ("sarif", "application/sarif+json"), ("csv", "text/csv; charset=utf-8"),
            ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ] {
            let reply = try server.get("/r/\(id)/crossfoot.\(format)")
            #expect(reply.status == 200)
            #expect(reply.header("content-type") == type)
            #expect(reply.header("content-disposition") == "attachment; filename=\"crossfoot.\(format)\"")
        }
        // The CSV has the header and the report's 16 findings; the workbook is a ZIP.
        let csv = try server.get("/r/\(id)/crossfoot.csv").text.split(separator: "\n")
        #expect(csv.first == "file,sheet,line,cell,rule,severity,message,value,expected,score,notes" && csv.count == 17)
        #expect(try server.get("/r/\(id)/crossfoot.xlsx").text.hasPrefix("PK"))
        let sarif = try server.get("/r/\(id)/crossfoot.sarif").text
        #expect(sarif.contains("\"uri\": \"report.md\"") || sarif.contains("\"uri\":\"report.md\""))
        #expect(!sarif.contains("crossfoot-serve-"))
        if Tools.jsonschema { try Schema.validateSARIF(sarif) }
        // Another id, or none, is not found; the result page's own rules page lists the rules run.
        #expect(try server.get("/r/0000/crossfoot.sarif").status == 404)
        let rules = try server.get("/r/\(id)/rules")
        #expect(rules.status == 200 && rules.text.contains("<section class=\"rule\" id=\"rule-steep-drop\">"))
    }

    @Test func aDamagedFileIsAnErrorBesideTheOtherFilesFindings() throws {
        let server = try TestServer()
        defer { server.stop() }
        let pdf = Array(try Data(contentsOf: URL(fileURLWithPath: Support.path("Tests/CrossfootTests/Fixtures/pdf/report.pdf"))).prefix(20_000))
        let (page, _) = try server.check([("report.md", Self.report), ("damaged.pdf", pdf)])
        #expect(page.status == 200)
        #expect(
            page.text.contains("<tr class=\"unreadable\"><td>damaged.pdf</td><td colspan=\"3\" class=\"file-error\">damaged.pdf: error: cannot read this PDF"))
        #expect(page.text.contains("id=\"cell-1-83-48\""))
        #expect(page.text.contains("1 input could not be read"))
    }

    @Test func uploadedNamesAreOnlyShownNeverUsedAsPaths() throws {
        let server = try TestServer()
        defer { server.stop() }
        let folder = server.server.app.settings.folder
        let (page, id) = try server.check([("../../etc/passwd.md", Self.report)])
        #expect(page.status == 200)
        #expect(page.text.contains("<td>../../etc/passwd.md</td><td>report</td>"))
        #expect(page.text.contains("0 errors, 13 warnings, 3 infos in 1 file"))
        // Nothing is left in the private folder once the lint has read the file, and the folder
        // is the server's alone.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: folder)[.posixPermissions] as? Int)
        #expect(mode == 0o700)
        #expect(!FileManager.default.fileExists(atPath: folder + "/../../etc/passwd.md"))
        let sarif = try server.get("/r/\(id)/crossfoot.sarif").text
        #expect(sarif.contains("../../etc/passwd.md"))
        server.stop()
        #expect(!FileManager.default.fileExists(atPath: folder))
    }

    @Test func fileNamesAndCellsAreEscaped() throws {
        let server = try TestServer()
        defer { server.stop() }
        let csv = Array("site,v\n\"<img src=x onerror=alert(1)>\",150\n\"a & b\",99\n".utf8)
        let rules = "crossfoot: 1\npack: t\nrules:\n  - {id: capped, table: data, range: {columns: v, max: 100}, message: \"{site} is over\"}\n"
        let (page, _) = try server.check([("<script>alert(1)</script>.csv", csv), ("data.csv", csv)], rules: ("rules.yaml", rules))
        #expect(page.status == 200)
        #expect(!page.text.contains("<script>alert"))
        #expect(!page.text.contains("<img src=x"))
        #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;.csv"))
        #expect(page.text.contains("&lt;img src=x onerror=alert(1)&gt; is over"))
        #expect(page.text.contains("<td>&lt;img src=x onerror=alert(1)&gt;</td>"))
        #expect(page.text.contains("class=\"flagged sev-error\" tabindex=\"-1\"><span class=\"value\">150</span>"))
        // No inline script or style: the policy allows only same-origin files.
        #expect(!page.text.contains("<script>") && !page.text.contains("<style"))
        #expect(page.text.range(of: #"<[^>]*\son[a-z]+="#, options: .regularExpression) == nil)
    }

    @Test func aCustomRuleFileChecksACSVNamedAfterItsTable() throws {
        let server = try TestServer()
        defer { server.stop() }
        let csv = Array(try Support.read("Samples/custom-rules/cash-distributions.csv").utf8)
        let rules = try Support.read("Samples/custom-rules/cash-rules.yaml")
        // An uploaded rule file is checked beside the server's rules, as `--rules default --rules FILE`.
        let (page, _) = try server.check([("cash-distributions.csv", csv)], rules: ("cash-rules.yaml", rules))
        let cli = try CLI.run([
            "lint", "Samples/custom-rules/cash-distributions.csv", "--rules", "default", "--rules", "Samples/custom-rules/cash-rules.yaml", "--format", "text",
        ])
        let summary = try #require(cli.stdout.split(separator: "\n").last)
        #expect(page.text.contains("<p class=\"summary-line\" id=\"summary-line\">\(summary)</p>"))
        #expect(page.text.contains("<td>cash-distributions.csv</td><td>csv</td><td>cash-distributions: 12</td>"))
        #expect(UploadLint.stem("../../etc/passwd") == "passwd" || UploadLint.stem("../../etc/passwd") == "upload")
        #expect(UploadLint.stem("../../etc/passwd.md") == "upload")
        #expect(UploadLint.stem(".hidden.csv") == "upload")
        #expect(UploadLint.stem("indicators.csv") == "indicators")
    }

    @Test func ruleFileErrorsAreShownAtTheirLineAndColumn() throws {
        let server = try TestServer()
        defer { server.stop() }
        let rules = "crossfoot: 1\npack: t\nrules:\n  - {id: bad, table: indicators, range: {columns: nonsense, max: 100}}\n"
        let (page, _) = try server.check([("report.md", Self.report)], rules: ("my-rules.yaml", rules))
        #expect(page.status == 200)
        #expect(page.text.contains("<section id=\"problems\""))
        #expect(page.text.contains("<code>my-rules.yaml:4:"))
        #expect(page.text.contains("Nothing was checked."))
    }

    @Test func resultsExpire() throws {
        let server = try TestServer(expiry: 0)
        defer { server.stop() }
        let posted = try server.upload([("report.md", Self.report)])
        #expect(posted.status == 303)
        #expect(try server.get(try #require(posted.header("location"))).status == 404)
    }

    @Test func theRulesPageExplainsEachLoadedRule() throws {
        let server = try TestServer()
        defer { server.stop() }
        let page = try server.get("/rules")
        #expect(page.status == 200)
        let explained = try #require(Support.defaultRules.rule(id: "steep-drop")).explanation
        #expect(page.text.contains(XMLText.escape(explained)))
        #expect(page.text.contains("lowered:"))
    }
}

/// SARIF validation against the schema in Tests/CrossfootTests/Schemas, with Python's jsonschema.
enum Schema {
    static func validateSARIF(_ text: String) throws {
        let file = NSTemporaryDirectory() + "crossfoot-serve-test-\(UUID().uuidString).sarif"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let (status, output) = try Support.python(
            "import json, sys, jsonschema; jsonschema.Draft7Validator(json.load(open(sys.argv[1]))).validate(json.load(open(sys.argv[2])))",
            [Support.path("Tests/CrossfootTests/Schemas/sarif-schema-2.1.0.json"), file])
        #expect(status == 0, "\(output)")
    }
}

/// Requests no browser sends: each gets an answer, and the server goes on answering.
@Suite("serve: malformed requests") struct ServeMalformedTests {
    @Test func malformedRequestsAreAnsweredAndTheServerGoesOn() throws {
        let server = try TestServer(maxUpload: 1 << 20)
        defer { server.stop() }
        let host = "Host: 127.0.0.1:\(server.port)\r\n"
        let cases: [(String, Int)] = [
            ("GET /?= HTTP/1.1\r\n\(host)\r\n", 403),
            ("GET /?&&=&a&token HTTP/1.1\r\n\(host)\r\n", 403),
            ("GET /?token=%zz%2 HTTP/1.1\r\n\(host)\r\n", 403),
            ("GET / HTTP/1.1\r\n\(host)no colon here\r\n\r\n", 400),
            ("GARBAGE\r\n\r\n", 400),
            ("GET relative HTTP/1.1\r\n\(host)\r\n", 400),
            ("GET / HTTP/1.1\r\n\(host)X-Long: \(String(repeating: "a", count: 20_000))\r\n\r\n", 431),
            ("POST /check HTTP/1.1\r\n\(host)Origin: \(server.origin)\r\n\r\n", 411),
            ("POST /check HTTP/1.1\r\n\(host)Origin: \(server.origin)\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello", 400),
            ("POST /check HTTP/1.1\r\n\(host)Origin: \(server.origin)\r\nContent-Length: 5\r\n\r\nhello", 400),
            (
                "POST /check HTTP/1.1\r\n\(host)Origin: \(server.origin)\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 9\r\n\r\n--b\r\nxx\r\n",
                400
            ),
            (
                "POST /check HTTP/1.1\r\n\(host)Origin: \(server.origin)\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 8\r\n\r\n--b--\r\n\r\n",
                403
            ),
            ("DELETE / HTTP/1.1\r\n\(host)\r\n", 405),
            ("HEAD /assets/serve.js HTTP/1.1\r\n\(host)\r\n", 200),
        ]
        for (request, status) in cases {
            let reply = try TestServer.exchange(port: server.port, Array(request.utf8))
            #expect(reply.status == status, "\(request.prefix(80))")
        }
        // A body cut short, then the peer gone: nothing to answer, and the server goes on.
        try TestServer.hangUp(
            port: server.port, after: Array("POST /check HTTP/1.1\r\n\(host)Origin: \(server.origin)\r\nContent-Length: 100\r\n\r\nshort".utf8))
        #expect(try server.get("/").status == 200)
        #expect(try server.upload([("report.md", ServeRouteTests.report)]).status == 303)
    }
}
