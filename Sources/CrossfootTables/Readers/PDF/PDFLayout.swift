/// The glyphs of a PDF's pages laid out as text whose columns line up, as `pdftotext -layout`
/// prints them, for the report reader's space-aligned tables.
///
/// Glyphs on one baseline make a line, read left to right. Within a line, glyphs closer than a
/// fraction of their height make a word, and words closer than most of their height (a space of
/// the font) are set one space apart; a wider gap (between the cells of a table) is set at least
/// two spaces apart, at the column that the word's distance from the page's left edge gives. So a
/// table's header and rows line up by where their words are drawn, and a phrase never breaks into
/// cells because a font is wide.
package enum PDFLayout {
    /// A word of a line: its text and its box.
    struct Word {
        var text: String
        var x1: Double
        var x2: Double
        var height: Double
        var count: Int
    }

    /// The text of a page's glyphs, each line ending in a line feed (one empty line for a page
    /// with no text). Columns count from the page's leftmost glyph, so text at the margin starts
    /// a line.
    package static func text(of page: [Poppler.Glyph]) -> [UInt8] {
        let glyphs = page.filter { !$0.scalar.properties.isWhitespace && $0.x2 >= $0.x1 && $0.y2 > $0.y1 && $0.x1.isFinite && $0.y1.isFinite }
        let lines = self.lines(of: glyphs)
        guard !lines.isEmpty else { return [0x0A] }
        let left = glyphs.map(\.x1).min() ?? 0
        let pitch = Self.pitch(glyphs)
        var out: [UInt8] = []
        var previousBottom: Double?
        for glyphsOfLine in lines {
            let top = glyphsOfLine.map(\.y1).min() ?? 0
            let bottom = glyphsOfLine.map(\.y2).max() ?? 0
            // A wide gap above a line (between paragraphs, before a heading) is a blank line.
            if let previousBottom, top - previousBottom > 1.5 * (bottom - top) { out.append(0x0A) }
            previousBottom = bottom
            out.append(contentsOf: Self.render(words(of: glyphsOfLine), left: left, pitch: pitch).utf8)
            out.append(0x0A)
        }
        return out
    }

    /// A page's glyphs grouped into lines, top to bottom, each left to right: a glyph belongs to a
    /// line when its middle lies within half a glyph's height of the line's first glyph's middle.
    static func lines(of glyphs: [Poppler.Glyph]) -> [[Poppler.Glyph]] {
        let sorted = glyphs.sorted { ($0.y1 + $0.y2, $0.x1) < ($1.y1 + $1.y2, $1.x1) }
        var lines: [[Poppler.Glyph]] = []
        var anchor = 0.0
        var height = 0.0
        for glyph in sorted {
            let middle = (glyph.y1 + glyph.y2) / 2
            if !lines.isEmpty, abs(middle - anchor) < 0.5 * max(height, glyph.y2 - glyph.y1) {
                lines[lines.count - 1].append(glyph)
            } else {
                lines.append([glyph])
                anchor = middle
                height = glyph.y2 - glyph.y1
            }
        }
        return lines.map { $0.sorted { $0.x1 < $1.x1 } }
    }

    /// The words of a line: glyphs closer than a sixth of their height belong together. A glyph
    /// drawn twice over itself (a bold effect) is read once.
    static func words(of glyphs: [Poppler.Glyph]) -> [Word] {
        var words: [Word] = []
        var last: Poppler.Glyph?
        for glyph in glyphs {
            let height = glyph.y2 - glyph.y1
            if let last, last.scalar == glyph.scalar, abs(last.x1 - glyph.x1) < 0.2 * height { continue }
            if let last, !words.isEmpty, glyph.x1 - last.x2 < height / 6 {
                words[words.count - 1].text.unicodeScalars.append(glyph.scalar)
                words[words.count - 1].x2 = max(words[words.count - 1].x2, glyph.x2)
                words[words.count - 1].count += 1
            } else {
                words.append(Word(text: String(glyph.scalar), x1: glyph.x1, x2: glyph.x2, height: height, count: 1))
            }
            last = glyph
        }
        return words
    }

    /// The width of a column of text on a page: four fifths of the median glyph width, so a word
    /// set in characters is rarely wider than where it is drawn.
    static func pitch(_ glyphs: [Poppler.Glyph]) -> Double {
        let widths = glyphs.map { $0.x2 - $0.x1 }.filter { $0 > 0 }.sorted()
        guard !widths.isEmpty else { return 4 }
        return max(1, 0.8 * widths[widths.count / 2])
    }

    /// A line's words set in columns.
    static func render(_ words: [Word], left: Double, pitch: Double) -> String {
        var text = ""
        var column = 0
        var previous: Word?
        for word in words {
            let target = max(0, Int(((word.x1 - left) / pitch).rounded()))
            var at: Int
            if let previous {
                let gap = word.x1 - previous.x2
                at = gap < 0.8 * max(word.height, previous.height) ? column + 1 : max(target, column + 2)
            } else {
                at = target
            }
            at = max(at, column)
            text += String(repeating: " ", count: at - column)
            text += word.text
            column = at + word.count
            previous = word
        }
        return text
    }
}
