import Crossfoot
import CrossfootBase

/// Turns the server-made paths of an upload's files back into the names they were uploaded
/// under, everywhere a result or a message carries a path.
struct Relabel {
    var labels: [String: String]

    func path(_ path: String) -> String { labels[path] ?? path }

    func location(_ location: SourceLocation) -> SourceLocation {
        var moved = location
        moved.path = path(location.path)
        return moved
    }

    func diagnostic(_ diagnostic: Diagnostic) -> Diagnostic {
        var moved = diagnostic
        moved.path = path(diagnostic.path)
        moved.location = diagnostic.location.map(location)
        return moved
    }

    func message(_ message: SessionMessage) -> SessionMessage {
        switch message {
        case .diagnostic(let d): return .diagnostic(diagnostic(d))
        case .text(var text):
            // Longest first, so that `…/10.md` is not taken for `…/1` and a rest.
            for (from, to) in labels.sorted(by: { $0.key.count > $1.key.count }) { text = text.replacingOccurrences(of: from, with: to) }
            return .text(text)
        }
    }

    func finding(_ finding: Finding) -> Finding {
        var moved = finding
        moved.location = location(finding.location)
        moved.endLocation = location(finding.endLocation)
        moved.rowPosition = finding.rowPosition.map(location)
        moved.notes = finding.notes.map { note in
            var n = note
            n.location = note.location.map(location)
            return n
        }
        return moved
    }

    func result(_ result: LintResult) -> LintResult {
        var moved = result
        moved.files = result.files.map { file in
            var f = file
            f.path = path(file.path)
            f.findings = file.findings.map(finding)
            f.notes = file.notes.map(diagnostic)
            return f
        }
        moved.inputErrors = result.inputErrors.map(diagnostic)
        moved.notes = result.notes.map(diagnostic)
        moved.baselined = result.baselined.map(finding)
        moved.accepted = result.accepted.map { accepted in
            var a = accepted
            a.finding = finding(accepted.finding)
            return a
        }
        moved.sources = Dictionary(result.sources.map { (path($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
        moved.datasets = Dictionary(result.datasets.map { (path($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
        moved.unreadableDatasets = Set(result.unreadableDatasets.map(path))
        return moved
    }
}
