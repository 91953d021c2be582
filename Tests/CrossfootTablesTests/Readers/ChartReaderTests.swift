import Testing

@testable import Crossfoot

@Suite("Chart reader") struct ChartReaderTests {
    @Test func pageTextGivesThreeTablesInOrder() throws {
        let data = try Support.dataset(try Support.read(Support.seedPagePath), path: Support.seedPagePath)
        #expect(data.format == .chart)
        #expect(data.tables.map(\.name) == ["trend", "budget_by_pillar", "expenditure_by_pillar"])
        let trend = data.tables[0]
        #expect(trend.columnNames == ["year", "budget", "expenditure"])
        #expect(trend.rowCount == 6)
        #expect(trend.value(row: 0, column: "year") == .number(Number(2016), percent: false))
        #expect(trend.rawText(row: 0, column: 1) == "7.4858267199999995")
        #expect(trend.value(row: 5, column: "expenditure") == .missing)
        #expect(data.tables[1].value(row: 0, column: "p3") == .missing)
        // A cell's location is its array element.
        let l = trend.location(row: 3, column: 1)
        #expect("\(l.line):\(l.column)" == "37:110")
        #expect(trend.rawText(row: 3, column: 1) == "5.52884917")
    }

    @Test func jsonFileWithNamedObjects() throws {
        let data = try Support.dataset(try Support.read("Samples/kazakhstan-mco-2021/chart.json"), path: "chart.json")
        #expect(data.tables.map(\.name) == ["trend", "budget_by_pillar", "expenditure_by_pillar"])
        #expect(data.tables[2].rowCount == 6)
    }

    @Test func jsonArrayAndSingleObject() throws {
        let array = try Support.dataset("[{\"categories\":[2020],\"budget\":[1],\"expenditure\":[1]},{\"categories\":[2020],\"p1\":[1]}]", path: "a.json")
        #expect(array.tables.map(\.name) == ["trend", "budget_by_pillar"])
        let single = try Support.dataset("{\"categories\":[2020,2021],\"p1\":[1,null]}", path: "s.json")
        #expect(single.tables.map(\.name) == ["budget_by_pillar"])
    }

    @Test func unequalArraysAreAnError() {
        do {
            _ = try Support.dataset("{\"categories\":[2020,2021],\n\"budget\":[1]}", path: "u.json")
            Issue.record("no error")
        } catch {
            #expect("\(error)" == "u.json:2:10: error: chart series 'budget' has 1 values, but 'categories' has 2")
        }
    }

    @Test func truncatedChartDataIsAnError() {
        do {
            _ = try Support.dataset("Page\n2020 {\"categories\":[2016,2017],\"budget\":[1.5,", path: "p.txt")
            Issue.record("no error")
        } catch {
            #expect("\(error)" == "p.txt:2:46: error: chart data: the JSON ends here, in the middle of a value (truncated?)")
        }
    }
}
