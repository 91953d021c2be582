import CrossfootBase
import CrossfootEngine
import CrossfootRules
import CrossfootTables

/// GitLab code-quality JSON: an array of issues with a description, check, fingerprint,
/// severity and location.
public struct GitLabReporter: Reporter {
    public var context: ReportContext

    public init(context: ReportContext) {
        self.context = context
    }

    package static func severity(_ s: Severity) -> String {
        switch s {
        case .error: "major"
        case .warning: "minor"
        case .info: "info"
        }
    }

    public func render(_ run: LintResult) -> String {
        var w = JSONWriter()
        w.open("[")
        var occurrences: [String: Int] = [:]
        run.forEachFinding { f in
            let fingerprint = context.fingerprint(f)
            let n = occurrences[fingerprint, default: 0]
            occurrences[fingerprint] = n + 1
            w.open("{")
            w.string(f.message, key: "description")
            w.string(f.rule, key: "check_name")
            w.string("\(fingerprint)-\(n)", key: "fingerprint")
            w.string(Self.severity(f.severity), key: "severity")
            w.open("{", key: "location")
            w.string(context.paths.relative(f.location.path), key: "path")
            w.open("{", key: "lines")
            w.int(f.location.line, key: "begin")
            w.close("}")
            w.close("}")
            w.close("}")
        }
        w.close("]")
        return w.text + "\n"
    }
}
