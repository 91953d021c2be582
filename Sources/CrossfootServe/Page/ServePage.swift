import Crossfoot
import CrossfootBase

/// The HTML of `crossfoot serve`'s pages, written by hand with every string from a file, a rule
/// or a message escaped (`h`); findings are `FindingsHTML`'s, as in the HTML report.
///
/// Styles and scripts are same-origin files (`/assets/…`), so the pages run under
/// `Content-Security-Policy: default-src 'self'` with nothing inline.
enum ServePage {
    static func h(_ s: String) -> String { XMLText.escape(s) }

    static func layout(title: String, body: String, scripts: [String] = []) -> String {
        var out = FindingsHTML.documentStart(title: title) + "<link rel=\"stylesheet\" href=\"/assets/crossfoot.css\">\n"
        for script in scripts { out += "<script src=\"/assets/\(h(script))\" defer></script>\n" }
        out += "</head>\n<body>\n<nav class=\"top\"><a href=\"/\">Check files</a> <a href=\"/rules\">Rules</a></nav>\n"
        out += body
        out += "</body>\n</html>\n"
        return out
    }

    /// The upload form: a plain multipart form that works without JavaScript, with a drop zone
    /// that a little script wires up.
    static func uploadForm(token: String, maxUpload: Int) -> String {
        """
        <form id="upload" class="upload" method="post" action="/check" enctype="multipart/form-data">
        <input type="hidden" name="token" value="\(h(token))">
        <div id="drop" class="drop">
        <p><strong>Drop report files here</strong>, or choose them:</p>
        <p><label>Files to check <input id="files" type="file" name="files" multiple></label></p>
        <p class="hint">Report text (.md, .txt), PDF, CSV, chart JSON or JSON rows; \(h(sizeText(maxUpload))) at most in all.</p>
        </div>
        <p><label>Rule file (optional) <input type="file" name="rules" accept=".yaml,.yml"></label></p>
        <p><button type="submit">Check</button></p>
        </form>

        """
    }

    static func home(token: String, maxUpload: Int) -> String {
        let body = """
            <header><h1>Check a report</h1>
            <p>Crossfoot reads the tables of a report and checks them against the rules: totals that do not add up, values that swing, percentages that cannot be. Nothing leaves this computer.</p></header>

            """ + uploadForm(token: token, maxUpload: maxUpload)
        return layout(title: "Crossfoot", body: body, scripts: ["serve.js"])
    }

    static func message(title: String, text: String) -> String {
        layout(title: title, body: "<header><h1>\(h(title))</h1></header>\n<p class=\"message-text\">\(h(text))</p>\n")
    }

    // MARK: Result

    static func result(_ upload: CheckedUpload, token: String, maxUpload: Int) -> String {
        var body = "<header><h1>Result</h1>\n"
        let data = DataView(upload)
        if let result = upload.result {
            body += "<p class=\"summary-line\" id=\"summary-line\">\(h(result.summaryLine))</p>\n"
        } else {
            body += "<p class=\"summary-line\" id=\"summary-line\">Nothing was checked.</p>\n"
        }
        body += "</header>\n"
        body += problems(upload)
        if let result = upload.result {
            body += files(result, upload: upload)
            body += downloads(upload.id)
            let anchors = data.anchors
            let shared = FindingsHTML(context: upload.context) { finding in anchors[DataView.key(finding.location)] }
            body += shared.findings(result)
            body += data.html
            body += "<p><a href=\"/r/\(h(upload.id))/rules\">The rules this check ran</a></p>\n"
        }
        body += "<section id=\"again\"><h2>Check other files</h2>\n" + uploadForm(token: token, maxUpload: maxUpload) + "</section>\n"
        return layout(title: "Crossfoot: \(upload.result?.summaryLine ?? "result")", body: body, scripts: ["report.js", "serve.js"])
    }

    /// Rule-file errors at their line and column, and the files that could not be read: shown
    /// beside the findings of the others.
    static func problems(_ upload: CheckedUpload) -> String {
        let lines = upload.messages.map(\.description).filter { $0.contains("error") || $0.contains("warning") }
        guard !lines.isEmpty else { return "" }
        var out = "<section id=\"problems\" class=\"problems\">\n<h2>Problems</h2>\n<ul>\n"
        for line in lines { out += "<li><code>\(h(line))</code></li>\n" }
        return out + "</ul>\n</section>\n"
    }

    static func files(_ result: LintResult, upload: CheckedUpload) -> String {
        var out =
            "<section id=\"files\">\n<h2>Files</h2>\n<table class=\"files\"><thead><tr><th>file</th><th>read as</th><th>rows per table</th><th>findings</th></tr></thead><tbody>\n"
        let byPath = Dictionary(result.files.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        let errors = Dictionary(result.inputErrors.map { ($0.location?.path ?? $0.path, $0) }, uniquingKeysWith: { a, _ in a })
        for name in upload.names {
            if let file = byPath[name] {
                let rows = file.rowsByTable.map { "\($0.name): \($0.rows)" }.joined(separator: ", ")
                out +=
                    "<tr><td>\(h(name))</td><td>\(h(file.format.rawValue))</td><td>\(h(rows.isEmpty ? "no tables" : rows))</td><td>\(file.findings.count)</td></tr>\n"
            } else if let error = errors[name] {
                out += "<tr class=\"unreadable\"><td>\(h(name))</td><td colspan=\"3\" class=\"file-error\">\(h(error.description))</td></tr>\n"
            } else {
                out += "<tr><td>\(h(name))</td><td colspan=\"3\">not read</td></tr>\n"
            }
        }
        return out + "</tbody></table>\n</section>\n"
    }

    static func downloads(_ id: String) -> String {
        var out = "<section id=\"downloads\"><h2>Downloads</h2>\n<p>"
        out += DownloadFormat.allCases.map { "<a class=\"download\" href=\"/r/\(h(id))/\($0.fileName)\" download>\($0.label)</a>" }.joined(separator: " ")
        return out + "</p>\n</section>\n"
    }

    // MARK: Rules

    static func rules(_ rules: [IRRule], title: String) -> String {
        var body =
            "<header><h1>\(h(title))</h1><p>\(rules.count) rule\(rules.count == 1 ? "" : "s") loaded, as <code>crossfoot rules explain</code> prints them; then the rules built into the readers.</p></header>\n"
        body += "<ul class=\"rule-index\">" + rules.map { "<li><a href=\"#rule-\(h($0.id))\">\(h($0.id))</a></li>" }.joined() + "</ul>\n"
        for rule in rules {
            body += "<section class=\"rule\" id=\"rule-\(h(rule.id))\"><h2><code>\(h(rule.id))</code></h2>\n<pre>\(h(rule.explanation))</pre></section>\n"
        }
        body += "<section id=\"built-in\"><h2>Built into Crossfoot</h2>\n<dl>\n"
        for rule in BuiltInRules.all {
            body += "<dt><code>\(h(rule.id))</code> (\(h(rule.severity.rawValue)))</dt><dd>\(h(rule.summary))</dd>\n"
        }
        body += "</dl></section>\n"
        return layout(title: "Crossfoot rules", body: body)
    }
}

/// `50 MiB`, `512 KiB`, `300 bytes`.
func sizeText(_ bytes: Int) -> String {
    if bytes >= 1 << 30, bytes % (1 << 30) == 0 { return "\(bytes >> 30) GiB" }
    if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
    if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
    return "\(bytes) bytes"
}
