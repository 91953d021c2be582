import Foundation
import Testing

@testable import Crossfoot
@testable import CrossfootServe

/// `crossfoot serve` from the command line: the address on one line of standard output, a
/// warning for another address, a clean stop on SIGTERM.
@Suite("serve: command line") struct ServeCommandTests {
    func start(_ arguments: [String]) throws -> (process: Process, url: String, stderr: Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = ["serve", "--no-config"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: Support.root)
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        var line: [UInt8] = []
        while let byte = try out.fileHandleForReading.read(upToCount: 1)?.first, byte != 0x0A { line.append(byte) }
        return (process, String(decoding: line, as: UTF8.self), err)
    }

    @Test func itPrintsTheAddressWithItsTokenAndStopsOnSIGTERM() throws {
        let (process, url, _) = try start([])
        #expect(url.range(of: #"^http://127\.0\.0\.1:[0-9]+/\?token=[0-9a-f]{32}$"#, options: .regularExpression) != nil, "\(url)")
        let port = Int(url.split(separator: ":")[2].split(separator: "/")[0]) ?? 0
        let reply = try TestServer.exchange(port: port, Array("GET /assets/serve.js HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n".utf8))
        #expect(reply.status == 200)
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test func anotherAddressIsWarnedAbout() throws {
        // Tests bind 127.0.0.1 only: an address that cannot be bound shows the warning and the
        // refusal without listening anywhere.
        let out = try CLI.run(["serve", "--no-config", "--host", "300.1.2.3"])
        #expect(out.status == 2)
        #expect(out.stdout.isEmpty)
        #expect(out.stderr.contains("warning: --host 300.1.2.3: the page is served beyond this computer"))
        #expect(out.stderr.contains("error: --host takes an IPv4 address such as 127.0.0.1, not '300.1.2.3'"))
    }

    @Test func theHTMLReportCarriesANonceWhenGivenOne() throws {
        var options = LintSession.Options()
        options.paths = [Support.path(Support.seedReportPath)]
        let result = try #require(LintSession(config: ProjectConfig(directory: Support.root), options: options).run().result)
        let html = HTMLReporter(nonce: "n0nce").render(result)
        #expect(html.contains("<style nonce=\"n0nce\">") && html.contains("<script nonce=\"n0nce\">"))
        #expect(!HTMLReporter().render(result).contains("nonce"))
    }
}
