import Foundation
import Testing

/// README "Using Crossfoot as a library": the example is a complete program that links the
/// library; it is built as `library-example`, run here, and must be the README's text exactly.
@Suite("Library example") struct LibraryExampleTests {
    static let source = "Sources/library-example/main.swift"

    @Test func theReadmeShowsTheProgramThatIsRun() throws {
        let readme = try Support.read("README.md")
        let program = try Support.read(Self.source)
        let section = try #require(readme.range(of: "## Using Crossfoot as a library"))
        let block = try #require(readme[section.upperBound...].range(of: "```swift\n"))
        let end = try #require(readme[block.upperBound...].range(of: "```\n"))
        #expect(String(readme[block.upperBound..<end.lowerBound]) == program)
    }

    @Test func itPrintsEveryFindingOfTheSampleReportWithItsRuleAndLine() throws {
        let binary = URL(fileURLWithPath: CLI.binary).deletingLastPathComponent().appendingPathComponent("library-example").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.currentDirectoryURL = URL(fileURLWithPath: Support.root)
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let printed = String(decoding: data, as: UTF8.self)
        Snapshot.assert(printed, named: "library-example.txt")
        // The same findings, rule by rule and line by line, as `crossfoot lint` reports them.
        let lint = try CLI.run(["lint", Support.seedReportPath, "--format", "text", "--fail-on", "never"])
        let fromCLI = lint.stdout.split(separator: "\n").compactMap { line -> String? in
            guard let rule = line.firstRange(of: "[").map({ line[$0.upperBound...].prefix { $0 != "]" } }),
                let lineNumber = line.split(separator: ":").dropFirst().first
            else { return nil }
            return "\(rule) line \(lineNumber)"
        }
        let fromLibrary = printed.split(separator: "\n").map { String($0.prefix { $0 != ":" }) }
        #expect(fromLibrary == fromCLI)
        #expect(fromLibrary.count == 16)
    }
}
