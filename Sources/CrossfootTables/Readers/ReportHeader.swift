import CrossfootBase

/// What the columns of a report's table header mean, whatever their order and however the
/// extraction wrote them: `Actual (2024)`, `Actual(2024)`, `Actual 2024` and `Actual` are all
/// the actual; `Baseline (2022)` the baseline; Country, Target and Population Type may be absent.
package enum ReportHeader {
    /// The role of an indicator table's column.
    package enum Role: Hashable, Sendable {
        case country, populationType, baseline, target, actual, ignored
    }

    /// The role of a header cell's text, or nil when it names no column of the indicators table.
    package static func role(_ text: String) -> Role? {
        // Every name, with its year and any markup, is short: a longer cell is not lowercased.
        guard text.utf8.count <= 64 else { return nil }
        return switch base(text) {
        case "country", "countries", "country/territory", "country / territory", "territory": .country
        case "population type", "population group", "population", "population types": .populationType
        case "baseline", "baseline value": .baseline
        case "target", "target value": .target
        case "actual", "actual value", "result", "results": .actual
        default: nil
        }
    }

    /// The header's text without a year (`Actual (2024)` → `actual`), in lower case with single
    /// spaces.
    package static func base(_ text: String) -> String {
        var plain = HTMLText.stripTags(text)
        if plain.utf8.containsByte(0x2A) { plain = plain.replacingOccurrences(of: "*", with: "") }
        var words = plain.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{A0}" }).map(String.init)
        // A year on its own (`2024`), in parentheses (`(2024)`), or glued on (`actual(2024)`).
        if let last = words.last {
            var trimmed = Substring(last)
            if trimmed.hasSuffix(")"), let open = trimmed.lastIndex(of: "(") {
                let inside = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
                if isYear(inside) { trimmed = trimmed[..<open] }
            } else if isYear(trimmed) {
                trimmed = ""
            }
            words[words.count - 1] = String(trimmed)
            if words[words.count - 1].isEmpty { words.removeLast() }
        }
        return words.joined(separator: " ")
    }

    /// The four-digit year a header cell names, if it names one (`Actual (2024)` → 2024).
    package static func year(_ text: String) -> Int? {
        let digits = text.filter { $0.isASCII && $0.isNumber }
        guard digits.count == 4, base(text) != text.lowercased() else { return nil }
        return Int(digits)
    }

    private static func isYear(_ s: Substring) -> Bool {
        s.count == 4 && s.allSatisfy { $0.isASCII && $0.isNumber } && (s.hasPrefix("19") || s.hasPrefix("20"))
    }

    /// The roles of an indicator table's header row, or nil when the row is not one: it must
    /// name the baseline or the actual, and at least one more column of the table.
    package static func indicatorRoles(_ cells: [String]) -> [Role]? {
        // Rows of data and titles start with a digit somewhere; a header never does.
        for cell in cells {
            guard let first = cell.utf8.first else { continue }
            if first >= 0x30, first <= 0x39 { return nil }
        }
        let roles = cells.map { role($0) }
        let named = roles.compactMap { $0 }
        guard named.contains(.actual) || named.contains(.baseline), Set(named).count >= 2 else { return nil }
        // A header holds no numbers: a data row whose text happens to say "Baseline" is not one.
        guard !cells.contains(where: { if case .number = CellText.parse($0) { return true } else { return false } }) else { return nil }
        return roles.map { $0 ?? .ignored }
    }

    /// Whether a header cell starts a financial table: `Impact Area`, `Outcome Area`.
    package static func financialTable(_ text: String) -> String? {
        switch base(text) {
        case "impact area", "impact areas": "impact"
        case "outcome area", "outcome areas": "outcome"
        default: nil
        }
    }

    /// Whether the cells are a financial table's header: an area column and a budget column.
    package static func isFinancialHeader(_ cells: [String]) -> Bool {
        guard let first = cells.first, let c = first.utf8.first, [0x49, 0x69, 0x4F, 0x6F, 0x3C, 0x2A].contains(c), financialTable(first) != nil else {
            return false
        }
        return cells.contains {
            let t = $0.lowercased()
            return t.hasPrefix("final budget") || t.hasPrefix("funds available")
        }
    }

    /// Whether a line (tab- or pipe-separated) is a table header of a report.
    package static func isHeaderLine(_ line: String) -> Bool {
        let cells = split(line)
        return indicatorRoles(cells) != nil || isFinancialHeader(cells)
    }

    /// A line's cells as text: split at tabs, or at `|` for a pipe table.
    package static func split(_ line: String) -> [String] {
        var text = Substring(line)
        while let last = text.last, last == "\r" || last == " " { text = text.dropLast() }
        if text.first == "|" {
            var inner = text.dropFirst()
            if inner.last == "|" { inner = inner.dropLast() }
            return inner.split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
        }
        return text.split(separator: "\t", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
    }

    /// `13.2. Proportion …` → ("13.2", "Proportion …"); `4.2a Number …` → ("4.2a", …).
    package static func indicatorCode(_ text: String) -> (code: String, title: String, codeLength: Int)? {
        // Only a line that starts with a digit can be a title: prose costs nothing. The code is
        // ASCII, so it is read byte by byte; the title is the rest of the text.
        let bytes = text.utf8
        guard let first = bytes.first, first >= 0x30, first <= 0x39 else { return nil }
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        var i = bytes.startIndex
        func at(_ k: String.Index) -> UInt8? { k < bytes.endIndex ? bytes[k] : nil }
        func digits() {
            while let b = at(i), isDigit(b) { i = bytes.index(after: i) }
        }
        digits()
        var dots = 0
        while at(i) == 0x2E, let next = at(bytes.index(after: i)), isDigit(next) {
            i = bytes.index(after: i)
            digits()
            dots += 1
        }
        guard dots >= 1 else { return nil }
        if let b = at(i), b >= 0x61, b <= 0x7A { i = bytes.index(after: i) }
        let codeEnd = i
        if at(i) == 0x2E { i = bytes.index(after: i) }
        guard at(i) == 0x20 else { return nil }
        let code = String(text[text.startIndex..<codeEnd])
        var lengthEnd = codeEnd
        while at(lengthEnd) == 0x2E { lengthEnd = bytes.index(after: lengthEnd) }
        let title = String(text[i...]).trimmingSpaces
        return (code, title, bytes.distance(from: bytes.startIndex, to: lengthEnd))
    }

    /// A heading written without `#` (plain text from a PDF): the title, an area, a section of
    /// core indicators.
    package static func isPlainHeading(_ text: String) -> Bool {
        if text == "Annual Results Report" || areaHeading(text) != nil { return true }
        // The headings are short: a longer line is not lowercased to find out.
        return text.utf8.count <= longestIndicatorHeading && indicatorHeadings.contains(text.lowercased())
    }

    private static let indicatorHeadings: Set<String> = [
        "core output indicators", "core outcome indicators", "core impact indicators", "other core impact indicators",
        "other core outcome indicators", "other core output indicators",
    ]
    private static let longestIndicatorHeading = indicatorHeadings.map(\.utf8.count).max() ?? 0

    /// `1. Impact Area: Attaining …` → (1, "impact", "Attaining …").
    package static func areaHeading(_ text: String) -> (Int, String, String)? {
        var rest = Substring(text)
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let number = Int(digits) else { return nil }
        rest = rest.dropFirst(digits.count)
        if rest.first == "." { rest = rest.dropFirst() }
        rest = rest.drop { $0 == " " }
        let kind: String
        if rest.hasPrefix("Impact Area:") {
            kind = "impact"
            rest = rest.dropFirst("Impact Area:".count)
        } else if rest.hasPrefix("Outcome Area:") {
            kind = "outcome"
            rest = rest.dropFirst("Outcome Area:".count)
        } else {
            return nil
        }
        return (number, kind, String(rest).trimmingSpaces)
    }
}
