import CrossfootBase
import CrossfootEngine
import CrossfootRules
import CrossfootTables

/// The lines of the linted files that the lint session handed over, to show a finding's source
/// line. A file it has not shows no line; nothing fails.
package struct SourceLines {
    private let files: [String: SourceFile]

    package init(_ files: [String: SourceFile]) {
        self.files = files
    }

    package func line(_ path: String, _ number: Int) -> String? {
        guard let file = files[path], number >= 1, number <= file.lines.count else { return nil }
        var text = file.lineText(number)
        while text.hasSuffix("\r") || text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// A source line as shown under a finding: tabs expanded, long lines cut to a window around
    /// the cell; with the display columns of the cell's start and end.
    package static func excerpt(_ line: String, from start: Int, to end: Int, width: Int = 100) -> (text: String, start: Int, end: Int) {
        var shown: [Character] = []
        var displayStart = 0
        var displayEnd = 0
        var column = 1
        for ch in line {
            if column == start { displayStart = shown.count }
            if column == end { displayEnd = shown.count }
            if ch == "\t" {
                let spaces = 4 - shown.count % 4
                shown += Array(repeating: " ", count: spaces)
            } else if ch.unicodeScalars.contains(where: DisplayText.isControl) {
                // A control character (an escape sequence, a bidirectional override) from the
                // data is not passed to the terminal.
                shown.append(" ")
            } else {
                shown.append(ch)
            }
            column += ch.unicodeScalars.count
        }
        if start >= column { displayStart = shown.count }
        if end >= column || end <= start { displayEnd = max(displayStart + 1, end >= column ? shown.count : displayStart + 1) }
        // A window of `width` characters around the cell.
        guard shown.count > width else { return (String(shown), displayStart, displayEnd) }
        let first = max(0, min(displayStart - width / 3, shown.count - width))
        let last = min(shown.count, first + width)
        var text = String(shown[first..<last])
        var offset = first
        if first > 0 {
            text = "…" + text
            offset -= 1
        }
        if last < shown.count { text += "…" }
        return (text, displayStart - offset, min(displayEnd - offset, text.count))
    }
}
