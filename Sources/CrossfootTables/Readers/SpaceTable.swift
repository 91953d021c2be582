import CrossfootBase

/// A table whose columns are aligned by spaces, as `pdftotext -layout` and pdfplumber's layout
/// text print a PDF's tables: the cells of a row are told apart by where each word starts, not
/// by a separator.
///
/// The lines of one table are gathered first (a header, then rows, wrapped titles and wrapped
/// cells) and read when the table ends: the columns start where the header names them (an
/// indicator table: Country, Population Type, Baseline, Target, Actual) or where the rows'
/// numbers line up (a financial table, whose header wraps over several lines). A word belongs
/// to the column it starts in, with two characters of slack for a value shifted left; a line
/// that leaves the first column empty and holds no number continues the row above it; a title
/// line (`1.1 Proportion of …`) may wrap onto the lines after it.
package struct SpaceTable {
    /// A word of a line: its bytes in the file and its first and last display columns.
    package struct Word {
        package var bytes: Range<Int>
        package var column: Int
        package var endColumn: Int
        package var text: String
        package var isNumber: Bool
    }

    /// A line of the table, as words.
    package struct Line {
        package var range: Range<Int>
        package var words: [Word]
        package var text: String { words.map(\.text).joined(separator: " ") }
        package var hasNumber: Bool { words.contains(where: \.isNumber) }
    }

    /// What the table holds, line by line, once read.
    package enum Item {
        /// A row's cells, one per column of the header (an empty cell where nothing stood).
        case row([ReportCell], line: Range<Int>)
        /// An indicator title, its wrapped lines joined.
        case title(ReportCell)
        /// A line that is neither a row nor a title.
        case unread(offset: Int)
    }

    package let isFinancial: Bool
    package private(set) var header: [Line]
    package private(set) var lines: [Line] = []
    /// Lines taken since the last title, while they may still be its wrapped text.
    private var titleLines = 0
    /// The last line was not read (an `unread-row`): its wrapped cells are not read either.
    private var afterUnread = false

    /// Notes that the line just given was not read as a row, so that the lines continuing its
    /// cells are passed over rather than put into the row before it.
    package mutating func markUnread() {
        afterUnread = true
        titleLines = 0
    }

    /// Where each column starts: from the header's names (an indicator table), or from the first
    /// word of the header and the columns the rows' numbers start in (a financial table, kept up
    /// to date as rows come). Computed as lines are taken, not for every question about a line.
    package private(set) var columns: [Int]
    /// An indicator table's columns as the header names them.
    private let named: [(column: Int, name: String)]
    /// The columns that hold values (Baseline, Target, Actual) in an indicator table.
    private let valueColumns: Set<Int>

    package init(isFinancial: Bool, header: [Line]) {
        self.isFinancial = isFinancial
        self.header = header
        let named = isFinancial ? [] : header.first.flatMap { Self.indicatorColumns($0) } ?? []
        self.named = named
        valueColumns = Set(named.indices.filter { [.baseline, .target, .actual].contains(ReportHeader.role(named[$0].name)) })
        columns = isFinancial ? [header.first?.words.first?.column ?? 0] : named.map(\.column)
    }

    /// A financial row's numbers add the columns they start in.
    private mutating func noteNumbers(_ line: Line) {
        guard isFinancial, line.words.first.map({ !$0.isNumber }) ?? false,
            let firstNumber = line.words.firstIndex(where: \.isNumber), line.words[firstNumber...].allSatisfy(\.isNumber)
        else { return }
        var starts = Array(columns.dropFirst())
        for word in line.words[firstNumber...] where !starts.contains(where: { abs($0 - word.column) <= 2 }) {
            starts.append(word.column)
        }
        columns = [columns[0]] + starts.sorted()
    }

    /// The words of a line; words are split at spaces, and a run of two or more spaces or a tab
    /// ends a phrase of words that belong together.
    package static func words(_ bytes: [UInt8], _ range: Range<Int>) -> [Word] {
        var words: [Word] = []
        var i = range.lowerBound
        var column = 0
        while i < range.upperBound {
            let b = bytes[i]
            if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0C {
                i += 1
                column += b == 0x09 ? 8 - column % 8 : (b == 0x20 ? 1 : 0)
                continue
            }
            let start = i
            let startColumn = column
            while i < range.upperBound, bytes[i] != 0x20, bytes[i] != 0x09, bytes[i] != 0x0D {
                if bytes[i] & 0xC0 != 0x80 { column += 1 }
                i += 1
            }
            let text = String(decoding: bytes[start..<i], as: UTF8.self)
            var isNumber = false
            if case .number = CellText.parse(text) { isNumber = true }
            words.append(Word(bytes: start..<i, column: startColumn, endColumn: column, text: text, isNumber: isNumber))
        }
        return words
    }

    /// A header line: an indicator table's (it names Baseline or Actual and another column) or
    /// a financial table's (an area column and a budget column), with its words.
    package static func header(_ bytes: [UInt8], _ range: Range<Int>) -> SpaceTable? {
        // A header is a line of a few names, not a paragraph.
        guard range.count < 400 else { return nil }
        var gap = false
        var k = range.lowerBound + 1
        while k < range.upperBound, !gap {
            gap = bytes[k] == 0x20 && bytes[k - 1] == 0x20 && k > range.lowerBound + 2 && bytes[k - 2] != 0x20
            k += 1
        }
        guard gap else { return nil }
        let words = Self.words(bytes, range)
        // A header holds no number but a year (`Actual (2024)`).
        guard words.count >= 2, !words.contains(where: { $0.isNumber && ReportHeader.base("x " + $0.text) != "x" }) else { return nil }
        // Columns aligned by spaces leave a gap somewhere; text with single spaces throughout
        // cannot be told apart into cells.
        guard zip(words, words.dropFirst()).contains(where: { $1.column - $0.endColumn >= 2 }) else { return nil }
        let line = Line(range: range, words: words)
        let text = line.text.lowercased()
        if indicatorColumns(line) != nil { return SpaceTable(isFinancial: false, header: [line]) }
        if text.hasPrefix("impact area") || text.hasPrefix("outcome area"), text.contains("final budget") || text.contains("funds") {
            return SpaceTable(isFinancial: true, header: [line])
        }
        return nil
    }

    /// Where an indicator table's columns start, found by their names in the header, and each
    /// column's name as written.
    static func indicatorColumns(_ line: Line) -> [(column: Int, name: String)]? {
        let names = [["country", "countries"], ["population", "population type"], ["baseline"], ["target"], ["actual", "result"]]
        var found: [(column: Int, name: String)] = []
        var k = 0
        while k < line.words.count {
            let word = ReportHeader.base(line.words[k].text)
            guard let group = names.first(where: { $0.contains(where: { $0.split(separator: " ").first.map(String.init) == word || $0 == word }) }) else {
                // A word of no column name (`(2024)`) belongs to the name before it.
                if let last = found.indices.last { found[last].name += " " + line.words[k].text }
                k += 1
                continue
            }
            var name = line.words[k].text
            // Two-word names: `Population Type`.
            if group.contains(where: { $0.contains(" ") }), k + 1 < line.words.count,
                group.contains(word + " " + line.words[k + 1].text.lowercased())
            {
                name += " " + line.words[k + 1].text
                k += 1
            }
            found.append((line.words[k].column - (name.count - line.words[k].text.count), name))
            k += 1
        }
        guard let roles = ReportHeader.indicatorRoles(found.map(\.name)), roles.allSatisfy({ $0 != .ignored }) else { return nil }
        return found
    }

    /// Takes a line into the table, or says the table has ended before it.
    ///
    /// - Returns: false when the line is not part of the table (a heading or prose).
    package mutating func take(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        let words = Self.words(bytes, range)
        guard !words.isEmpty else { return true }
        // A header starts a table of its own (or the same one again on the next page).
        if !lines.isEmpty, Self.header(bytes, range) != nil { return false }
        // So does a heading.
        if ReportHeader.isPlainHeading(words.map(\.text).joined(separator: " ")) { return false }
        let line = Line(range: range, words: words)
        if afterUnread {
            if continues(line) { return true }
            afterUnread = false
        }
        // The header wraps until the first row: lines with no number under the header.
        if lines.isEmpty, isFinancial, !line.hasNumber, let first = header.first?.words.first, words[0].column > first.column + 2 {
            header.append(line)
            return true
        }
        if isTitle(line) {
            titleLines = 1
        } else if titleLines > 0, titleLines < 3, !isRow(line), !isAligned(line), Self.isOnePhrase(line) {
            titleLines += 1  // the title wraps
        } else if isRow(line) || (isAligned(line) && line.words[0].column <= (columns.first ?? 0) + 2) || isPackedRow(line)
            || (!lines.isEmpty && continues(line))
        {
            titleLines = 0
        } else {
            return false
        }
        lines.append(line)
        noteNumbers(line)
        return true
    }

    /// Whether a line's words stand apart in two or more cells (a gap of two spaces or more).
    package static func standsInCells(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        let words = words(bytes, range)
        return words.count >= 2 && !isOnePhrase(Line(range: range, words: words))
    }

    /// Whether a line is one run of words with single spaces (wrapped text, not cells).
    static func isOnePhrase(_ line: Line) -> Bool {
        !zip(line.words, line.words.dropFirst()).contains { $1.column - $0.endColumn >= 2 }
    }

    /// An indicator title: `1.1 Proportion of …` (numbers in its text, `the 1951 Convention`,
    /// do not make it a row).
    private func isTitle(_ line: Line) -> Bool {
        !isFinancial && ReportHeader.indicatorCode(line.text) != nil && !isRow(line)
    }

    /// A row with numbers where numbers go: in an indicator table each number starts a value
    /// column; in a financial table every word after the area's name is a number.
    private func isRow(_ line: Line) -> Bool {
        guard line.hasNumber else { return false }
        let starts = columns
        if isFinancial {
            guard let first = line.words.firstIndex(where: \.isNumber), first > 0 else { return false }
            return line.words[first...].allSatisfy(\.isNumber) && abs(line.words[0].column - (starts.first ?? 0)) <= 2
        }
        // Each number stands mostly under a value column (Baseline, Target, Actual).
        return line.words.filter(\.isNumber).allSatisfy { valueColumns.contains(Self.column(of: $0, in: starts)) }
    }

    /// Whether a line leaves the first column empty: a wrapped cell of the row above.
    private func continues(_ line: Line) -> Bool {
        guard let first = columns.first, !line.hasNumber else { return false }
        return line.words[0].column > first + 2
    }

    /// Whether every word of the line starts a column (within two characters), in two or more
    /// columns: a row whose cells are text.
    private func isAligned(_ line: Line) -> Bool {
        let starts = columns
        guard starts.count >= 2 else { return false }
        var used: Set<Int> = []
        var previous: Word?
        for word in line.words {
            // A word that runs over the start of a column is prose, not a cell.
            if starts.contains(where: { word.column < $0 - 2 && word.endColumn > $0 + 1 }) { return false }
            let aligned = starts.firstIndex { abs($0 - word.column) <= 2 }
            let gap = previous.map { word.column - $0.endColumn } ?? 99
            if let c = aligned, gap >= 2 {
                used.insert(c)
            } else if gap >= 2 {
                return false  // a cell that starts nowhere near a column
            }
            previous = word
        }
        return used.count >= 2
    }

    /// Whether a line of an indicator table is a row whose text cells an extraction packed one
    /// space apart where they were wide (pdfplumber prints `Refugees and Asylum-seekers Yes` under
    /// `Population Type` and `Actual`): it starts in the first column, stands in two or more
    /// phrases, and split where the header's columns start, it leaves a few words in each of
    /// three or more columns. A wrapped paragraph is one phrase, or many words to a column.
    private func isPackedRow(_ line: Line) -> Bool {
        guard !isFinancial, columns.count >= 3, abs(line.words[0].column - columns[0]) <= 2, !Self.isOnePhrase(line) else { return false }
        var counts = Array(repeating: 0, count: columns.count)
        for c in Self.wordColumns(line.words, in: columns) { counts[c] += 1 }
        return counts.filter { $0 > 0 }.count >= 3 && counts.allSatisfy { $0 <= 5 }
    }

    /// The column of each word of a line: a number or the first word of a phrase by overlap
    /// (`column(of:in:)`); a word that follows the one before it by a single space stays in that
    /// word's column unless it starts at or after the start of a later one, where an extraction
    /// packed two cells one space apart.
    static func wordColumns(_ words: [Word], in starts: [Int]) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(words.count)
        for (k, word) in words.enumerated() {
            guard k > 0, !word.isNumber, word.column - words[k - 1].endColumn < 2, let previous = result.last else {
                result.append(column(of: word, in: starts))
                continue
            }
            let started = starts.lastIndex { $0 <= word.column } ?? 0
            result.append(max(previous, started))
        }
        return result
    }

    /// The header's cells: the names of the columns, wrapped header lines joined.
    package func headerCells() -> [ReportCell] {
        let starts = columns
        var texts = Array(repeating: "", count: starts.count)
        var spans: [CellSpan?] = Array(repeating: nil, count: starts.count)
        if !isFinancial, !named.isEmpty {
            texts = named.map(\.name)
        }
        if isFinancial {
            for line in header {
                for word in line.words {
                    let c = Self.column(of: word, in: starts)
                    texts[c] += texts[c].isEmpty ? word.text : " " + word.text
                    if spans[c] == nil { spans[c] = CellSpan(start: word.bytes.lowerBound, length: word.bytes.count) }
                }
            }
        } else if let line = header.first {
            for word in line.words {
                let c = Self.column(of: word, in: starts)
                if spans[c] == nil { spans[c] = CellSpan(start: word.bytes.lowerBound, length: word.bytes.count) }
            }
        }
        if isFinancial { texts = Self.financialNames(texts) }
        let end = header.first?.range.upperBound ?? 0
        return texts.indices.map { ReportCell(span: spans[$0] ?? CellSpan(start: end, length: 0), text: texts[$0]) }
    }

    /// A financial header's wrapped cells named for what they hold, when an extraction put a
    /// word of one under its neighbour (`Funds Available … of Budget` without its `as %`): each
    /// column takes the most specific name its words fit that no other column fits better.
    static func financialNames(_ texts: [String]) -> [String] {
        let names = ["Final Budget", "Funds Available as % of Budget", "Expenditure as % of Funds Available", "Expenditure", "Funds Available"]
        func strength(_ text: String, _ name: String) -> Int {
            let t = text.lowercased()
            switch name {
            case "Final Budget": return t.contains("final") ? 2 : 0
            case "Funds Available as % of Budget": return t.contains("of budget") ? 2 : (t.contains("funds") && t.contains("%") ? 1 : 0)
            case "Expenditure as % of Funds Available": return t.contains("of funds") ? 2 : (t.contains("expenditure") && t.contains("%") ? 1 : 0)
            case "Expenditure": return t.contains("expenditure") ? 1 : 0
            default: return t.contains("funds") ? 1 : 0
            }
        }
        var result = texts
        var taken: Set<String> = []
        var open = Set(texts.indices.dropFirst())
        for level in [2, 1] {
            for name in names where !taken.contains(name) {
                guard let c = open.sorted().first(where: { strength(texts[$0], name) == level }) else { continue }
                result[c] = name
                taken.insert(name)
                open.remove(c)
            }
        }
        return result
    }

    /// The column a word belongs to: the one it overlaps most, each column reaching from a
    /// character before its start to a character before the next one's (a value shifted left by
    /// a character or two still lands in its column).
    static func column(of word: Word, in starts: [Int]) -> Int {
        var best = 0
        var bestOverlap = 0
        for (i, start) in starts.enumerated() {
            let lower = start - 1
            let upper = i + 1 < starts.count ? starts[i + 1] - 1 : Int.max
            let overlap = min(word.endColumn, upper) - max(word.column, lower)
            if overlap > bestOverlap {
                best = i
                bestOverlap = overlap
            }
        }
        if bestOverlap > 0 { return best }
        var c = 0
        for (i, start) in starts.enumerated() where word.column >= start - 2 { c = i }
        return c
    }

    /// The table's rows and titles, in order.
    package func items() -> [Item] {
        let starts = columns
        var items: [Item] = []
        var row: (cells: [(text: String, bytes: Range<Int>?)], line: Range<Int>)?
        var title: (text: String, bytes: Range<Int>)?
        func flush() {
            if let r = row {
                let cells = r.cells.map { cell -> ReportCell in
                    guard let bytes = cell.bytes else { return ReportCell(span: CellSpan(start: r.line.upperBound, length: 0), text: "") }
                    return ReportCell(span: CellSpan(start: bytes.lowerBound, length: bytes.count), text: HTMLText.decodeEntities(cell.text))
                }
                items.append(.row(cells, line: r.line))
            }
            if let t = title {
                // Entities as the other layouts read them (`&amp;` is `&`).
                items.append(.title(ReportCell(span: CellSpan(start: t.bytes.lowerBound, length: t.bytes.count), text: HTMLText.decodeEntities(t.text))))
            }
            row = nil
            title = nil
        }
        for line in lines {
            if isTitle(line) {
                flush()
                let first = line.words[0].bytes.lowerBound
                title = (line.text, first..<(line.words.last?.bytes.upperBound ?? first))
                continue
            }
            if var t = title, !isRow(line), !isAligned(line), Self.isOnePhrase(line) {
                // A title wrapped onto the next line.
                t.text += " " + line.text
                title = t
                continue
            }
            if row != nil, continues(line) {
                for (word, c) in zip(line.words, Self.wordColumns(line.words, in: starts)) {
                    guard var cells = row?.cells else { break }
                    cells[c].text += cells[c].text.isEmpty ? word.text : " " + word.text
                    if cells[c].bytes == nil { cells[c].bytes = word.bytes }
                    row?.cells = cells
                }
                continue
            }
            if !isRow(line), !isAligned(line), !isPackedRow(line) {
                flush()
                items.append(.unread(offset: line.words[0].bytes.lowerBound))
                continue
            }
            flush()
            var cells: [(text: String, bytes: Range<Int>?)] = Array(repeating: ("", nil), count: starts.count)
            for (word, c) in zip(line.words, Self.wordColumns(line.words, in: starts)) {
                if let bytes = cells[c].bytes {
                    cells[c] = (cells[c].text + " " + word.text, bytes.lowerBound..<word.bytes.upperBound)
                } else {
                    cells[c] = (word.text, word.bytes)
                }
            }
            row = (cells, line.range)
        }
        flush()
        return items
    }
}
