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
public struct HTMLReporter: Reporter {
    public var context: ReportContext

    public init(context: ReportContext = ReportContext()) {
        self.context = context
    }

    package static func h(_ s: String) -> String { XMLText.escape(s) }

    public func render(_ run: LintResult) -> String {
        var out = """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="\(CrossfootVersion.name) \(CrossfootVersion.version)">
            <title>Crossfoot report</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            <header><h1>Crossfoot report</h1><p class="summary-line">\(Self.h(run.summaryLine))</p></header>

            """
        out += summary(run)
        out += findings(run)
        out += charts(run)
        out += "<script>\(Self.script)</script>\n</body>\n</html>\n"
        return out
    }

    // MARK: Summary

    package func summary(_ run: LintResult) -> String {
        var out = "<section id=\"summary\">\n<h2>Summary</h2>\n<table class=\"counts\"><thead><tr><th>severity</th><th>findings</th></tr></thead><tbody>\n"
        for severity in [Severity.error, .warning, .info] {
            out += "<tr class=\"sev-\(severity.rawValue)\"><td>\(severity.rawValue)</td><td>\(run.count(severity))</td></tr>\n"
        }
        if !run.accepted.isEmpty { out += "<tr><td>accepted</td><td>\(run.accepted.count)</td></tr>\n" }
        if !run.baselined.isEmpty { out += "<tr><td>in the baseline</td><td>\(run.baselined.count)</td></tr>\n" }
        out += "</tbody></table>\n<table class=\"rules\"><thead><tr><th>rule</th><th>severity</th><th>findings</th><th>checks</th></tr></thead><tbody>\n"
        let rules = Dictionary(run.rules.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (id, count) in run.countsByRule {
            let rule = rules[id]
            let severity = rule?.severity.rawValue ?? "warning"
            out +=
                "<tr><td><code>\(Self.h(id))</code></td><td class=\"sev-\(severity)\">\(severity)</td><td>\(count)</td><td>\(Self.h((rule?.description ?? "").trimmingSpaces))</td></tr>\n"
        }
        out += "</tbody></table>\n</section>\n"
        return out
    }

    // MARK: Findings

    package func findings(_ run: LintResult) -> String {
        let groups = Triage.rank(run)
        var ordered: [(Finding, Triage.Group)] = []
        for group in groups {
            for row in group.rows {
                for finding in row.findings { ordered.append((finding, group)) }
            }
        }
        var severities: Set<String> = []
        var rules: Set<String> = []
        var countries: Set<String> = []
        var indicators: Set<String> = []
        for (f, _) in ordered {
            severities.insert(f.severity.rawValue)
            rules.insert(f.rule)
            if let c = cell(f, "country"), !c.isEmpty { countries.insert(c) }
            if let i = cell(f, "indicator_code"), !i.isEmpty { indicators.insert(i) }
        }
        func select(_ name: String, _ label: String, _ values: Set<String>, order: @escaping (String, String) -> Bool = (<)) -> String {
            var s = "<label>\(label) <select data-filter=\"\(name)\"><option value=\"\">all</option>"
            for v in values.sorted(by: order) { s += "<option>\(Self.h(v))</option>" }
            return s + "</select></label>\n"
        }
        var out = "<section id=\"findings\">\n<h2>Findings, most likely wrong first</h2>\n<form class=\"filters\" onsubmit=\"return false\">\n"
        out += select("severity", "Severity", severities) { Severity(rawValue: $0) ?? .info < Severity(rawValue: $1) ?? .info }
        out += select("rule", "Rule", rules)
        out += select("country", "Country", countries)
        out += select("indicator", "Indicator", indicators, order: Words.naturalOrder)
        out +=
            "<label>Order <select data-sort><option value=\"score\">most likely wrong first</option><option value=\"place\">file, line and column</option></select></label>\n"
        out += "<output id=\"shown\">\(ordered.count) of \(ordered.count) shown</output>\n</form>\n<ol id=\"ranked\">\n"
        for (rank, (finding, group)) in ordered.enumerated() {
            out += item(finding, group: group, rank: rank)
        }
        out += "</ol>\n"
        if ordered.isEmpty { out += "<p class=\"empty\">No findings.</p>\n" }
        if !run.accepted.isEmpty {
            out += "<h3>Accepted</h3>\n<ul class=\"accepted\">\n"
            for a in run.accepted.sorted(by: { Finding.ordered($0.finding, $1.finding) }) {
                out +=
                    "<li><code>\(Self.h(a.finding.rule))</code> <span class=\"where\">\(Self.h(place(a.finding.location)))</span> \(Self.h(a.finding.message)) — <em>accepted: \(Self.h(a.reason))</em></li>\n"
            }
            out += "</ul>\n"
        }
        out += "</section>\n"
        return out
    }

    package func cell(_ finding: Finding, _ name: String) -> String? {
        finding.row.first { $0.name == name }?.text
    }

    package func place(_ location: SourceLocation) -> String {
        "\(context.paths.relative(location.path)):\(location.place)"
    }

    package func item(_ finding: Finding, group: Triage.Group, rank: Int) -> String {
        let severity = finding.severity.rawValue
        var out = "<li class=\"finding sev-\(severity)\" data-severity=\"\(severity)\" data-rule=\"\(Self.h(finding.rule))\""
        out += " data-country=\"\(Self.h(cell(finding, "country") ?? ""))\" data-indicator=\"\(Self.h(cell(finding, "indicator_code") ?? ""))\""
        out += " data-score-rank=\"\(rank)\" data-place=\"\(Self.h(place(finding.location)))\">\n"
        out += "<div class=\"head\"><span class=\"badge sev-\(severity)\">\(severity)</span> <code class=\"rule\">\(Self.h(finding.rule))</code>"
        out += " <span class=\"score\" title=\"triage score\">\(TriageReporter.score(finding.score))</span>"
        out += " <span class=\"where\">\(Self.h(place(finding.location)))</span> <span class=\"group\">\(Self.h(group.title))</span></div>\n"
        out += "<p class=\"message\">\(Self.h(finding.message))</p>\n"
        if let expectation = finding.expectation { out += "<p class=\"expectation\">\(Self.h(expectation))</p>\n" }
        if !finding.notes.isEmpty {
            out += "<ul class=\"notes\">"
            for note in finding.notes {
                out += "<li>\(Self.h(note.message))\(note.location.map { " <span class=\"where\">\(Self.h(place($0)))</span>" } ?? "")</li>"
            }
            out += "</ul>\n"
        }
        if !finding.row.isEmpty {
            out += "<div class=\"row-wrap\"><table class=\"row\"><thead><tr>"
            for c in finding.row { out += "<th>\(Self.h(c.name))</th>" }
            out += "</tr></thead><tbody><tr>"
            for c in finding.row {
                let hit = c.name == finding.column
                // Long text (an indicator's title) is cut, whole in its tooltip.
                let shown = c.text.count > 32 ? String(c.text.prefix(31)) + "…" : c.text
                let title = shown == c.text ? "" : " title=\"\(Self.h(c.text))\""
                out += hit ? "<td class=\"hit\"\(title)>\(Self.h(shown))</td>" : "<td\(title)>\(Self.h(shown))</td>"
            }
            out += "</tr></tbody></table></div>\n"
        }
        out += "</li>\n"
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

    package static let style = """
        :root{--error:#b3261e;--warning:#9a6700;--info:#0b57d0;--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--hit:#fff1c2}
        *{box-sizing:border-box}body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);margin:0 auto;max-width:1180px;padding:1rem 1.5rem}
        h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.25rem;border-bottom:1px solid var(--line);padding-bottom:.2rem;margin-top:2rem}h3{font-size:1.05rem}
        code{font:13px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
        table{border-collapse:collapse}td,th{border:1px solid var(--line);padding:.2rem .45rem;text-align:left;vertical-align:top}
        .counts td:last-child,.rules td:nth-child(3){text-align:right}
        .sev-error{color:var(--error)}.sev-warning{color:var(--warning)}.sev-info{color:var(--info)}
        .filters{display:flex;flex-wrap:wrap;gap:.6rem 1.2rem;align-items:center;margin:.5rem 0 1rem;padding:.5rem;background:#f6f8fa;border:1px solid var(--line);border-radius:6px}
        #ranked{padding-left:2rem}.finding{margin:0 0 1rem;padding:.5rem .7rem;border:1px solid var(--line);border-left:4px solid currentColor;border-radius:4px;color:var(--ink)}
        .finding.sev-error{border-left-color:var(--error)}.finding.sev-warning{border-left-color:var(--warning)}.finding.sev-info{border-left-color:var(--info)}
        .badge{font-weight:600;text-transform:uppercase;font-size:.75rem}.score{font-variant-numeric:tabular-nums;background:#eef1f4;border-radius:3px;padding:0 .3rem}
        .where,.group{color:var(--muted);font-size:.85rem}.message{margin:.3rem 0}.expectation{margin:.2rem 0;color:var(--muted)}.notes{margin:.2rem 0;padding-left:1.2rem}
        .row-wrap{overflow-x:auto}.row{font-size:.8rem;margin-top:.3rem}.row td,.row th{white-space:nowrap}.row td.hit{background:var(--hit);font-weight:700;outline:2px solid var(--warning)}
        .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:1rem}
        figure{margin:0;border:1px solid var(--line);border-radius:6px;padding:.5rem;break-inside:avoid}figcaption{font-size:.85rem;margin-bottom:.3rem}
        svg{width:100%;height:auto;display:block}svg text{font:11px system-ui,sans-serif;fill:var(--ink)}
        .legend{color:var(--muted);font-size:.85rem}.key{display:inline-block;width:.8rem;height:.8rem;margin:0 .25rem 0 .6rem;vertical-align:middle}
        .key.budget{background:#8c9eff}.key.funds{background:#4db6ac}.key.spent{background:#f6a04d}
        .imbalance{color:var(--error);font-weight:600}.within{color:var(--muted)}.note,.empty{color:var(--muted)}
        @media print{body{max-width:none;font-size:11pt}.filters{display:none}.finding{break-inside:avoid}#ranked li[hidden]{display:list-item}a{color:inherit}}
        """

    package static let script = """
        (function(){
          var list=document.getElementById('ranked');if(!list)return;
          var items=Array.prototype.slice.call(list.querySelectorAll('li.finding'));
          var filters=Array.prototype.slice.call(document.querySelectorAll('select[data-filter]'));
          var order=document.querySelector('select[data-sort]');var shown=document.getElementById('shown');
          function apply(){var n=0;items.forEach(function(li){var ok=filters.every(function(s){return !s.value||li.dataset[s.dataset.filter]===s.value});li.hidden=!ok;if(ok)n++});shown.textContent=n+' of '+items.length+' shown'}
          function sort(){var byPlace=order.value==='place';var sorted=items.slice().sort(function(a,b){if(byPlace){return a.dataset.place.localeCompare(b.dataset.place,undefined,{numeric:true})}return a.dataset.scoreRank-b.dataset.scoreRank});sorted.forEach(function(li){list.appendChild(li)})}
          filters.forEach(function(s){s.addEventListener('change',apply)});order.addEventListener('change',sort);
          apply();document.body.setAttribute('data-ready','true');
        })();
        """
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
