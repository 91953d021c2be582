import Foundation
import Testing

@testable import Crossfoot

/// `crossfoot serve` as a person uses it, in headless Chromium: `Tests/Browser/serve-e2e.py`
/// starts the built `crossfoot serve`, drops the sample report on the page, follows a finding to
/// its cell, downloads and validates the SARIF, and uploads a damaged PDF beside the report.
@Suite("serve: in a browser", .serialized) struct ServeBrowserTests {
    @Test(.enabled(if: Tools.chromium && Tools.jsonschema, "Chromium or Python's jsonschema is missing; .ci/run installs them"))
    func aReportDroppedOnThePageShowsTheWrongCell() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Support.path("Tests/Browser/serve-e2e.py"), CLI.binary]
        if let shot = ProcessInfo.processInfo.environment["CROSSFOOT_SERVE_SCREENSHOT"] { process.arguments? += ["--screenshot", shot] }
        process.currentDirectoryURL = URL(fileURLWithPath: Support.root)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
        #expect(output.contains("13 of 13 checks passed"), "\(output)")
    }
}
