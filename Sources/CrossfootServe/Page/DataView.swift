import Crossfoot
import CrossfootBase
import CrossfootEngine

/// The uploaded data as tables, each failing cell highlighted: it has an `id` the findings
/// link to, the class `flagged`, its value as written (`0.06%`), and its findings with what was
/// expected and the notes. A report or a PDF also shows its lines with findings, the cell
/// marked.
struct DataView {
    /// The id of each flagged cell, by `DataView.key` of its location.
    var anchors: [String: String] = [:]
    var html = ""

    /// Tables longer than this show their first rows and every row with a finding.
    static let shownRows = 500

    static func key(_ location: SourceLocation) -> String { "\(location.path)\u{0}\(location.line):\(location.column)" }

    init(_ upload: CheckedUpload) {
        guard let result = upload.result else { return }
        let h = ServePage.h
        var out = "<section id=\"data\">\n<h2>The data, failing cells highlighted</h2>\n"
        for (index, file) in result.files.enumerated() {
            var byCell: [String: [Finding]] = [:]
            var lines: Set<Int> = []
            for finding in file.findings {
                byCell[Self.key(finding.location), default: []].append(finding)
                lines.insert(finding.location.line)
            }
            out += "<section class=\"file-data\" id=\"file-\(index + 1)\"><h3>\(h(file.path))</h3>\n"
            guard let dataset = result.datasets[file.path] else {
                out += "<p class=\"note\">The data of this file is not shown (too large to show, or not tables).</p>\n</section>\n"
                continue
            }
            for table in dataset.tables where table.rowCount > 0 {
                out += "<h4>\(h(table.name)) <span class=\"where\">\(table.rowCount) row\(table.rowCount == 1 ? "" : "s")</span></h4>\n"
                out += "<div class=\"data-wrap\"><table class=\"data\"><thead><tr><th>line</th>"
                for name in table.columnNames { out += "<th>\(h(name))</th>" }
                out += "</tr></thead><tbody>\n"
                var skipped = 0
                for row in 0..<table.rowCount {
                    let first = table.location(row: row, column: 0)
                    if row >= Self.shownRows, !lines.contains(first.line) {
                        skipped += 1
                        continue
                    }
                    let line = first.page.map { "p\($0.page):\($0.line)" } ?? "\(first.line)"
                    out += "<tr><td class=\"line\">\(line)</td>"
                    for column in 0..<table.columnNames.count {
                        let location = table.location(row: row, column: column)
                        let text = FindingBuilder.displayText(table, row: row, column: column)
                        let key = Self.key(SourceLocation(path: file.path, line: location.line, column: location.column))
                        guard let findings = byCell[key], anchors[key] == nil else {
                            // Long text (an indicator's title) is cut, whole in its tooltip.
                            out += text.count > 32 ? "<td title=\"\(h(text))\">\(h(String(text.prefix(31))))…</td>" : "<td>\(h(text))</td>"
                            continue
                        }
                        let id = "cell-\(index + 1)-\(location.line)-\(location.column)"
                        anchors[key] = id
                        out += cell(id: id, text: text, findings: findings)
                    }
                    out += "</tr>\n"
                }
                out += "</tbody></table></div>\n"
                if skipped > 0 { out += "<p class=\"note\">\(skipped) rows without findings not shown.</p>\n" }
            }
            if file.format == .report || file.format == .pdf, let source = result.sources[file.path], !file.findings.isEmpty {
                out += excerpt(file: file, source: source)
            }
            out += "</section>\n"
        }
        out += "</section>\n"
        html = out
    }

    func cell(id: String, text: String, findings: [Finding]) -> String {
        let h = ServePage.h
        let worst = findings.map(\.severity).max() ?? .info
        var out =
            "<td id=\"\(h(id))\" class=\"flagged sev-\(worst.rawValue)\" tabindex=\"-1\"><span class=\"value\">\(h(text))</span><span class=\"count\">\(findings.count) finding\(findings.count == 1 ? "" : "s")</span>"
        out += "<ul class=\"cell-findings\">"
        for finding in findings {
            out +=
                "<li class=\"sev-\(finding.severity.rawValue)\"><span class=\"badge\">\(finding.severity.rawValue)</span> <code>\(h(finding.rule))</code> \(h(finding.message))"
            if let expectation = finding.expectation { out += "<div class=\"expectation\">\(h(expectation))</div>" }
            if !finding.notes.isEmpty {
                out += "<ul class=\"notes\">" + finding.notes.map { "<li>\(h($0.message))</li>" }.joined() + "</ul>"
            }
            out += "</li>"
        }
        return out + "</ul></td>"
    }

    /// A report's or PDF's lines that have findings, as the reader extracted them, each failing
    /// cell marked.
    func excerpt(file: Linter.FileResult, source: SourceFile) -> String {
        let h = ServePage.h
        var byLine: [Int: [Finding]] = [:]
        for finding in file.findings where finding.location.line > 0 { byLine[finding.location.line, default: []].append(finding) }
        var out = "<h4>Lines with findings, as read</h4>\n<div class=\"data-wrap\"><table class=\"lines\"><tbody>\n"
        for line in byLine.keys.sorted().prefix(1000) {
            guard let findings = byLine[line], let first = findings.first else { continue }
            let text = Array(source.lineText(line).unicodeScalars)
            // Each cell a finding points at, marked once.
            var marks: [(Int, Int)] = []
            for f in findings where f.endLocation.line == line && f.endLocation.column > f.location.column {
                let span = (f.location.column - 1, f.endLocation.column - 1)
                if !marks.contains(where: { $0 == span }) { marks.append(span) }
            }
            marks.sort { $0.0 < $1.0 }
            var shown = ""
            var at = 0
            for (start, end) in marks where start >= at && end <= text.count {
                shown += h(String(String.UnicodeScalarView(text[at..<start])))
                shown += "<mark>" + h(String(String.UnicodeScalarView(text[start..<end]))) + "</mark>"
                at = end
            }
            if at < text.count { shown += h(String(String.UnicodeScalarView(text[at...]))) }
            let place = first.location.page.map { "page \($0.page), line \($0.line)" } ?? "line \(line)"
            out += "<tr><th>\(h(place))</th><td><code>\(shown)</code></td></tr>\n"
        }
        return out + "</tbody></table></div>\n"
    }
}
