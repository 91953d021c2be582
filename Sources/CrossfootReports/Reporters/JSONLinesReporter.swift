import CrossfootBase
import CrossfootEngine
import CrossfootRules
import CrossfootTables

/// One finding per line, as compact JSON, for streaming into other tools.
public struct JSONLinesReporter: Reporter {
    public init() {}

    public func render(_ run: LintResult) -> String {
        var out = ""
        run.forEachFinding { f in
            var w = JSONWriter(pretty: false)
            JSONReporter.write(f, into: &w)
            out += w.text + "\n"
        }
        return out
    }
}
