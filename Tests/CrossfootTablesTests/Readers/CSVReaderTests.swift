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

    @Test func aCellsColumnIsItsValuesFirstCharacterAfterSpaces() throws {
        let marked = Marked("a,b\n1, 1️⃣120%2️⃣ \n")
        let table = try #require(try Support.dataset(marked.text, path: "s.csv").tables.first)
        let (start, end) = table.locations(row: 0, column: 1)
        #expect("\(start.line):\(start.column)" == marked.at(1))
        #expect("\(end.line):\(end.column)" == marked.at(2))
        #expect(table.rowLocations(row: 0)?.map { "\($0.start.column)-\($0.end.column)" } == ["1-2", "4-8"])
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
                "unchecked-table@1:1: table 'r' of r.csv has 2 rows that no loaded rule reads, so none of them is checked",
                "duplicate-column@1:5: column 'a' appears twice in the header (columns 1 and 3); rules see only the first",
                "ragged-row@3:1: row has 2 fields, the header has 3",
            ])
    }

    @Test func headerOnlyIsAnEmptyTableWithANote() throws {
        let data = try Support.dataset("a,b\n", path: "h.csv")
        #expect(data.tables.first?.rowCount == 0)
        #expect(data.notes.map(\.message) == ["the file has a header but no rows: an empty table 'h'"])
    }

    // MARK: Header names

    /// The CSV of the README's example: the indicators table with a country, baseline, target
    /// and actual column of its own names.
    static let ownHeader =
        "Operation, Year, Area kind, Area, Indicator kind, Indicator code, Indicator, Country/Territory, Population type, Unit, Baseline value, Target value, Actual 2024"

    @Test func headerNamesMatchInAnyCaseWithASpaceForEachUnderscore() throws {
        let header = "Operation,Year,Table,Area,Final Budget,FUNDS AVAILABLE,Funds available pct,expenditure,Expenditure_Pct"
        let data = try Support.dataset(header + "\nOp,2024,impact,IA1,100,90,90.00%,80,88.89%\n", path: "budget.csv")
        let table = try #require(data.tables.first)
        #expect(table.name == "financials")
        #expect(table.columnNames == TableSchema.financials.columns)
        #expect(table.value(row: 0, column: "final_budget") == .number(Number(100), percent: false))
        #expect(data.headers.map(\.nearMiss) == [nil])
    }

    @Test func declaredHeaderNamesTellWhichColumnIsWhich() throws {
        var schemas = TableSchema.builtInByName
        schemas["indicators"]?.headers = ["country": ["country/territory"], "baseline": ["Baseline*"], "target": ["TARGET VALUE"], "actual": ["Actual*"]]
        let row = "Op,2024,impact,IA1,impact,1.2,Title,Uzbekistan,Refugees,percent,100%,,0.06%"
        let data = try CSVReader(schemas: schemas).read(SourceFile(path: "mco.csv", text: Self.ownHeader + "\n" + row + "\n"))
        let table = try #require(data.tables.first)
        #expect(table.name == "indicators")
        #expect(table.columnNames == TableSchema.indicators.columns)
        #expect(table.value(row: 0, column: "actual") == .number(Number(significand: 6, exponent: -2), percent: true))
        #expect(table.value(row: 0, column: "indicator_code") == .text("1.2"))
        // Without them, the same file is most of the indicators table, and says what it lacks.
        let plain = try CSVReader().read(SourceFile(path: "mco.csv", text: Self.ownHeader + "\n" + row + "\n"))
        #expect(plain.tables.first?.name == "mco")
        #expect(
            plain.headers == [
                TableHeader(
                    table: "mco", location: SourceLocation(path: "mco.csv", line: 1, column: 1),
                    nearMiss: .init(
                        table: "indicators", matched: 9, columns: 13, missing: ["country", "baseline", "target", "actual"],
                        unmatched: ["Country/Territory", "Baseline value", "Target value", "Actual 2024"]))
            ])
    }

    @Test func unitIsARequiredColumnOfIndicators() throws {
        let columns = TableSchema.indicators.columns.filter { $0 != "unit" }
        let data = try Support.dataset(
            columns.joined(separator: ",") + "\nOp,2024,impact,IA1,impact,1.2,Title,Uzbekistan,Refugees,100%,,0.06%\n", path: "i.csv")
        #expect(data.tables.first?.name == "i")
        #expect(data.headers.first?.nearMiss?.missing == ["unit"])
    }

    @Test func twoHeaderNamesForOneColumnAreADuplicate() throws {
        var schemas = TableSchema.builtInByName
        schemas["financials"]?.headers = ["final_budget": ["Budget*"]]
        let header = "operation,year,table,area,Budget 2023,Budget 2024,funds_available,funds_available_pct,expenditure,expenditure_pct"
        let data = try CSVReader(schemas: schemas).read(SourceFile(path: "f.csv", text: header + "\n"))
        #expect(data.tables.first?.name == "financials")
        #expect(
            data.issues.map { "\($0.rule)@\($0.location.line):\($0.location.column): \($0.message)" } == [
                "duplicate-column@1:39: column 6, 'Budget 2024', is read as 'final_budget', and so is column 5, 'Budget 2023'; rules see only the first"
            ])
    }

    @Test func aPackMapsTheHeaderOfATableOfItsOwn() throws {
        let rules = try Support.rules(
            """
            crossfoot: 1
            pack: cash
            tables:
              cash:
                columns: [site, amount_paid]
                headers: {amount_paid: ["Amount paid (*)"]}
            rules:
              - {id: paid, table: cash, range: {columns: amount_paid, min: 0}}
            """)
        #expect(rules.schemas["cash"]?.headers == ["amount_paid": ["Amount paid (*)"]])
        let data = try CSVReader(schemas: rules.schemas).read(SourceFile(path: "data/cash.csv", text: "Site,Amount paid (USD)\nALM-01,-5\n"))
        #expect(data.tables.first?.columnNames == ["site", "amount_paid"])
        #expect(Validator(ruleSet: rules).validate(data).findings.map(\.rule) == ["paid"])
    }
}
