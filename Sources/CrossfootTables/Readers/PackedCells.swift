import CrossfootBase

/// The cells of a table line whose cells were set one space apart, as pdfminer's text (what
/// markitdown prints from a PDF) writes a table: `Kazakhstan Refugees and 65.31% 100.00%`.
///
/// Nothing in such a line says where a cell ends, so the cells are told apart by what each
/// column can hold: the values from the right (a number, a percentage, or a phrase of the
/// results framework's text scales such as `Yes` or `Progressing toward alignment`), then the
/// population type as one of the framework's (`Refugees and Asylum-seekers`, `Stateless
/// Persons`, …), and the country as the words left before it. A line that cannot be split that
/// way, one way only, is not read: a value missing from the middle of a row, an unknown
/// population type or text value, or too few words all make it an `unread-row`.
///
/// A phrase may wrap onto the next line (`Refugees and` / `Asylum-seekers`): a cell that holds
/// the start of a known phrase is open, and a line of words that completes every open cell of
/// the row above is read into them.
package enum PackedCells {
    /// The population types of UNHCR's results framework, and the names extractions give them.
    static let populationTypes = phrases([
        "Refugees and Asylum-seekers", "Refugees and Asylum seekers", "Refugees", "Asylum-seekers", "Asylum seekers",
        "Internally Displaced Persons", "Internally displaced people", "IDPs", "Returnees", "Returned Refugees", "Returned IDPs",
        "Stateless Persons", "Stateless people", "Others of Concern", "Other People in Need of International Protection",
        "Host Community", "Host Communities", "None", "All", "Others",
    ])

    /// The words of the results framework's text scales (the values of qualitative indicators).
    static let textValues = phrases([
        "Yes", "No", "Unknown", "Not applicable", "N/A", "Progressing toward alignment", "Progressing towards alignment",
        "Broadly aligned", "Not aligned", "Not yet aligned", "Partially aligned", "Aligned", "Not started", "In progress",
        "Completed",
    ])

    private static func phrases(_ texts: [String]) -> [[String]] {
        texts.map { $0.lowercased().split(separator: " ").map(String.init) }
    }

    /// How words match one of `phrases`.
    enum Match { case whole, start }

    /// Whether the words are one of the phrases (`.whole`) or the first words of one (`.start`).
    static func match(_ words: ArraySlice<String>, _ phrases: [[String]]) -> Match? {
        guard !words.isEmpty else { return nil }
        var start = false
        for phrase in phrases where phrase.count >= words.count && phrase.prefix(words.count).elementsEqual(words) {
            if phrase.count == words.count { return .whole }
            start = true
        }
        return start ? .start : nil
    }

    /// Whether a cell's text is the start of a phrase wrapped onto the next line.
    package static func isOpen(_ text: String, column: ReportHeader.Role) -> Bool {
        let words = text.lowercased().split(separator: " ").map(String.init)
        switch column {
        case .populationType: return match(words[...], populationTypes) == .start
        case .baseline, .target, .actual: return match(words[...], textValues) == .start
        case .country, .ignored: return false
        }
    }

    /// The words of a line with markup around them removed (`<b>Total</b>` is `Total`, at its
    /// text); a word that is only markup is dropped.
    package static func words(_ bytes: [UInt8], _ range: Range<Int>) -> [SpaceTable.Word] {
        SpaceTable.words(bytes, range).compactMap { word in
            guard bytes[word.bytes.lowerBound] == 0x3C || bytes[word.bytes.upperBound - 1] == 0x3E else { return word }
            var s = word.bytes.lowerBound
            var e = word.bytes.upperBound
            while s < e, bytes[s] == 0x3C, let close = bytes[s..<e].firstIndex(of: 0x3E) { s = close + 1 }
            while s < e, bytes[e - 1] == 0x3E, let open = bytes[s..<e].lastIndex(of: 0x3C) { e = open }
            guard s < e else { return nil }
            var plain = word
            plain.bytes = s..<e
            plain.text = String(decoding: bytes[s..<e], as: UTF8.self)
            if case .number = CellText.parse(plain.text) { plain.isNumber = true } else { plain.isNumber = false }
            return plain
        }
    }

    static func lowered(_ words: [SpaceTable.Word]) -> [String] { words.map { $0.text.lowercased() } }

    static func cell(_ words: ArraySlice<SpaceTable.Word>) -> ReportCell {
        guard let first = words.first, let last = words.last else { return ReportCell(span: CellSpan(start: 0, length: 0), text: "") }
        return ReportCell(
            span: CellSpan(start: first.bytes.lowerBound, length: last.bytes.upperBound - first.bytes.lowerBound),
            text: words.map(\.text).joined(separator: " "))
    }

    /// An indicator row's cells, one per role of its header, or nil when the line cannot be split
    /// one way only. The header's text columns (Country, Population Type) must come before its
    /// value columns.
    package static func indicatorRow(_ words: [SpaceTable.Word], roles: [ReportHeader.Role]) -> [ReportCell]? {
        let valueRoles = roles.drop { $0 == .country || $0 == .populationType }
        guard !valueRoles.isEmpty, valueRoles.allSatisfy({ $0 == .baseline || $0 == .target || $0 == .actual }) else { return nil }
        let textRoles = roles.prefix(roles.count - valueRoles.count)
        let lower = lowered(words)
        var end = words.count
        var values: [ReportCell] = []
        for _ in valueRoles {
            guard end > 0 else { return nil }
            if words[end - 1].isNumber {
                values.append(cell(words[(end - 1)..<end]))
                end -= 1
                continue
            }
            // The longest phrase of the text scales, whole or begun, that ends here.
            var taken: (start: Int, open: Bool)?
            for start in stride(from: end - 1, through: 0, by: -1) {
                if words[start].isNumber { break }
                switch match(lower[start..<end], textValues) {
                case .whole: taken = (start, false)
                case .start: if taken == nil || taken?.open == true { taken = (start, true) }
                case nil: break
                }
            }
            guard let taken else { return nil }
            values.append(cell(words[taken.start..<end]))
            end = taken.start
        }
        values.reverse()
        let rest = words[..<end]
        var texts: [ReportCell] = []
        switch (textRoles.contains(.country), textRoles.contains(.populationType)) {
        case (false, false):
            guard rest.isEmpty else { return nil }
        case (true, false):
            guard !rest.isEmpty else { return nil }
            texts = [cell(rest)]
        case (false, true):
            guard match(lower[..<end], populationTypes) != nil else { return nil }
            texts = [cell(rest)]
        case (true, true):
            // The population type is the longest known phrase, whole or begun, ending the text;
            // the country the one or more words before it.
            var split: (start: Int, open: Bool)?
            for start in stride(from: end - 1, through: 1, by: -1) {
                switch match(lower[start..<end], populationTypes) {
                case .whole: split = (start, false)
                case .start: if split == nil || split?.open == true { split = (start, true) }
                case nil: break
                }
            }
            guard let split else { return nil }
            let country = cell(words[..<split.start])
            let population = cell(words[split.start..<end])
            texts = textRoles.first == .country ? [country, population] : [population, country]
        }
        return texts + values
    }

    /// A financial row's cells: the area's words, then one number for each other column. A row
    /// with fewer numbers than columns (an empty cell somewhere) cannot be placed and is nil.
    package static func financialRow(_ words: [SpaceTable.Word], columns: Int) -> [ReportCell]? {
        let numbers = columns - 1
        guard numbers > 0, words.count > numbers else { return nil }
        let valueWords = words.suffix(numbers)
        guard valueWords.allSatisfy(\.isNumber), !words[words.count - numbers - 1].isNumber else { return nil }
        let area = cell(words.prefix(words.count - numbers))
        return [area] + valueWords.map { cell([$0][...]) }
    }

    /// An indicator table's header set one space apart (`Country Population Type Baseline Actual
    /// (2024)`): a cell per column name, a year with its name.
    private static let headerNames = phrases(["Country", "Country/Territory", "Population Type", "Population Group", "Baseline", "Target", "Actual"])

    package static func indicatorHeader(_ words: [SpaceTable.Word]) -> [ReportCell]? {
        let names = headerNames
        var cells: [ReportCell] = []
        var i = 0
        while i < words.count {
            var best = 0
            for name in names where i + name.count <= words.count {
                let span = words[i..<(i + name.count)].map { ReportHeader.base($0.text) }
                if span.elementsEqual(name), name.count > best { best = name.count }
            }
            guard best > 0 else { return nil }
            var next = i + best
            // A year on its own after the name: `Actual (2024)`, `Target 2024`.
            if next < words.count, ReportHeader.base(words[next].text).isEmpty { next += 1 }
            cells.append(cell(words[i..<next]))
            i = next
        }
        return cells.count >= 2 ? cells : nil
    }

    /// A financial table's header set one space apart, its names wrapped into the lines below
    /// (`Impact Area Final Budget Funds Funds Expenditure Expenditure as`): the area, Final
    /// Budget, then the first words of the other columns, in the order they stand.
    package static func financialHeader(_ words: [SpaceTable.Word]) -> [ReportCell]? {
        let lower = lowered(words)
        guard lower.count >= 4, lower[1] == "area", lower[0] == "impact" || lower[0] == "outcome" else { return nil }
        let names = [
            "Final Budget", "Funds Available", "Funds Available as % of Budget", "Expenditure", "Expenditure as % of Funds Available",
        ]
        var left = names.map { ($0, $0.lowercased().split(separator: " ").map(String.init)) }
        var cells = [ReportCell(span: cell(words[0..<2]).span, text: words[0].text + " " + words[1].text)]
        var i = 2
        while i < words.count {
            // The column whose name starts with the most of the words here; the first of equals.
            var best: (index: Int, length: Int)?
            for (index, (_, name)) in left.enumerated() {
                var length = 0
                while length < name.count, i + length < words.count, lower[i + length] == name[length] { length += 1 }
                if length > 0, length > (best?.length ?? 0) { best = (index, length) }
            }
            guard let best else { return nil }
            let span = cell(words[i..<(i + best.length)]).span
            cells.append(ReportCell(span: span, text: left[best.index].0))
            left.remove(at: best.index)
            i += best.length
        }
        return cells.count >= 3 && cells[1].text == "Final Budget" ? cells : nil
    }

    /// Completes the open cells of a row with a line of words: each open cell, in order, takes
    /// words until its text is a whole phrase. Nil unless every open cell is completed and every
    /// word is used.
    package static func complete(_ open: [(text: String, role: ReportHeader.Role)], with words: [SpaceTable.Word]) -> [String]? {
        guard !open.isEmpty, !words.isEmpty, !words.contains(where: \.isNumber) else { return nil }
        var i = 0
        var result: [String] = []
        for (text, role) in open {
            let list = role == .populationType ? populationTypes : textValues
            var current = text.lowercased().split(separator: " ").map(String.init)
            var taken: [String] = []
            while i < words.count {
                current.append(words[i].text.lowercased())
                taken.append(words[i].text)
                i += 1
                if match(current[...], list) == .whole { break }
            }
            guard match(current[...], list) == .whole else { return nil }
            result.append(text + " " + taken.joined(separator: " "))
        }
        return i == words.count ? result : nil
    }
}
