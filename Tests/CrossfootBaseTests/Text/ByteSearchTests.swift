import Testing

@testable import Crossfoot

@Suite("ASCII case-insensitive search") struct ASCIICaseSearchTests {
    @Test func findsAWordInAnyCaseWithoutMakingAString() {
        #expect("Country\tBaseline (2022)".utf8.containsIgnoringASCIICase("baseline"))
        #expect("ACTUAL 2024".utf8.containsIgnoringASCIICase("actual"))
        #expect(!"Actua".utf8.containsIgnoringASCIICase("actual"))
        #expect(!"Base line".utf8.containsIgnoringASCIICase("baseline"))
        #expect("".utf8.containsIgnoringASCIICase(""))
        // Only ASCII letters fold: `İ` is not `i`.
        #expect(!"İmpact".utf8.containsIgnoringASCIICase("impact"))
    }

    @Test func prefixesCompareWithoutRegardToCase() {
        #expect("Impact Area\tFinal Budget".utf8.starts(ignoringASCIICase: "impact area"))
        #expect("OUTCOME AREA".utf8.starts(ignoringASCIICase: "outcome area"))
        #expect(!"Outcome Are".utf8.starts(ignoringASCIICase: "outcome area"))
        #expect(!" Impact Area".utf8.starts(ignoringASCIICase: "impact area"))
    }
}
