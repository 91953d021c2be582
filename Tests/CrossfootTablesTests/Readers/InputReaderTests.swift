import Foundation
import Testing

@testable import Crossfoot

@Suite("Input detection") struct InputReaderTests {
    func detect(_ text: String, _ path: String, explicit: Bool = true) -> InputFormat? {
        InputReader.detect(path: path, bytes: Array(text.utf8), explicit: explicit)
    }

    @Test func formatsAreToldFromContent() {
        #expect(detect("\n\n# Annual Results Report\n\n**2024**\n", "r.txt") == .report)
        #expect(detect("#### Annual Results Report\r\n", "r.md") == .report)
        #expect(detect("Country\tPopulation Type\tBaseline\tActual (2024)\n", "r.txt") == .report)
        #expect(detect("Page\n2020 {\"categories\":[2016],\"budget\":[1]}\n", "page.txt") == .chart)
        #expect(detect("a,b\n1,2\n", "data.csv") == .csv)
        #expect(detect("{\"x\": 1}", "config.json") == .chart)
    }

    @Test func proseAboutTheFormatsIsNotData() {
        // A README that mentions the title or shows the chart format is left alone.
        #expect(detect("Reports start with the `# Annual Results Report` title.\n", "README.md") == nil)
        #expect(detect("Objects such as {\"categories\":[2016,…],\"budget\":[…]}\n", "README.md") == nil)
        #expect(detect("{\"name\": \"package\"}", "package.json", explicit: false) == nil)
        #expect(detect("{\"categories\":[2020],\"p1\":[1]}", "chart.json", explicit: false) == .chart)
    }

    @Test func foldersAreWalkedInNameOrder() throws {
        let dir = NSTemporaryDirectory() + "crossfoot-walk-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/b/.hidden", withIntermediateDirectories: true)
        for name in ["z.csv", "a.md", "b/c.json", "b/d.jsonl", "e.ndjson", "b/.hidden/x.csv", "notes.yaml", ".dot.csv"] {
            try "x".write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
        }
        let (files, problems) = InputReader.collect([dir])
        #expect(problems.isEmpty)
        #expect(files.map { String($0.path.dropFirst(dir.count + 1)) } == ["a.md", "b/c.json", "b/d.jsonl", "e.ndjson", "z.csv"])
        #expect(files.allSatisfy { !$0.explicit })
    }
}
