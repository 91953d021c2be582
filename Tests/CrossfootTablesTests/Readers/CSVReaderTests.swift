import Testing

@testable import Crossfoot

@Suite("CSV reader") struct CSVReaderTests {
    @Test func canonicalHeaderMakesTheCanonicalTable() throws {
        let text = try Support.read("Samples/kazakhstan-mco-2024/financials.csv")
        let data = try Support.dataset(text, path: "data/any-name.csv")
        let table = try #require(data.tables.first)
        #expect(table.name == "financials")
        #expect(table.rowCount == 12)
        #expect(table.value(row: 0, column: "funds_available_pct") == .number(Number(significand: 9378, exponent: -2), percent: true))
    }

    @Test func codesStayTextInCanonicalTables() throws {
        let header = TableSchema.indicators.columns.joined(separator: ",")
        let data = try Support.dataset(header + "\nOp,2024,impact,IA1,impact,1.2,Title,Uzbekistan,Refugees,percent,100,,0.06\n", path: "i.csv")
        let table = try #require(data.tables.first)
        #expect(table.value(row: 0, column: "indicator_code") == .text("1.2"))
        #expect(table.value(row: 0, column: "year") == .number(Number(2024), percent: false))
    }

    @Test func otherFilesAreTablesNamedAfterTheirStem() throws {
        let data = try Support.dataset("site,amount\nA,1\n", path: "data/cash-lines.csv")
        #expect(data.tables.first?.name == "cash-lines")
        #expect(data.tables.first?.columnNames == ["site", "amount"])
    }

    @Test func quotingFollowsRFC4180() throws {
        let marked = Marked("name,value,note\r\n\"Smith, J.\",1️⃣\"1,234\",\"said \"\"hi\"\"\"\r\nplain,2️⃣5,\"two\nlines\"\r\n")
        let data = try Support.dataset(marked.text, path: "q.csv")
        let table = try #require(data.tables.first)
        #expect(table.rowCount == 2)
        #expect(table.value(row: 0, column: "name") == .text("Smith, J."))
        #expect(table.value(row: 0, column: "value") == .number(Number(1234), percent: false))
        #expect(table.value(row: 0, column: "note") == .text("said \"hi\""))
        #expect(table.rawText(row: 0, column: 2) == "said \"hi\"")
        #expect(table.value(row: 1, column: "note") == .text("two\nlines"))
        let l0 = table.location(row: 0, column: 1)
        #expect("\(l0.line):\(l0.column + 0)" == "2:14")
        #expect(marked.at(1) == "2:13")
        let l1 = table.location(row: 1, column: 1)
        #expect("\(l1.line):\(l1.column)" == marked.at(2))
    }

    @Test func unterminatedQuoteIsAnErrorAtTheQuote() {
        do {
            _ = try Support.dataset("a,b\n1,\"open\n2,3\n", path: "bad.csv")
            Issue.record("no error")
        } catch {
            #expect("\(error)" == "bad.csv:2:3: error: a quoted field opened here never closes (an unterminated \")")
        }
    }

    @Test func semicolonsAndTabsAreDetected() throws {
        let semi = try Support.dataset("a;b\n1;2\n", path: "s.csv")
        #expect(semi.tables.first?.columnNames == ["a", "b"])
        let tabs = try Support.dataset("a\tb\n1\t2\n", path: "t.tsv")
        #expect(tabs.tables.first?.value(row: 0, column: "b") == .number(Number(2), percent: false))
    }

    @Test func raggedRowsAndDuplicateColumnsAreFindings() throws {
        let findings = try Support.lint("a,b,a\n1,2,3\n4,5\n", path: "r.csv")
        #expect(
            findings.map { "\($0.rule)@\($0.location.line):\($0.location.column): \($0.message)" } == [
                "duplicate-column@1:5: column 'a' appears twice in the header (columns 1 and 3); rules see only the first",
                "ragged-row@3:1: row has 2 fields, the header has 3",
            ])
    }

    @Test func headerOnlyIsAnEmptyTableWithANote() throws {
        let data = try Support.dataset("a,b\n", path: "h.csv")
        #expect(data.tables.first?.rowCount == 0)
        #expect(data.notes.map(\.message) == ["the file has a header but no rows: an empty table 'h'"])
    }
}
