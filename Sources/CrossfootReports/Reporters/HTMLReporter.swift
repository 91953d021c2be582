import CrossfootBase
import CrossfootEngine
import CrossfootFindings
import CrossfootRules
import CrossfootTables

/// One self-contained HTML file for reviewers: no external scripts, fonts or images, readable
/// on a laptop and printable. A summary by severity and rule; the findings ranked most likely
/// wrong first, filterable by severity, rule, country and indicator, each with its row and the
/// cell highlighted; and charts drawn as inline SVG: a baseline-to-actual slope chart per
/// percentage indicator, flagged countries highlighted, and bars of budget, funds available and
/// expenditure per area for each financial table, with the total's imbalance marked. Scripts
/// only filter and sort; every chart is an `<svg>` element written into the file.
///
/// The summary and the findings are `FindingsHTML`'s, which `crossfoot serve`'s page shares.
public struct HTMLReporter: Reporter {
    public var context: ReportContext
    /// A Content-Security-Policy nonce for the inline `<style>` and `<script>`, when the report
    /// is served under a policy that allows only those.
    public var nonce: String?

    public init(context: ReportContext = ReportContext(), nonce: String? = nil) {
        self.context = context
        self.nonce = nonce
    }

    package static func h(_ s: String) -> String { XMLText.escape(s) }

    public func render(_ run: LintResult) -> String {
        let shared = FindingsHTML(context: context)
        let nonceAttribute = nonce.map { " nonce=\"\(Self.h($0))\"" } ?? ""
        var out = FindingsHTML.documentStart(title: "Crossfoot report")
        out += """
            <style\(nonceAttribute)>\(FindingsHTML.style)</style>
            </head>
            <body>
            <header><h1>Crossfoot report</h1><p class="summary-line">\(Self.h(run.summaryLine))</p></header>

            """
        out += shared.summary(run)
        out += shared.findings(run)
        out += charts(run)
        out += "<script\(nonceAttribute)>\(FindingsHTML.script)</script>\n</body>\n</html>\n"
        return out
    }

    // MARK: Charts

    package func charts(_ run: LintResult) -> String {
        var slopes: [String] = []
        var bars: [String] = []
        var skipped: [String] = []
        // The lines of each file that have findings, to highlight their rows.
        var flagged: [String: Set<Int>] = [:]
        run.forEachFinding { flagged[$0.location.path, default: []].insert($0.location.line) }
        for file in run.files.sorted(by: { $0.path < $1.path }) where file.format != .chart {
            guard let dataset = run.datasets[file.path] else {
                if run.unreadableDatasets.contains(file.path) { skipped.append(context.paths.relative(file.path)) }
                continue
            }
            let lines = flagged[file.path] ?? []
            if let table = dataset.table(named: "indicators") { slopes += SlopeChart.charts(table, flagged: lines, path: context.paths.relative(file.path)) }
            if let table = dataset.table(named: "financials") { bars += BarChart.charts(table, flagged: lines, path: context.paths.relative(file.path)) }
        }
        var out = "<section id=\"charts\">\n<h2>Charts</h2>\n"
        if slopes.isEmpty && bars.isEmpty { out += "<p class=\"empty\">No indicator or financial tables to chart.</p>\n" }
        if !slopes.isEmpty {
            out +=
                "<h3>Indicators: baseline to actual</h3>\n<p class=\"legend\">Each line is a country and population type, from its baseline (left) to its actual (right); rows with findings are drawn in red and named.</p>\n<div class=\"grid\">\n"
            out += slopes.joined() + "</div>\n"
        }
        if !bars.isEmpty {
            out +=
                "<h3>Financial tables</h3>\n<p class=\"legend\"><span class=\"key budget\"></span>final budget <span class=\"key funds\"></span>funds available <span class=\"key spent\"></span>expenditure; a marker on the Total shows what the areas add up to.</p>\n"
            out += bars.joined()
        }
        if !skipped.isEmpty { out += "<p class=\"note\">Not charted (too large or unreadable): \(Self.h(skipped.joined(separator: ", ")))</p>\n" }
        out += "</section>\n"
        return out
    }

}

/// Slope charts: for each percentage indicator, a line per country and population type from its
/// baseline to its actual, drawn as SVG.
package enum SlopeChart {
    package static func charts(_ table: Table, flagged: Set<Int>, path: String) -> [String] {
        guard let codeColumn = table.columnIndex("indicator_code"), let unit = table.columnIndex("unit"),
            let baseline = table.columnIndex("baseline"), let actual = table.columnIndex("actual")
        else { return [] }
        let kind = table.columnIndex("indicator_kind")
        let title = table.columnIndex("indicator")
        let country = table.columnIndex("country")
        let population = table.columnIndex("population_type")
        struct Line {
            var label: String
            var from: Double
            var to: Double
            var flagged: Bool
            var fromText: String
            var toText: String
        }
        var order: [String] = []
        var indicators: [String: (title: String, lines: [Line])] = [:]
        for row in 0..<table.rowCount {
            guard case .text(let u) = table.value(row: row, column: unit), u == "percent",
                let from = table.value(row: row, column: baseline).number, let to = table.value(row: row, column: actual).number
            else { continue }
            let code = FindingBuilder.displayText(table, row: row, column: codeColumn)
            let key = (kind.map { FindingBuilder.displayText(table, row: row, column: $0) + " " } ?? "") + code
            let name = [country, population].compactMap { $0 }.map { FindingBuilder.displayText(table, row: row, column: $0) }.filter { !$0.isEmpty }.joined(
                separator: ", ")
            let line = Line(
                label: name, from: from.doubleValue, to: to.doubleValue, flagged: flagged.contains(table.location(row: row, column: actual).line),
                fromText: FindingBuilder.displayText(table, row: row, column: baseline), toText: FindingBuilder.displayText(table, row: row, column: actual))
            if indicators[key] == nil {
                order.append(key)
                let heading = title.map { FindingBuilder.displayText(table, row: row, column: $0) } ?? ""
                indicators[key] = ("\(code) \(heading)", [])
            }
            indicators[key]?.lines.append(line)
        }
        return order.prefix(300).compactMap { key in
            indicators[key].map { svg($0.title, $0.lines.map { ($0.label, $0.from, $0.to, $0.flagged, $0.fromText, $0.toText) }, key: key, path: path) }
        }
    }

    package static func svg(
        _ title: String, _ lines: [(label: String, from: Double, to: Double, flagged: Bool, fromText: String, toText: String)], key: String, path: String
    ) -> String {
        let width = 360.0
        let height = 230.0
        let left = 70.0
        let right = 290.0
        let top = 18.0
        let bottom = 200.0
        let top100 = max(100, lines.map { max($0.from, $0.to) }.max() ?? 100)
        let low = min(0, lines.map { min($0.from, $0.to) }.min() ?? 0)
        func y(_ v: Double) -> Double { bottom - (v - low) / (top100 - low) * (bottom - top) }
        func f(_ x: Double) -> String { String(Double(Int((x * 10).rounded())) / 10) }
        let h = HTMLReporter.h
        let shortTitle = title.count > 90 ? String(title.prefix(89)) + "…" : title
        var out =
            "<figure class=\"chart slope\" data-indicator=\"\(h(key))\"><figcaption><strong>\(h(shortTitle))</strong><br><span class=\"where\">\(h(path))</span></figcaption>\n"
        out +=
            "<svg class=\"chart-slope\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(h("Baseline to actual: " + shortTitle))\">\n"
        for tick in [low, (low + top100) / 2, top100] {
            out +=
                "<line x1=\"\(f(left))\" x2=\"\(f(right))\" y1=\"\(f(y(tick)))\" y2=\"\(f(y(tick)))\" stroke=\"#e6e9ed\"/><text x=\"\(f(left - 6))\" y=\"\(f(y(tick) + 4))\" text-anchor=\"end\">\(f(tick))%</text>\n"
        }
        out +=
            "<text x=\"\(f(left))\" y=\"\(f(bottom + 18))\" text-anchor=\"middle\">baseline</text><text x=\"\(f(right))\" y=\"\(f(bottom + 18))\" text-anchor=\"middle\">actual</text>\n"
        // Ordinary lines first, flagged ones on top.
        for line in lines.sorted(by: { !$0.flagged && $1.flagged }) {
            let color = line.flagged ? "#b3261e" : "#8b949e"
            let widthStroke = line.flagged ? "2.5" : "1.2"
            out += "<g class=\"\(line.flagged ? "flagged" : "line")\"><title>\(h("\(line.label): \(line.fromText) → \(line.toText)"))</title>"
            out +=
                "<line x1=\"\(f(left))\" y1=\"\(f(y(line.from)))\" x2=\"\(f(right))\" y2=\"\(f(y(line.to)))\" stroke=\"\(color)\" stroke-width=\"\(widthStroke)\"/>"
            out +=
                "<circle cx=\"\(f(left))\" cy=\"\(f(y(line.from)))\" r=\"3\" fill=\"\(color)\"/><circle cx=\"\(f(right))\" cy=\"\(f(y(line.to)))\" r=\"3\" fill=\"\(color)\"/>"
            if line.flagged {
                let label = line.label.split(separator: ",").first.map(String.init) ?? line.label
                out += "<text x=\"\(f(right + 6))\" y=\"\(f(y(line.to) + 4))\" fill=\"#b3261e\">\(h(label)) \(h(line.toText))</text>"
            }
            out += "</g>\n"
        }
        out += "</svg></figure>\n"
        return out
    }
}

/// Bar charts: for each financial table, final budget, funds available and expenditure per area,
/// and the Total beside what the areas add up to.
package enum BarChart {
    package static let measures = [
        ("final_budget", "final budget", "#8c9eff"), ("funds_available", "funds available", "#4db6ac"), ("expenditure", "expenditure", "#f6a04d"),
    ]

    package static func charts(_ table: Table, flagged: Set<Int>, path: String) -> [String] {
        guard let area = table.columnIndex("area"), let kind = table.columnIndex("table") else { return [] }
        let columns = measures.compactMap { m in table.columnIndex(m.0).map { (m, $0) } }
        guard columns.count == measures.count else { return [] }
        struct Bar {
            var label: String
            var values: [Double?]
            var flagged: Bool
        }
        var order: [String] = []
        var tables: [String: (areas: [Bar], total: Bar?)] = [:]
        for row in 0..<table.rowCount {
            let name = FindingBuilder.displayText(table, row: row, column: area)
            let which = FindingBuilder.displayText(table, row: row, column: kind)
            let values = columns.map { table.value(row: row, column: $0.1).number?.doubleValue }
            guard values.contains(where: { $0 != nil }) else { continue }
            let bar = Bar(label: name, values: values, flagged: flagged.contains(table.location(row: row, column: area).line))
            if tables[which] == nil {
                tables[which] = ([], nil)
                order.append(which)
            }
            if name == "Total" { tables[which]?.total = bar } else { tables[which]?.areas.append(bar) }
        }
        return order.compactMap { which in
            guard let t = tables[which], !t.areas.isEmpty else { return nil }
            return svg(which, areas: t.areas.map { ($0.label, $0.values, $0.flagged) }, total: t.total.map(\.values), path: path)
        }
    }

    package static func svg(
        _ which: String, areas: [(label: String, values: [Double?], flagged: Bool)], total: [Double?]?, path: String
    ) -> String {
        let h = HTMLReporter.h
        let groups = areas.count + (total == nil ? 0 : 1)
        let groupWidth = 3 * 14.0 + 14
        let left = 70.0
        let top = 14.0
        let bottom = 190.0
        // At least as wide as a chart with eight areas, so a short table is not drawn huge.
        let width = max(left + Double(groups) * groupWidth + 20, left + 8 * groupWidth + 20)
        let sums = (0..<3).map { m in areas.reduce(0.0) { $0 + ($1.values[m] ?? 0) } }
        let drawn: [Double] = areas.flatMap { $0.values.compactMap { $0 } } + (total?.compactMap { $0 } ?? []) + sums
        let peak = max(1, drawn.max() ?? 1)
        func y(_ v: Double) -> Double { bottom - v / peak * (bottom - top) }
        func f(_ x: Double) -> String { String(Double(Int((x * 10).rounded())) / 10) }
        func money(_ v: Double) -> String {
            let n = Int(v.rounded())
            var digits = String(abs(n))
            var grouped = ""
            while digits.count > 3 {
                grouped = "," + digits.suffix(3) + grouped
                digits.removeLast(3)
            }
            return (n < 0 ? "-" : "") + digits + grouped
        }
        var out =
            "<figure class=\"chart bars\" data-table=\"\(h(which))\"><figcaption><strong>\(h(which.capitalized(first: true))) areas</strong> <span class=\"where\">\(h(path))</span></figcaption>\n"
        out +=
            "<svg class=\"chart-bars\" viewBox=\"0 0 \(Int(width)) 240\" role=\"img\" aria-label=\"\(h("Budget, funds available and expenditure per \(which) area"))\">\n"
        for tick in [0, peak / 2, peak] {
            out +=
                "<line x1=\"\(f(left))\" x2=\"\(f(width - 10))\" y1=\"\(f(y(tick)))\" y2=\"\(f(y(tick)))\" stroke=\"#e6e9ed\"/><text x=\"\(f(left - 6))\" y=\"\(f(y(tick) + 4))\" text-anchor=\"end\">\(h(money(tick)))</text>\n"
        }
        func group(_ index: Int, label: String, values: [Double?], flagged: Bool, isTotal: Bool) -> String {
            let x0 = left + Double(index) * groupWidth + 7
            var s = "<g class=\"\(isTotal ? "total" : "area")\(flagged ? " flagged" : "")\">"
            for (m, value) in values.enumerated() {
                guard let value else { continue }
                s +=
                    "<rect x=\"\(f(x0 + Double(m) * 14))\" y=\"\(f(y(max(0, value))))\" width=\"12\" height=\"\(f(abs(y(0) - y(value))))\" fill=\"\(measures[m].2)\"\(flagged ? " stroke=\"#b3261e\" stroke-width=\"1.5\"" : "")><title>\(h("\(label): \(measures[m].1) \(money(value))"))</title></rect>"
            }
            let short = label.split(separator: ":").first.map(String.init) ?? label
            s +=
                "<text x=\"\(f(x0 + 20))\" y=\"\(f(bottom + 14))\" text-anchor=\"middle\"\(flagged ? " fill=\"#b3261e\"" : "")>\(h(short.count > 10 ? String(short.prefix(9)) + "…" : short))</text></g>\n"
            return s
        }
        for (i, a) in areas.enumerated() { out += group(i, label: a.label, values: a.values, flagged: a.flagged, isTotal: false) }
        var captions: [String] = []
        if let total {
            let i = areas.count
            // Whole dollars: each part and the total may be off by half a dollar in rounding.
            let slack = (0..<3).map { m in 0.5 * Double(areas.filter { $0.values[m] != nil }.count + 1) }
            let off = (0..<3).contains { m in total[m].map { abs($0 - sums[m]) > slack[m] } ?? false }
            out += group(i, label: "Total", values: total, flagged: off, isTotal: true)
            let x0 = left + Double(i) * groupWidth + 7
            for m in 0..<3 {
                // The sum of the areas, marked on the Total's bar.
                out +=
                    "<line class=\"sum-marker\" x1=\"\(f(x0 + Double(m) * 14 - 2))\" x2=\"\(f(x0 + Double(m) * 14 + 14))\" y1=\"\(f(y(sums[m])))\" y2=\"\(f(y(sums[m])))\" stroke=\"#1f2328\" stroke-width=\"2\" stroke-dasharray=\"3 1\"><title>\(h("areas add up to \(money(sums[m]))"))</title></line>\n"
                if let t = total[m], abs(t - sums[m]) > 0.5 {
                    let beyond = abs(t - sums[m]) > slack[m]
                    captions.append(
                        "<span class=\"\(beyond ? "imbalance" : "within")\">\(h(measures[m].1)): Total \(h(money(t))), the areas add up to \(h(money(sums[m]))) (off by \(h(money(abs(t - sums[m]))))\(beyond ? "" : ", within rounding"))</span>"
                    )
                }
            }
        }
        out += "</svg>\n"
        if !captions.isEmpty { out += "<p class=\"imbalances\">" + captions.joined(separator: "<br>") + "</p>\n" }
        out += "</figure>\n"
        return out
    }
}
