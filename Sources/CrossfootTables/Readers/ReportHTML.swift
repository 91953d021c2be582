import CrossfootBase

/// The parts of a results report saved from a browser (HTML) that the report reader reads:
/// headings, paragraphs and table rows, each as byte ranges of the file, in order.
///
/// Not a full HTML parser: it finds `<h1>`…`<h6>`, `<p>`, `<li>` and `<tr>` with their `<td>`
/// and `<th>` cells, skips `<script>`, `<style>` and comments, and leaves the text inside each
/// part (tags stripped, entities decoded, spaces collapsed) to the report reader.
package enum ReportHTML {
    package enum Block: Equatable {
        case heading(Range<Int>)
        case text(Range<Int>)
        case row([Range<Int>])
    }

    /// Whether the bytes are HTML holding a table of a results report (or its title).
    package static func looksLikeReport(_ bytes: [UInt8]) -> Bool {
        guard find(bytes, "<table", from: 0) != nil || find(bytes, "<h1", from: 0) != nil else { return false }
        for block in blocks(bytes) {
            switch block {
            case .row(let cells):
                let texts = cells.map { text(bytes, $0) }
                if ReportHeader.indicatorRoles(texts) != nil || ReportHeader.isFinancialHeader(texts) { return true }
            case .heading(let range):
                if text(bytes, range) == "Annual Results Report" { return true }
            case .text:
                break
            }
        }
        return false
    }

    /// The text of a part: tags stripped, entities decoded, runs of spaces and line breaks one space.
    package static func text(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        HTMLText.decodeEntities(HTMLText.stripTags(String(decoding: bytes[range], as: UTF8.self))).collapsingSpaces
    }

    /// The headings, paragraphs and rows of the page, in order.
    package static func blocks(_ bytes: [UInt8]) -> [Block] {
        var blocks: [Block] = []
        var i = 0
        while let open = find(bytes, "<", from: i) {
            i = open + 1
            if starts(bytes, open, "<!--") {
                i = (find(bytes, "-->", from: open + 4) ?? bytes.count - 3) + 3
                continue
            }
            for skipped in ["script", "style"] where starts(bytes, open, "<" + skipped) {
                i = find(bytes, "</" + skipped, from: open) ?? bytes.count
            }
            guard let name = tagName(bytes, open), let close = find(bytes, ">", from: open) else { continue }
            switch name {
            case "h1", "h2", "h3", "h4", "h5", "h6":
                let end = find(bytes, "</" + name, from: close) ?? bytes.count
                blocks.append(.heading(close + 1..<end))
                i = end
            case "p", "li":
                let end = min(find(bytes, "</" + name, from: close) ?? bytes.count, find(bytes, "<table", from: close) ?? bytes.count)
                blocks.append(.text(close + 1..<end))
                i = end
            case "tr":
                let end = find(bytes, "</tr", from: close) ?? find(bytes, "<tr", from: close) ?? bytes.count
                blocks.append(.row(cells(bytes, close + 1..<end)))
                i = end
            default:
                break
            }
        }
        return blocks
    }

    /// The content of each `<td>` or `<th>` of a row.
    static func cells(_ bytes: [UInt8], _ row: Range<Int>) -> [Range<Int>] {
        var cells: [Range<Int>] = []
        var i = row.lowerBound
        while let open = find(bytes, "<t", from: i), open < row.upperBound {
            i = open + 2
            guard let name = tagName(bytes, open), name == "td" || name == "th", let close = find(bytes, ">", from: open), close < row.upperBound else {
                continue
            }
            let next =
                [find(bytes, "</t", from: close), find(bytes, "<td", from: close), find(bytes, "<th", from: close)].compactMap { $0 }.min() ?? row.upperBound
            let end = min(next, row.upperBound)
            cells.append(close + 1..<end)
            i = end
        }
        return cells
    }

    /// The lower-case name of the tag opening at `at` (`<td class=…>` → `td`).
    static func tagName(_ bytes: [UInt8], _ at: Int) -> String? {
        var j = at + 1
        var name: [UInt8] = []
        while j < bytes.count, name.count < 10 {
            let b = bytes[j] | 0x20
            guard (b >= 0x61 && b <= 0x7A) || (bytes[j] >= 0x30 && bytes[j] <= 0x39) else { break }
            name.append(b)
            j += 1
        }
        return name.isEmpty ? nil : String(decoding: name, as: UTF8.self)
    }

    /// Whether `text` (ASCII, matched without case) starts at `at`.
    static func starts(_ bytes: [UInt8], _ at: Int, _ text: String) -> Bool {
        let t = Array(text.utf8)
        guard at + t.count <= bytes.count else { return false }
        for k in t.indices where bytes[at + k] | 0x20 != t[k] | 0x20 { return false }
        return true
    }

    /// Where `text` (ASCII, matched without case) next starts, from `from`.
    static func find(_ bytes: [UInt8], _ text: String, from: Int) -> Int? {
        let t = Array(text.utf8)
        guard let first = t.first, from < bytes.count else { return nil }
        var i = from
        while i + t.count <= bytes.count {
            if bytes[i] | 0x20 == first | 0x20, starts(bytes, i, text) { return i }
            i += 1
        }
        return nil
    }
}
