import CrossfootBase
import CrossfootEngine
import CrossfootRules
import CrossfootTables

/// JUnit XML for CI systems that read test reports: one test suite per input file, one test
/// case per rule and file, and a failure per blocking finding (new, at or above `--fail-on`).
public struct JUnitReporter: Reporter {
    public var context: ReportContext

    public init(context: ReportContext) {
        self.context = context
    }

    public func render(_ run: LintResult) -> String {
        let rules = run.ruleIDs
        var suites: [String] = []
        var totalTests = 0
        var totalFailures = 0
        for file in run.files.sorted(by: { $0.path < $1.path }) {
            let path = XMLText.escape(context.paths.relative(file.path))
            var cases: [String] = []
            var failures = 0
            let ids = (rules + file.findings.map(\.rule)).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            for rule in ids {
                let blocking = file.findings.filter { $0.rule == rule && context.failOn.fails($0.severity) }
                var testcase = "    <testcase classname=\"\(path)\" name=\"\(XMLText.escape(rule))\">"
                if blocking.isEmpty {
                    testcase += "</testcase>"
                } else {
                    testcase += "\n"
                    for f in blocking {
                        let place = "\(context.paths.relative(f.location.path)):\(f.location.place)"
                        testcase +=
                            "      <failure type=\"\(f.severity.rawValue)\" message=\"\(XMLText.escape(f.message))\">\(XMLText.escape("\(place): \(f.severity.rawValue)[\(f.rule)]: \(f.message)"))</failure>\n"
                    }
                    testcase += "    </testcase>"
                    failures += blocking.count
                }
                cases.append(testcase)
            }
            totalTests += ids.count
            totalFailures += failures
            suites.append(
                "  <testsuite name=\"\(path)\" tests=\"\(ids.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n" + cases.joined(separator: "\n")
                    + "\n  </testsuite>")
        }
        for problem in run.inputErrors {
            let path = XMLText.escape(context.paths.relative(problem.path))
            totalTests += 1
            suites.append(
                "  <testsuite name=\"\(path)\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n    <testcase classname=\"\(path)\" name=\"read\">\n      <error message=\"\(XMLText.escape(problem.message))\">\(XMLText.escape(problem.description))</error>\n    </testcase>\n  </testsuite>"
            )
        }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"crossfoot\" tests=\"\(totalTests)\" failures=\"\(totalFailures)\" errors=\"\(run.inputErrors.count)\">\n"
        out += suites.joined(separator: "\n") + (suites.isEmpty ? "" : "\n")
        out += "</testsuites>\n"
        return out
    }
}
