import Testing

@testable import Crossfoot

/// JSON string escaping, which skips eight plain bytes at a time: every character that needs
/// care is escaped wherever it falls relative to those eight-byte steps.
@Suite("JSON strings") struct JSONWriterTests {
    /// The escaping, one character at a time.
    static func reference(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += "\\u00" + String(scalar.value, radix: 16).leftPadded(to: 2)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    @Test func everySpecialCharacterIsEscapedAtEveryOffset() {
        let specials = ["\"", "\\", "\n", "\r", "\t", "\u{1B}", "\u{7F}", "\u{0}", "\u{2028}", "\u{2029}", "é", "€", "😀", "\u{1F}"]
        for special in specials {
            for offset in 0..<20 {
                for length in [offset + 1, offset + 9, 24] where length > offset {
                    var text = String(repeating: "a", count: offset) + special
                    text += String(repeating: "b", count: max(0, length - offset - 1))
                    #expect(JSONWriter.quote(text) == Self.reference(text), "\(special.unicodeScalars.map(\.value)) at \(offset) of \(length)")
                }
            }
        }
        #expect(JSONWriter.quote("Kazakhstan MCO, \"IA1\": 100.00% ~ {x} [y]") == "\"Kazakhstan MCO, \\\"IA1\\\": 100.00% ~ {x} [y]\"")
    }
}

/// Numbers are written straight into the buffer when their digits fit in 64 bits: the text must
/// be `Number.description`'s, at every length, exponent and sign.
@Suite("JSON numbers") struct JSONNumberTests {
    static func written(_ n: Number) -> String {
        var w = JSONWriter(pretty: false)
        w.number(n)
        return w.text
    }

    @Test func numbersAreWrittenAsTheirDescription() {
        var significands: [Int128] = [0, 1, -1, 6, 10, 57, 100, 5724, -3_399_628, 999_999_999_999_999_999]
        significands += [Int128(Int64.max), Int128(Int64.min), Int128(Int64.max) + 1, Int128(Int64.min) - 1, 12_345_678_901_234_567_890_123]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 { significands.append(Int128(Int64.random(in: -1_000_000_000_000...1_000_000_000_000, using: &generator))) }
        for significand in significands {
            for exponent in Int32(-40)...Int32(40) {
                let n = Number(significand: significand, exponent: exponent)
                #expect(Self.written(n) == n.normalized.description, "\(significand)e\(exponent)")
            }
        }
        #expect(Self.written(Number(significand: 6, exponent: -2)) == "0.06")
        #expect(Self.written(Number(significand: 5724, exponent: -2)) == "57.24")
        #expect(Self.written(Number(significand: -3_399_628, exponent: 0)) == "-3399628")
        #expect(Self.written(Number(significand: 1000, exponent: -3)) == "1")
        #expect(Self.written(Number(significand: 4, exponent: 400)) == "4e+400")
    }

    @Test func scoresHaveAtMostThreeDecimals() {
        #expect(Self.written(JSONReporter.score(1)) == "1")
        #expect(Self.written(JSONReporter.score(0)) == "0")
        #expect(Self.written(JSONReporter.score(0.8)) == "0.8")
        #expect(Self.written(JSONReporter.score(0.12345)) == "0.123")
        #expect(Self.written(JSONReporter.score(.nan)) == "0")
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
