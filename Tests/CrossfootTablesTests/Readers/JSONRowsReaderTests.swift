import Testing

@testable import Crossfoot

@Suite("JSON rows reader") struct JSONRowsReaderTests {
    /// A rule on the table of a file named `budget-trend.*`.
    static let trendRules = """
        crossfoot: 1
        pack: t
        rules:
          - {id: spent-within-budget, table: budget-trend, expect: "expenditure <= budget"}
        """

    func describe(_ findings: [Finding]) -> [String] {
        findings.map { "\($0.rule)@\($0.location.line):\($0.location.column): \($0.message)" }
    }

    @Test func anArrayOfObjectsIsATableNamedAfterTheStem() throws {
        let marked = Marked(
            """
            [
              {"year": 2013, "budget": 1200000, "expenditure": 900000},
              {"year": 1️⃣2014, "budget": 2️⃣1300000.50, "expenditure": 3️⃣"1,400,000"}
            ]
            """)
        let data = try Support.dataset(marked.text, path: "charts/budget-trend.json")
        #expect(data.format == .jsonRows)
        let table = try #require(data.tables.first)
        #expect(data.tables.count == 1)
        #expect(table.name == "budget-trend")
        #expect(table.columnNames == ["year", "budget", "expenditure"])
        #expect(table.rowCount == 2)
        #expect(table.value(row: 0, column: "budget") == .number(Number(1_200_000), percent: false))
        // Numbers keep the precision they are written with; a string is read like a CSV cell.
        #expect(table.rawText(row: 1, column: 1) == "1300000.50")
        #expect(table.columns[1].number(at: 1)?.exponent == -2)
        #expect(table.value(row: 1, column: "expenditure") == .number(Number(1_400_000), percent: false))
        #expect(table.rawText(row: 1, column: 2) == "1,400,000")
        // Each cell is where its value is written (a string's first character inside the quotes).
        let at = { (column: Int) -> String in
            let l = table.location(row: 1, column: column)
            return "\(l.line):\(l.column)"
        }
        #expect(at(0) == marked.at(1))
        #expect(at(1) == marked.at(2))
        #expect(at(2) == "3:\(marked.positions["3"].map { $0.column + 1 } ?? 0)")
    }

    @Test func aRuleOnTheStemTableFiresAtTheCell() throws {
        let marked = Marked(
            """
            [{"year": 2013, "budget": 1200000, "expenditure": 900000},
             {"year": 2014, "budget": 1300000, "expenditure": 1️⃣1400000}]
            """)
        let findings = try Support.lint(marked.text, path: "budget-trend.json", rules: try Support.rules(Self.trendRules))
        #expect(describe(findings) == ["spent-within-budget@\(marked.at(1)): expenditure 1400000 should be at most budget 1300000"])
    }

    @Test func jsonLinesWithAByteOrderMarkAndCRLF() throws {
        let marked = Marked(
            "\u{FEFF}{\"year\": 2013, \"budget\": 1200000, \"expenditure\": 900000}\r\n{\"year\": 2014, \"budget\": 1300000, \"expenditure\": 1️⃣1400000}\r\n\r\n"
        )
        for path in ["budget-trend.jsonl", "budget-trend.ndjson"] {
            let data = try Support.dataset(marked.text, path: path)
            #expect(data.format == .jsonRows)
            #expect(data.tables.first?.rowCount == 2)
            let findings = try Support.lint(marked.text, path: path, rules: try Support.rules(Self.trendRules))
            #expect(Support.points(findings) == ["spent-within-budget@\(marked.at(1))"])
        }
        // The byte-order mark is not a column: the first cell of line 1 is at column 10.
        let first = try #require(try Support.dataset(marked.text, path: "budget-trend.jsonl").tables.first?.location(row: 0, column: 0))
        #expect("\(first.line):\(first.column)" == "1:10")
    }

    @Test func aFileOfOneObject() throws {
        let array = try Support.dataset("[{\"site\": \"A\", \"v\": 150}]\n", path: "one.json")
        #expect(array.tables.first?.rowCount == 1)
        #expect(array.tables.first?.columnNames == ["site", "v"])
        let line = try Support.dataset("{\"site\": \"A\", \"v\": 150}\n", path: "one.jsonl")
        #expect(line.tables.first?.rowCount == 1)
        // A lone object in a .json file is chart data, as before (or a settings file); say
        // --input-format json-rows to read it as one row.
        #expect(InputReader.detect(path: "one.json", bytes: Array("{\"site\": \"A\", \"v\": 150}".utf8)) == .chart)
        let forced = try Support.dataset("{\"site\": \"A\", \"v\": 150}", path: "one.json", format: .jsonRows)
        #expect(forced.tables.first?.value(row: 0, column: "v") == .number(Number(150), percent: false))
    }

    @Test func anEmptyArrayOrFileIsANote() throws {
        let array = try Support.dataset("[ ]\n", path: "empty.json")
        #expect(array.format == .jsonRows)
        #expect(array.tables.isEmpty)
        #expect(array.notes.map(\.message) == ["an empty array: no rows, nothing to check"])
        let lines = try Support.dataset("\n\n", path: "empty.jsonl")
        #expect(lines.tables.isEmpty)
        #expect(lines.notes.map(\.message) == ["empty file: no rows, nothing to check"])
    }

    @Test func objectsWithOtherKeysAreFindingsAtTheObject() throws {
        let marked = Marked(
            """
            [{"site": "A", "v": 1, "w": 2},
             1️⃣{"site": "B", "w": 3, "x": 4, "v": 5, "v": 6},
             {"site": "C", "v": 7, "w": 8},
             2️⃣{"site": "D", "v": 9, "w": 10, "w": 11},
             3️⃣"E"]
            """)
        let data = try Support.dataset(marked.text, path: "sites.json")
        let table = try #require(data.tables.first)
        #expect(table.rowCount == 4)
        // A repeated key: rules see the first; a key the first object lacks is not a column.
        #expect(table.columnNames == ["site", "v", "w"])
        #expect(table.value(row: 1, column: "v") == .number(Number(5), percent: false))
        #expect(
            data.issues.map { "\($0.rule)@\($0.location.line):\($0.location.column) \($0.table ?? "-"): \($0.message)" } == [
                "object-keys@\(marked.at(1)) sites: this object's keys differ from the first object's: 'x' is not a column (not checked); 'v' appears twice (rules see only the first)",
                "object-keys@\(marked.at(2)) sites: this object repeats a key: 'w' appears twice (rules see only the first)",
                "object-keys@\(marked.at(3)) sites: this item is a string, not an object: it is not read as a row",
            ])
        let missing = try Support.dataset("[{\"a\": 1, \"b\": 2, \"c\": 3},\n {\"a\": 4}]", path: "m.json")
        #expect(
            missing.issues.map(\.message) == [
                "this object's keys differ from the first object's: it has no 'b' or 'c' (read as empty)"
            ])
        // A missing key is an empty cell at the object's closing brace, where it would be added.
        let cell = try #require(missing.tables.first?.location(row: 1, column: 2))
        #expect("\(cell.line):\(cell.column)" == "2:9")
        #expect(missing.tables.first?.value(row: 1, column: "b") == .missing)
    }

    @Test func objectsWithOtherKeysAreWarningsInTheLint() throws {
        // (No rule reads the table `sites`: that is an unchecked-table of its own.)
        let findings = try Support.lint("[{\"site\": \"A\", \"v\": 1},\n {\"site\": \"B\"}]", path: "sites.json", rules: try Support.rules(Self.trendRules))
            .filter { $0.rule != "unchecked-table" }
        #expect(
            describe(findings) == [
                "object-keys@2:2: this object's keys differ from the first object's: it has no 'v' (read as empty)"
            ])
        #expect(findings.first?.severity == .warning)
        #expect(findings.first?.table == "sites")
    }

    @Test func nestedValuesAreTextOfTheirJSON() throws {
        let data = try Support.dataset(
            "[{\"site\": \"A\", \"v\": {\"min\": 1,\n \"max\": 2}, \"tags\": [1, 2], \"ok\": true, \"n\": null}]", path: "nested.json")
        let table = try #require(data.tables.first)
        #expect(table.value(row: 0, column: "v") == .text("{\"min\": 1,\n \"max\": 2}"))
        #expect(table.value(row: 0, column: "tags") == .text("[1, 2]"))
        #expect(table.value(row: 0, column: "ok") == .text("true"))
        #expect(table.value(row: 0, column: "n") == .missing)
        // The cell is where the nested value starts, like any other.
        let l = table.location(row: 0, column: 1)
        #expect("\(l.line):\(l.column)" == "1:21")
    }

    @Test func aKnownTableOnlyWhenTheKeysAreExactlyItsColumns() throws {
        func object(_ columns: [String]) -> String {
            "{" + columns.map { name in "\"\(name)\": " + (name == "indicator_code" ? "1.20" : "\"x\"") }.joined(separator: ", ") + "}"
        }
        let exact = try Support.dataset("[" + object(TableSchema.indicators.columns.reversed()) + "]", path: "data/any.json")
        let table = try #require(exact.tables.first)
        #expect(table.name == "indicators")
        // A code written as a number is text as written.
        #expect(table.value(row: 0, column: "indicator_code") == .text("1.20"))
        let more = try Support.dataset("[" + object(TableSchema.financials.columns + ["note"]) + "]", path: "data/any.json")
        #expect(more.tables.first?.name == "any")
        let fewer = try Support.dataset("[" + object(Array(TableSchema.financials.columns.dropLast())) + "]", path: "data/any.json")
        #expect(fewer.tables.first?.name == "any")
        let financials = try Support.dataset("[" + object(TableSchema.financials.columns) + "]", path: "data/any.json")
        #expect(financials.tables.first?.name == "financials")
    }

    @Test func brokenJSONIsAnErrorWhereItBreaks() {
        for (text, path, expected) in [
            ("{\"a\": 1}\n{\"a\": 2,", "t.jsonl", "t.jsonl:2:9: error: the JSON ends here; expected a quoted key (truncated?)"),
            (
                "[{\"a\": 1}, {\"a\": 2}] [3]", "t.json",
                "t.json:1:22: error: more JSON after the array of rows has ended (expected one array, or one object a line)"
            ),
            ("[{\"a\": 1} {\"a\": 2}]", "t.json", "t.json:1:11: error: expected ',' or ']' in JSON"),
        ] {
            do {
                _ = try Support.dataset(text, path: path, format: .jsonRows)
                Issue.record("no error for \(text)")
            } catch {
                #expect("\(error)" == expected)
            }
        }
    }

    @Test func rowsAreToldFromChartSeriesByContent() {
        func detect(_ text: String, _ path: String, explicit: Bool = true) -> InputFormat? {
            InputReader.detect(path: path, bytes: Array(text.utf8), explicit: explicit)
        }
        #expect(detect("[{\"year\": 2013, \"budget\": 1}]", "a.json") == .jsonRows)
        #expect(detect("\u{FEFF}\r\n[\r\n{\"year\": 2013}]", "a.json") == .jsonRows)
        #expect(detect("{\"year\": 2013}\n{\"year\": 2014}\n", "a.json") == .jsonRows)
        #expect(detect("[]", "a.json") == .jsonRows)
        #expect(detect("[{\"year\": 2013}]", "a.txt") == .jsonRows)
        #expect(detect("anything", "a.jsonl") == .jsonRows)
        // Chart series stay chart data, however they are laid out.
        #expect(detect("[{\"categories\":[2020],\"budget\":[1]}]", "a.json") == .chart)
        #expect(detect("[{\"title\": \"x\"}, {\"categories\":[2020],\"budget\":[1]}]", "a.json") == .chart)
        #expect(detect("{\n  \"categories\": [2020],\n  \"budget\": [1]\n}", "a.json") == .chart)
        #expect(detect("{\"trend\": {\"categories\":[2020],\"budget\":[1]}}", "a.json") == .chart)
        #expect(detect("{\"a\": 1}\n{\"categories\":[2020],\"p1\":[1]}", "a.json") == .chart)
        #expect(detect("[1, 2, 3]", "a.json") == .chart)
        // A key called "categories" that is not an array is just a column.
        #expect(detect("[{\"categories\": \"food\", \"amount\": 5}]", "a.json") == .jsonRows)
        // In a folder: rows and chart series are read, other JSON is left alone.
        #expect(detect("[{\"year\": 2013}]", "a.json", explicit: false) == .jsonRows)
        #expect(detect("{\"name\": \"package\"}", "package.json", explicit: false) == nil)
        #expect(detect("[1, 2, 3]", "a.json", explicit: false) == nil)
    }
}
