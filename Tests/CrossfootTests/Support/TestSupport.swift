import Foundation
import Testing

@testable import Crossfoot

/// Paths and helpers shared by the tests.
enum Support {
    /// The package root, found from this file's path.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    static func path(_ relative: String) -> String { root + "/" + relative }

    static func read(_ relative: String) throws -> String {
        try String(contentsOfFile: path(relative), encoding: .utf8)
    }

    /// A new empty folder under the temporary directory, named `PREFIX-UUID`.
    static func temporaryFolder(_ prefix: String = "crossfoot-test") throws -> String {
        let path = NSTemporaryDirectory() + "\(prefix)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Runs `python3 -c SCRIPT ARGUMENTS…`: its exit status, and its output and errors together.
    static func python(_ script: String, _ arguments: [String] = []) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static let seedReportPath = "Samples/kazakhstan-mco-2024/report.md"
    static let seedPagePath = "Samples/kazakhstan-mco-2021/page.txt"

    /// The embedded default rules, compiled.
    static let defaultRules: RuleSet = {
        let result = RuleCompiler.compile([RulePacks.defaultPack])
        guard let set = result.ruleSet else { fatalError("the default pack does not compile: \(result.diagnostics)") }
        return set
    }()

    /// Compiles rule-file text; the file is called `rules.yaml`.
    static func compile(_ yaml: String, path: String = "rules.yaml") -> CompileResult {
        RuleCompiler.compile([SourceFile(path: path, text: yaml)])
    }

    /// The diagnostics of rule-file text, rendered as the command line prints them.
    static func errors(_ yaml: String) -> [String] {
        compile(yaml).diagnostics.map(\.description)
    }

    /// Compiles rule-file text that must compile.
    static func rules(_ yaml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> RuleSet {
        let result = compile(yaml)
        guard let set = result.ruleSet else {
            Issue.record("rules did not compile: \(result.diagnostics.map(\.description))", sourceLocation: sourceLocation)
            throw CancellationError()
        }
        return set
    }

    /// Reads text as a dataset in the given format (detected when `nil`).
    static func dataset(_ text: String, path: String, format: InputFormat? = nil) throws -> Dataset {
        let bytes = Array(text.utf8)
        guard let chosen = format ?? InputReader.detect(path: path, bytes: bytes) else { throw Diagnostic(.error, "unknown format", path: path) }
        return try InputReader.read(SourceFile(path: path, bytes: bytes), format: chosen)
    }

    /// Lints text with rules.
    static func lint(_ text: String, path: String, rules: RuleSet = defaultRules, format: InputFormat? = nil) throws -> [Finding] {
        Validator(ruleSet: rules).validate(try dataset(text, path: path, format: format)).findings
    }

    /// `rule@line:column` for each finding, the compact form assertions compare.
    static func points(_ findings: [Finding]) -> [String] {
        findings.map { "\($0.rule)@\($0.location.line):\($0.location.column)" }
    }
}

/// Text with markers (1️⃣ 2️⃣ …) where findings must point: the text without them, and each
/// marker's 1-based line and code-point column.
struct Marked {
    static let markers = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"]

    var text: String
    var positions: [String: (line: Int, column: Int)] = [:]

    init(_ marked: String) {
        var out = ""
        var line = 1
        var column = 1
        var rest = Substring(marked)
        outer: while let c = rest.first {
            for (i, marker) in Marked.markers.enumerated() where rest.hasPrefix(marker) {
                positions[String(i + 1)] = (line, column)
                rest = rest.dropFirst(marker.count)
                continue outer
            }
            out.append(c)
            if c == "\n" || c == "\r\n" {
                line += 1
                column = 1
            } else {
                column += c.unicodeScalars.count
            }
            rest = rest.dropFirst()
        }
        text = out
    }

    /// `line:column` of marker `n`.
    func at(_ n: Int) -> String {
        guard let p = positions[String(n)] else { return "no marker \(n)" }
        return "\(p.line):\(p.column)"
    }
}

/// Golden files: compare with `Snapshots/NAME` (or `FOLDER/NAME`) byte for byte; with
/// `CROSSFOOT_RECORD=1` rewrite it and fail, so a re-recorded file is reviewed before the run passes.
enum Snapshot {
    static func assert(
        _ actual: String, named name: String, in folder: String = "Tests/CrossfootTests/Snapshots",
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let path = Support.path(folder + "/" + name)
        if ProcessInfo.processInfo.environment["CROSSFOOT_RECORD"] == "1" {
            try? Data(actual.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            Issue.record("re-recorded \(name); review the diff and run again without CROSSFOOT_RECORD", sourceLocation: sourceLocation)
            return
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            Issue.record("no snapshot \(name); run with CROSSFOOT_RECORD=1 to create it", sourceLocation: sourceLocation)
            return
        }
        // Bytes, not `String ==`: that compares canonically equivalent text (é as one code point
        // or as e and a combining accent) as equal.
        guard !actual.utf8.elementsEqual(data) else { return }
        let expected = String(decoding: data, as: UTF8.self)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(a, e).enumerated().first { !$0.element.0.utf8.elementsEqual($0.element.1.utf8) }?.offset ?? min(a.count, e.count)
        let got = first < a.count ? String(a[first]) : "(end)"
        let want = first < e.count ? String(e[first]) : "(end)"
        Issue.record("\(name) differs at line \(first + 1):\n  expected: \(want)\n  actual:   \(got)", sourceLocation: sourceLocation)
    }
}

/// Runs the built `crossfoot` binary.
enum CLI {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The binary beside the test bundle in the build folder.
    static let binary: String = {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundle, bundle.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("crossfoot").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return Support.path(".build/debug/crossfoot")
    }()

    @discardableResult
    static func run(_ arguments: [String], in directory: String = Support.root, environment: [String: String] = [:]) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env.merge(environment) { _, new in new }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// Tools a few tests run beside the package: Python's jsonschema, Chromium. On a machine without
/// one, those tests are skipped and say so; under `.ci/run` (which installs them and sets
/// `CROSSFOOT_REQUIRE_TOOLS=1`) they always run, so a missing tool fails the build.
enum Tools {
    static var required: Bool { ProcessInfo.processInfo.environment["CROSSFOOT_REQUIRE_TOOLS"] == "1" }

    static func onPath(_ names: [String]) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            for name in names where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") { return "\(dir)/\(name)" }
        }
        return nil
    }

    /// Poppler's GLib library, which the PDF reader loads (`libpoppler-glib8`; .ci/run installs it).
    static var poppler: Bool {
        if required { return true }
        if case .success = Poppler.shared() { return true }
        return false
    }

    static var chromium: Bool { required || onPath(["chromium", "chromium-browser", "google-chrome"]) != nil }

    /// openpyxl and python-calamine, which read the XLSX findings report back.
    static var spreadsheetReaders: Bool { required || pythonImports("openpyxl, python_calamine") }

    static var jsonschema: Bool { required || pythonImports("jsonschema") }

    /// Whether Python 3 imports `modules` (`import MODULES` succeeds).
    static func pythonImports(_ modules: String) -> Bool {
        (try? Support.python("import " + modules).status) == 0
    }
}
