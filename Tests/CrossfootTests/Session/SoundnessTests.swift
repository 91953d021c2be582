import Foundation
import Testing

@testable import Crossfoot

/// Nothing is lost: outputs are written whole or not at all, inputs are never written, the same
/// inputs give the same bytes out; and money adds up to the cent however many rows there are.
@Suite("Nothing lost", .serialized) struct SoundnessTests {
    func temporary() throws -> String {
        let dir = NSTemporaryDirectory() + "crossfoot-sound-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func outputsAreWrittenWholeByRenaming() throws {
        let dir = try temporary()
        try FileManager.default.copyItem(atPath: Support.path(Support.seedReportPath), toPath: dir + "/report.md")
        try "an older report".write(toFile: dir + "/out.json", atomically: true, encoding: .utf8)
        let out = try CLI.run(["lint", "report.md", "--format", "json", "--output", "out.json", "--report", "sarif=out.sarif"], in: dir)
        #expect(out.status == 0)
        let json = try String(contentsOfFile: dir + "/out.json", encoding: .utf8)
        #expect(json.hasPrefix("{\n  \"tool\"") && json.hasSuffix("}\n"))
        // No temporary file is left behind.
        let names = try FileManager.default.contentsOfDirectory(atPath: dir)
        #expect(names.sorted() == ["out.json", "out.sarif", "report.md"])
        // A report that cannot be written fails with exit 2 and leaves nothing half-written.
        let failed = try CLI.run(["lint", "report.md", "--output", "missing/folder/out.txt"], in: dir)
        #expect(failed.status == 2)
        #expect(failed.stderr == "missing/folder/out.txt: error: cannot write the file: No such file or directory\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["out.json", "out.sarif", "report.md"])
    }

    @Test func anInputIsNeverWritten() throws {
        let dir = try temporary()
        try FileManager.default.copyItem(atPath: Support.path(Support.seedReportPath), toPath: dir + "/report.md")
        let before = try Data(contentsOf: URL(fileURLWithPath: dir + "/report.md"))
        let out = try CLI.run(["lint", "report.md", "--output", "report.md"], in: dir)
        #expect(out.status == 2)
        #expect(out.stderr == "report.md: error: this is one of the inputs; Crossfoot never writes to its inputs (choose another file)\n")
        let sarif = try CLI.run(["lint", ".", "--report", "sarif=./report.md"], in: dir)
        #expect(sarif.status == 2)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/report.md")) == before)
    }

    @Test func theOrderOfTheFolderListingDoesNotMatter() throws {
        // The same files, created in opposite orders in two folders (so listed differently).
        let names = ["b.csv", "a.csv", "c.md", "d.csv"]
        let texts = ["site,v\nB,150\n", "site,v\nA,170\n", try Support.read(Support.seedReportPath), "site,v\nD,99\n"]
        let rules = "crossfoot: 1\npack: t\nrules:\n  - {id: capped, table: '*', range: {columns: v, max: 100}}\n"
        var outputs: [String] = []
        for order in [Array(names.indices), Array(names.indices.reversed())] {
            let dir = try temporary()
            try FileManager.default.createDirectory(atPath: dir + "/data", withIntermediateDirectories: true)
            for i in order { try texts[i].write(toFile: dir + "/data/" + names[i], atomically: true, encoding: .utf8) }
            try rules.write(toFile: dir + "/rules.yaml", atomically: true, encoding: .utf8)
            let out = try CLI.run(["lint", "data", "--rules", "default", "--rules", "rules.yaml", "--format", "json"], in: dir)
            outputs.append(out.stdout)
        }
        #expect(outputs[0] == outputs[1])
        #expect(outputs[0].contains("\"file\": \"data/a.csv\""))
    }

    @Test func tenMillionAmountsAddUpToTheCent() {
        // Values near 10^9 with two decimals, summed the way every group sum is.
        var sum = Number.zero
        var cents: Int128 = 0
        for i in 0..<10_000_000 {
            let value = 99_999_999_900 + Int128(i % 9_973) * 7  // cents: ~999,999,999.00 and up
            cents += value
            sum = sum + Number(significand: value, exponent: -2)
        }
        #expect(sum == Number(significand: cents, exponent: -2))
        #expect(sum.description == Number(significand: cents, exponent: -2).description)
        #expect(sum.plain(decimals: 2, grouping: true).hasSuffix(".\(String(Int(cents % 100)).count == 1 ? "0" : "")\(Int(cents % 100))"))
    }

    @Test func aTotalOfManyRowsIsCheckedToTheCent() throws {
        // 200,000 parts near 10^9 with cents, in one group, read in ranges on several threads.
        let dir = try temporary()
        var text = "group,area,amount\n"
        var cents: Int128 = 0
        for i in 0..<200_000 {
            let value = Int128(99_999_999_900) + Int128(i % 997) * 13
            cents += value
            text += "g,p\(i),\(value / 100).\(String(format: "%02d", Int(value % 100)))\n"
        }
        func total(_ c: Int128) -> String { "g,Total,\(c / 100).\(String(format: "%02d", Int(c % 100)))\n" }
        let rules =
            "crossfoot: 1\npack: t\nrules:\n  - id: adds-up\n    table: money\n    sum: {columns: amount, group_by: group, total: area == \"Total\"}\n    tolerance: 0\n"
        try rules.write(toFile: dir + "/rules.yaml", atomically: true, encoding: .utf8)
        try (text + total(cents)).write(toFile: dir + "/money.csv", atomically: true, encoding: .utf8)
        let exact = try CLI.run(["lint", "money.csv", "--rules", "rules.yaml", "--jobs", "2"], in: dir)
        #expect(exact.status == 0, "\(exact.stdout)")
        try (text + total(cents + 1)).write(toFile: dir + "/money.csv", atomically: true, encoding: .utf8)
        let off = try CLI.run(["lint", "money.csv", "--rules", "rules.yaml", "--jobs", "2"], in: dir)
        #expect(off.status == 1)
        #expect(off.stdout.contains("does not match the sum of the 200000 other rows, 200000012732517.00 (off by 0.01; the tolerance is 0)"), "\(off.stdout)")
    }

    @Test func percentagesRecomputeExactly() {
        // Exact decimals, no binary floating point: the same on every platform.
        func ratio(_ n: Int, _ d: Int) -> String {
            (Number.divide(Number(n) * Number(100), Number(d)) ?? .zero).rounded(toDecimals: 2).plain(decimals: 2, grouping: false)
        }
        #expect(ratio(1, 3) == "33.33")
        #expect(ratio(2, 3) == "66.67")
        #expect(ratio(1, 8) == "12.50")
        #expect(ratio(1, 200) == "0.50")
        #expect(ratio(5_197_617, 6_409_690) == "81.09")
        #expect(ratio(617_948, 624_462) == "98.96")
        // A half at the second decimal rounds away from zero: 0.125% of 100 → 0.13.
        #expect(Number(significand: 125, exponent: -3).rounded(toDecimals: 2).plain(decimals: 2, grouping: false) == "0.13")
    }
}
