import Foundation
import Glibc
import Testing

@testable import Crossfoot

/// What is shown against what fails, warning budgets, unused exceptions, several reports in
/// one run, and inputs an untrusted pull request could plant.
@Suite("Thresholds and untrusted inputs", .serialized) struct ThresholdTests {
    let dir: String

    init() throws {
        dir = NSTemporaryDirectory() + "crossfoot-gate-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/data", withIntermediateDirectories: true)
        try """
        crossfoot: 1
        pack: t
        rules:
          - {id: capped, table: data, range: {columns: v, max: 120}}
          - {id: soft, severity: warning, table: data, range: {columns: v, max: 100}}

        """.write(toFile: dir + "/rules.yaml", atomically: true, encoding: .utf8)
    }

    func data(_ values: [Int]) throws {
        try ("site,v\n" + values.enumerated().map { "s\($0.offset + 1),\($0.element)\n" }.joined())
            .write(toFile: dir + "/data/data.csv", atomically: true, encoding: .utf8)
    }

    func lint(_ arguments: [String]) throws -> CLI.Output {
        try CLI.run(["lint", "data", "--rules", "rules.yaml", "--no-config"] + arguments, in: dir)
    }

    @Test func hiddenFindingsStillFailAndAreCounted() throws {
        try data([105, 110, 99])
        let out = try lint(["--min-severity", "error", "--fail-on", "warning"])
        #expect(out.status == 1)
        #expect(out.stdout == "0 errors, 2 warnings, 0 infos in 1 file; 3 rows checked by 2 rules; 2 not shown (below --min-severity error)\n")
        // And what fails is --fail-on alone: showing everything does not fail on warnings.
        let shown = try lint(["--fail-on", "error"])
        #expect(shown.status == 0)
        #expect(shown.stdout.components(separatedBy: "warning[soft]").count == 3)
    }

    @Test func moreWarningsThanTheBudgetFail() throws {
        try data([105, 110, 99])
        let within = try lint(["--max-warnings", "2"])
        #expect(within.status == 0)
        let over = try lint(["--max-warnings", "1"])
        #expect(over.status == 1)
        #expect(over.stderr == "2 new warnings, more than --max-warnings 1\n")
    }

    @Test func anAcceptThatMatchesNothingIsReported() throws {
        try data([150, 99])
        try """
        crossfoot: 1
        packs: [rules.yaml]
        accept:
          - {rule: capped, where: 'site == "s1"', reason: Counted twice on purpose.}
          - {rule: capped, where: 'site == "s9"', reason: Old exception.}

        """.write(toFile: dir + "/.crossfoot.yaml", atomically: true, encoding: .utf8)
        let out = try CLI.run(["lint", "data"], in: dir)
        #expect(out.status == 0)
        #expect(out.stdout.contains("data/data.csv:2:4: accepted[capped]: v 150 is above the maximum of 120 — accepted: Counted twice on purpose.\n"))
        #expect(out.stdout.contains(".crossfoot.yaml:5:5: unused-accept[capped]: this accept entry matches no finding; remove it if the data was fixed\n"))
        #expect(out.stdout.hasSuffix("0 errors, 1 warning, 0 infos in 1 file; 2 rows checked by 2 rules; 1 accepted, 0 in the baseline\n"))
        let json = try CLI.run(["lint", "data", "--format", "json"], in: dir)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let unused = try #require(doc["unused_accepts"] as? [[String: Any]])
        #expect(unused.count == 1)
        #expect(unused.first?["where"] as? String == "site == \"s9\"")
        #expect((doc["findings"] as? [[String: Any]])?.map { $0["rule"] as? String } == ["soft"])
        #expect((doc["accepted"] as? [[String: Any]])?.first?["reason"] as? String == "Counted twice on purpose.")
    }

    @Test func oneRunWritesSeveralReports() throws {
        try data([150, 105])
        let out = try lint(["--report", "sarif=out/r.sarif", "--report", "junit=out/r.xml", "--report", "json=out/r.json"])
        #expect(out.status == 1)
        #expect(out.stdout.hasPrefix("data/data.csv:2:4: error[capped]"))
        for file in ["out/r.sarif", "out/r.xml", "out/r.json"] {
            #expect(FileManager.default.fileExists(atPath: dir + "/" + file), "\(file) was not written")
        }
        let sarif = try String(contentsOfFile: dir + "/out/r.sarif", encoding: .utf8)
        #expect(sarif.contains("\"ruleId\": \"capped\""))
        let junit = try String(contentsOfFile: dir + "/out/r.xml", encoding: .utf8)
        #expect(junit.contains("<testsuites name=\"crossfoot\" tests=\"2\" failures=\"1\" errors=\"0\">"))
    }

    @Test func theBaselineRecordsWhatIsHiddenToo() throws {
        try data([150, 105])
        let write = try lint(["--write-baseline", "baseline.json", "--min-severity", "error", "--fail-on", "never"])
        #expect(write.status == 0)
        let baseline = try String(contentsOfFile: dir + "/baseline.json", encoding: .utf8)
        #expect(baseline.components(separatedBy: "\"rule\": \"soft\"").count == 3)
        #expect(baseline.components(separatedBy: "\"rule\": \"capped\"").count == 2)
        let gated = try lint(["--baseline", "baseline.json", "--fail-on", "info"])
        #expect(gated.status == 0)
        #expect(gated.stdout == "0 errors, 0 warnings, 0 infos in 1 file; 2 rows checked by 2 rules; 0 accepted, 3 in the baseline\n")
    }

    @Test func specialFilesAndLinksOutOfTheRootAreSkipped() throws {
        try data([99])
        #expect(mkfifo(dir + "/data/pipe.csv", 0o644) == 0)
        try FileManager.default.createDirectory(atPath: dir + "/outside", withIntermediateDirectories: true)
        try "site,v\nx,500\n".write(toFile: dir + "/outside/secret.csv", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir + "/data/leak.csv", withDestinationPath: "../outside/secret.csv")
        try FileManager.default.createSymbolicLink(atPath: dir + "/data/same.csv", withDestinationPath: "data.csv")
        // A FIFO would block a reader forever; this returns at once.
        let out = try lint([])
        #expect(out.status == 0)
        #expect(out.stderr.contains("data/pipe.csv: note: skipped: not a regular file (a FIFO, device or socket)\n"))
        #expect(out.stderr.contains("data/leak.csv: note: skipped: a symbolic link that leads out of data\n"))
        #expect(!out.stdout.contains("500"))
        // A link that stays inside the root is read.
        #expect(out.stdout.hasSuffix("in 2 files; 2 rows checked by 2 rules\n"))
    }

    @Test func anUnreadableInputWinsOverFindings() throws {
        try data([150])
        try Data([0x76, 0x0a, 0xff, 0xfe, 0x0a]).write(to: URL(fileURLWithPath: dir + "/data/broken.csv"))
        let out = try lint([])
        #expect(out.status == 3)
        #expect(out.stdout.contains("error[capped]"))
    }
}
