import Testing

@testable import Crossfoot

/// Cells set one space apart, told apart by what each column holds.
@Suite("Cells one space apart") struct PackedCellsTests {
    static func words(_ line: String) -> [SpaceTable.Word] {
        let bytes = Array(line.utf8)
        return PackedCells.words(bytes, 0..<bytes.count)
    }

    static func row(_ line: String, _ roles: [ReportHeader.Role]) -> [String]? {
        PackedCells.indicatorRow(words(line), roles: roles)?.map(\.text)
    }

    let all: [ReportHeader.Role] = [.country, .populationType, .baseline, .target, .actual]

    @Test func valuesFromTheRightThenThePopulationTypeThenTheCountry() {
        #expect(
            Self.row("Kyrgyz Republic Refugees and Asylum-seekers 65.31% 90% 100.00%", all) == [
                "Kyrgyz Republic", "Refugees and Asylum-seekers", "65.31%", "90%", "100.00%",
            ])
        #expect(
            Self.row("Kazakhstan None Unknown Progressing toward alignment Broadly aligned", all) == [
                "Kazakhstan", "None", "Unknown", "Progressing toward alignment", "Broadly aligned",
            ])
        #expect(Self.row("Stateless Persons 2,240 1,348", [.populationType, .baseline, .actual]) == ["Stateless Persons", "2,240", "1,348"])
        #expect(Self.row("<b>Kazakhstan</b> Stateless Persons <b>12</b>", [.country, .populationType, .actual]) == ["Kazakhstan", "Stateless Persons", "12"])
    }

    @Test func aRowThatCannotBeSplitOneWayOnlyIsNil() {
        // A cell empty: which one?
        #expect(Self.row("Kazakhstan Refugees and Asylum-seekers 51.55% 7.99%", all) == nil)
        // A population type or a text value outside the framework's lists.
        #expect(Self.row("Kazakhstan Mixed Movements 51.55% 60% 7.99%", all) == nil)
        #expect(Self.row("Kazakhstan None Unknown Somewhat aligned Broadly aligned", all) == nil)
        // No word left for the country.
        #expect(Self.row("Refugees 1 2 3", all) == nil)
    }

    @Test func aPhraseBegunIsCompletedByTheNextLine() {
        #expect(
            Self.row("Kazakhstan Refugees and 65.31% 100.00%", [.country, .populationType, .baseline, .actual]) == [
                "Kazakhstan", "Refugees and", "65.31%", "100.00%",
            ])
        #expect(PackedCells.isOpen("Refugees and", column: .populationType))
        #expect(!PackedCells.isOpen("Refugees", column: .populationType))
        #expect(PackedCells.isOpen("Progressing toward", column: .actual))
        let open: [(text: String, role: ReportHeader.Role)] = [("Progressing toward", .target), ("Progressing toward", .actual)]
        #expect(PackedCells.complete(open, with: Self.words("alignment alignment")) == ["Progressing toward alignment", "Progressing toward alignment"])
        // Words left over, or a phrase still not whole: not the rest of these cells.
        #expect(PackedCells.complete(open, with: Self.words("alignment alignment here")) == nil)
        #expect(PackedCells.complete([("Refugees and", .populationType)], with: Self.words("Migrants")) == nil)
    }

    @Test func aFinancialHeaderWhoseNamesWrapIsReadByTheirFirstWords() {
        let header = PackedCells.financialHeader(Self.words("Impact Area Final Budget Funds Funds Expenditure Expenditure as"))
        #expect(
            header?.map(\.text) == [
                "Impact Area", "Final Budget", "Funds Available", "Funds Available as % of Budget", "Expenditure", "Expenditure as % of Funds Available",
            ])
        #expect(PackedCells.financialHeader(Self.words("Impact Area Budget Notes")) == nil)
        #expect(
            PackedCells.financialRow(Self.words("OA3: Policy/Law 1,466,132 1,556,617 106.17% 1,556,617 100.00%"), columns: 6)?.map(\.text) == [
                "OA3: Policy/Law", "1,466,132", "1,556,617", "106.17%", "1,556,617", "100.00%",
            ])
        #expect(PackedCells.financialRow(Self.words("All Impact Areas 176,122"), columns: 6) == nil)
    }

    @Test func anIndicatorHeaderKeepsEachYearWithItsName() {
        #expect(
            PackedCells.indicatorHeader(Self.words("Country Population Type Baseline Target (2024) Actual(2024)"))?.map(\.text) == [
                "Country", "Population Type", "Baseline", "Target (2024)", "Actual(2024)",
            ])
        #expect(PackedCells.indicatorHeader(Self.words("Country Population Type Sex Baseline Actual")) == nil)
    }
}
