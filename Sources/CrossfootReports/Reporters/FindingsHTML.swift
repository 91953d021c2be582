import CrossfootBase
import CrossfootEngine
import CrossfootFindings
import CrossfootRules
import CrossfootTables

/// A lint's summary and findings as HTML, in one place for every page that shows them: the HTML
/// report and `crossfoot serve`'s result page render findings through this, not copies of it.
///
/// Every string from the data, the rules or a file name goes through `h` (escaped), and the
/// markup carries no inline event handler or style attribute, so a page under
/// `Content-Security-Policy: default-src 'self'` shows it whole once `style` and `script` are
/// served from the same origin or with a nonce.
public struct FindingsHTML: Sendable {
    public var context: ReportContext
    /// The id of the element on the same page a finding links to (its cell in a data table);
    /// `nil` links nothing, as in the HTML report.
    public var anchor: @Sendable (Finding) -> String?

    public init(context: ReportContext = ReportContext(), anchor: @escaping @Sendable (Finding) -> String? = { _ in nil }) {
        self.context = context
        self.anchor = anchor
    }

    package static func h(_ s: String) -> String { XMLText.escape(s) }

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
        var out = "<section id=\"findings\">\n<h2>Findings, most likely wrong first</h2>\n<form class=\"filters\">\n"
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
        let whereText = Self.h(place(finding.location))
        // On a page that shows the data, the place links to the cell.
        let placed = anchor(finding).map { "<a class=\"to-cell\" href=\"#\(Self.h($0))\">\(whereText)</a>" } ?? whereText
        out += " <span class=\"where\">\(placed)</span> <span class=\"group\">\(Self.h(group.title))</span></div>\n"
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

    /// The start of a page, the HTML report's and `crossfoot serve`'s: doctype, language,
    /// charset, viewport, generator and title, leaving the head open for styles and scripts.
    package static func documentStart(title: String) -> String {
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="\(CrossfootVersion.name) \(CrossfootVersion.version)">
        <title>\(XMLText.escape(title))</title>

        """
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
          var form=document.querySelector('form.filters');if(form)form.addEventListener('submit',function(e){e.preventDefault()});
          var order=document.querySelector('select[data-sort]');var shown=document.getElementById('shown');
          function apply(){var n=0;items.forEach(function(li){var ok=filters.every(function(s){return !s.value||li.dataset[s.dataset.filter]===s.value});li.hidden=!ok;if(ok)n++});shown.textContent=n+' of '+items.length+' shown'}
          function sort(){var byPlace=order.value==='place';var sorted=items.slice().sort(function(a,b){if(byPlace){return a.dataset.place.localeCompare(b.dataset.place,undefined,{numeric:true})}return a.dataset.scoreRank-b.dataset.scoreRank});sorted.forEach(function(li){list.appendChild(li)})}
          filters.forEach(function(s){s.addEventListener('change',apply)});order.addEventListener('change',sort);
          apply();document.body.setAttribute('data-ready','true');
        })();
        """
}
