import CrossfootBase
import CrossfootEngine
import CrossfootRules
import CrossfootTables

/// GitHub Actions workflow commands, one annotation per finding, with repository-relative
/// paths. GitHub shows only 10 annotations of each level per step, so the most severe come
/// first, at most 10 of each level are printed, and a last line says how many more there are.
public struct GitHubReporter: Reporter {
    public var context: ReportContext
    public static let perLevel = 10

    public init(context: ReportContext) {
        self.context = context
    }

    /// Escapes a message: `%`, CR and LF.
    package static func escapeData(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Escapes a property value: also `:` and `,`.
    package static func escapeProperty(_ s: String) -> String {
        var out = ""
        for c in escapeData(s).unicodeScalars {
            switch c {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    package static func command(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "notice"
        }
    }

    public func render(_ run: LintResult) -> String {
        var findings: [Finding] = []
        run.forEachFinding { findings.append($0) }
        let ordered = findings.enumerated().sorted { a, b in
            (a.element.severity.rank, a.offset) < (b.element.severity.rank, b.offset)
        }.map(\.element)
        var shown: [Severity: Int] = [:]
        var hidden = 0
        var out = ""
        for f in ordered {
            let count = shown[f.severity, default: 0]
            guard count < Self.perLevel else {
                hidden += 1
                continue
            }
            shown[f.severity] = count + 1
            let path = context.paths.relative(f.location.path)
            var properties = "file=\(Self.escapeProperty(path)),line=\(f.location.line),col=\(f.location.column)"
            if f.endLocation.line == f.location.line, f.endLocation.column > f.location.column {
                properties += ",endColumn=\(f.endLocation.column)"
            }
            properties += ",title=\(Self.escapeProperty("Crossfoot \(f.rule)"))"
            out += "::\(Self.command(f.severity)) \(properties)::\(Self.escapeData(f.message))\n"
        }
        if hidden > 0 {
            out +=
                "::notice title=Crossfoot::\(hidden) more finding\(hidden == 1 ? "" : "s") not shown as annotations (GitHub shows \(Self.perLevel) of each level per step); see the step summary or the SARIF report\n"
        }
        for accepted in run.accepted {
            let path = context.paths.relative(accepted.finding.location.path)
            out +=
                "::notice file=\(Self.escapeProperty(path)),line=\(accepted.finding.location.line),col=\(accepted.finding.location.column),title=\(Self.escapeProperty("Crossfoot \(accepted.finding.rule) (accepted)"))::\(Self.escapeData("Accepted: \(accepted.reason)"))\n"
        }
        out += run.summaryLine + "\n"
        return out
    }
}
