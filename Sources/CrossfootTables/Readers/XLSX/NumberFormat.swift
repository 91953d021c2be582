/// What a cell's number format says about its value: a percentage, a date, a number with a
/// fixed count of decimals, or a number shown as it is.
///
/// Only what decides units and precision is read from a format code: the first section (for
/// positive numbers), outside quoted text, escapes and brackets.
enum NumberFormat: Equatable, Sendable {
    /// No fixed precision (`General`, scientific, fractions): the value's shortest exact form.
    case general
    /// A number shown with `decimals` digits after the point (`#,##0` → 0, `0.00` → 2), with
    /// thousands separators when `grouping` (`#,##0`).
    case fixed(decimals: Int, grouping: Bool)
    /// A percentage shown with `decimals` digits after the point (`0.00%` → 2).
    case percent(decimals: Int)
    /// A date, a time, or both.
    case date(hasDate: Bool, hasTime: Bool)
    /// `@`: shown as text.
    case text

    /// The format of built-in id `id`, or of the workbook's own code for it.
    ///
    /// - Parameter code: the `formatCode` a `<numFmt>` gives the id, if any.
    init(id: Int, code: String?) {
        if let code {
            self.init(code: code)
            return
        }
        switch id {
        case 14...17, 27...31, 34...36, 50...58: self = .date(hasDate: true, hasTime: false)
        case 22, 32, 33: self = .date(hasDate: true, hasTime: true)
        case 18...21, 45...47: self = .date(hasDate: false, hasTime: true)
        default:
            if let builtIn = Self.builtIn[id] {
                self.init(code: builtIn)
            } else {
                self = .general
            }
        }
    }

    /// The codes of the built-in ids that are not dates (ECMA-376 Part 1, 18.8.30).
    static let builtIn: [Int: String] = [
        0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 5: "#,##0_);(#,##0)", 6: "#,##0_);[Red](#,##0)", 7: "#,##0.00_);(#,##0.00)",
        8: "#,##0.00_);[Red](#,##0.00)", 9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??", 37: "#,##0 ;(#,##0)",
        38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)", 40: "#,##0.00;[Red](#,##0.00)", 48: "##0.0E+0", 49: "@",
    ]

    /// Reads a format code.
    init(code: String) {
        let b = Array(code.utf8)
        var i = 0
        var hasDate = false
        var hasTime = false
        var percent = false
        var placeholders = false
        var decimals = 0
        var inDecimals = false
        var scientific = false
        var fraction = false
        var text = false
        var grouping = false
        func lower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c + 0x20 : c }
        while i < b.count {
            let c = b[i]
            switch c {
            case 0x3B: i = b.count  // ; ends the first section
            case 0x22:  // "quoted text"
                i += 1
                while i < b.count, b[i] != 0x22 { i += 1 }
            case 0x5C, 0x5F, 0x2A: i += 1  // \x escape, _x space, *x fill
            case 0x5B:  // [Red], [>100], [$-409], [h]
                let start = i + 1
                while i < b.count, b[i] != 0x5D { i += 1 }
                let inside = b[start..<min(i, b.count)].map(lower)
                if !inside.isEmpty, inside.allSatisfy({ $0 == 0x68 || $0 == 0x6D || $0 == 0x73 }) { hasTime = true }
            case 0x30, 0x23, 0x3F:  // 0 # ?
                placeholders = true
                if inDecimals { decimals += 1 }
            case 0x2E: inDecimals = placeholders || i + 1 < b.count && (b[i + 1] == 0x30 || b[i + 1] == 0x23 || b[i + 1] == 0x3F)
            case 0x25: percent = true
            case 0x40: text = true
            case 0x2C: if placeholders, !inDecimals { grouping = true }
            case 0x2F: if placeholders { fraction = true }
            default:
                let l = lower(c)
                if l == 0x67, i + 7 <= b.count, b[i..<(i + 7)].map(lower) == Array("general".utf8) {
                    i += 6
                } else if l == 0x65, i + 1 < b.count, b[i + 1] == 0x2B || b[i + 1] == 0x2D {
                    scientific = true
                } else if l == 0x64 || l == 0x79 {
                    hasDate = true
                } else if l == 0x6D {
                    // m is a month, or minutes after h or before s: a date or time either way.
                    hasDate = true
                } else if l == 0x68 || l == 0x73 {
                    hasTime = true
                }
            }
            if c != 0x2E, !(c == 0x30 || c == 0x23 || c == 0x3F) { inDecimals = false }
            i += 1
        }
        if hasDate || hasTime {
            // `h:mm` holds minutes, not months.
            let onlyTime = hasTime && !code.lowercased().contains(where: { $0 == "d" || $0 == "y" })
            self = .date(hasDate: !onlyTime, hasTime: hasTime)
        } else if percent {
            self = .percent(decimals: decimals)
        } else if scientific || fraction {
            self = .general
        } else if placeholders {
            self = .fixed(decimals: decimals, grouping: grouping)
        } else if text {
            self = .text
        } else {
            self = .general
        }
    }
}
