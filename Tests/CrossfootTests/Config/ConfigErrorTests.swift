import Foundation
import Testing

@testable import Crossfoot

/// Every broken config gives its exact position and exit code 2, and nothing is linted.
@Suite("Config errors", .serialized) struct ConfigErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var yaml: String
        /// The first line of standard error.
        var expected: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "unknown top-level key", yaml: "crossfoot: 1\nfail_on: warning\n",
            expected: ".crossfoot.yaml:2:1: error: unknown key 'fail_on' in the config; did you mean 'fail-on'?"),
        Case(
            name: "bad fail-on", yaml: "crossfoot: 1\nfail-on: loud\n",
            expected: ".crossfoot.yaml:2:10: error: 'fail-on' is error, warning, info or never, not 'loud'"),
        Case(
            name: "bad min-severity", yaml: "crossfoot: 1\nmin-severity: fatal\n",
            expected: ".crossfoot.yaml:2:15: error: 'min-severity' is error, warning or info, not 'fatal'"),
        Case(
            name: "max-warnings not a number", yaml: "crossfoot: 1\nmax-warnings: ten\n",
            expected: ".crossfoot.yaml:2:15: error: 'max-warnings' is a whole number of 0 or more, not a string"),
        Case(
            name: "negative max-warnings", yaml: "crossfoot: 1\nmax-warnings: -3\n",
            expected: ".crossfoot.yaml:2:15: error: 'max-warnings' is a whole number of 0 or more, not '-3'"),
        Case(
            name: "unknown rule id", yaml: "crossfoot: 1\nrules:\n  steep-dorp: {severity: error}\n",
            expected: ".crossfoot.yaml:3:3: error: no loaded rule is called 'steep-dorp'; did you mean 'steep-drop'?"),
        Case(
            name: "unknown pack", yaml: "crossfoot: 1\npacks: [default, rules/missing.yaml]\n",
            expected: ".crossfoot.yaml:2:18: error: no rule pack 'rules/missing.yaml': no such file or folder (packs are files, folders or 'default')"),
        Case(
            name: "unknown key in a rule's settings", yaml: "crossfoot: 1\nrules:\n  steep-drop: {severty: error}\n",
            expected: ".crossfoot.yaml:3:16: error: unknown key 'severty' in the settings of rule 'steep-drop'; did you mean 'severity'?"),
        Case(
            name: "unknown check setting", yaml: "crossfoot: 1\nrules:\n  steep-drop: {change: {max_dorp: 40}}\n",
            expected: ".crossfoot.yaml:3:25: error: unknown key 'max_dorp' in change; did you mean 'max_drop'?"),
        Case(
            name: "check setting of the wrong type", yaml: "crossfoot: 1\nrules:\n  steep-drop: {change: {max_drop: \"forty\"}}\n",
            expected: ".crossfoot.yaml:3:35: error: 'max_drop' must be a number, not the string \"forty\""),
        Case(
            name: "another check kind", yaml: "crossfoot: 1\nrules:\n  steep-drop: {range: {max: 5}}\n",
            expected: ".crossfoot.yaml:3:16: error: rule 'steep-drop' is a change check; its settings are changed under 'change:', not 'range:'"),
        Case(
            name: "enabled as a string", yaml: "crossfoot: 1\nrules:\n  steep-drop: {enabled: \"no\"}\n",
            expected: ".crossfoot.yaml:3:25: error: 'enabled' is true or false, not a string"),
        Case(
            name: "bad severity in a rule's settings", yaml: "crossfoot: 1\nrules:\n  steep-drop: {severity: high}\n",
            expected: ".crossfoot.yaml:3:26: error: unknown severity 'high'; use error, warning or info"),
        Case(
            name: "override without paths", yaml: "crossfoot: 1\noverrides:\n  - rules: {steep-drop: {enabled: false}}\n",
            expected: ".crossfoot.yaml:3:5: error: this override has no 'paths'"),
        Case(
            name: "override changing a check", yaml: "crossfoot: 1\noverrides:\n  - paths: [a/**]\n    rules: {steep-drop: {change: {max_drop: 1}}}\n",
            expected: ".crossfoot.yaml:4:26: error: per-path overrides change only 'enabled' and 'severity'; set 'change' under the top-level 'rules:'"),
        Case(
            name: "override of an unknown rule", yaml: "crossfoot: 1\noverrides:\n  - paths: [a/**]\n    rules: {no-such-rule: {enabled: false}}\n",
            expected: ".crossfoot.yaml:4:13: error: no loaded rule is called 'no-such-rule'"),
        Case(
            name: "unknown report format", yaml: "crossfoot: 1\nreports: {sarf: out.sarif}\n",
            expected: ".crossfoot.yaml:2:11: error: unknown report format 'sarf'; did you mean 'sarif'?"),
        Case(
            name: "accept without reason", yaml: "crossfoot: 1\naccept:\n  - rule: steep-drop\n    where: country == \"Uzbekistan\"\n",
            expected: ".crossfoot.yaml:3:5: error: an accepted finding needs a 'reason', written for the next reviewer"),
        Case(
            name: "accept of an unknown rule", yaml: "crossfoot: 1\naccept:\n  - {rule: steep-drops, reason: checked}\n",
            expected: ".crossfoot.yaml:3:12: error: no loaded rule is called 'steep-drops'; did you mean 'steep-drop'?"),
        Case(
            name: "accept with an unknown column", yaml: "crossfoot: 1\naccept:\n  - {rule: steep-drop, where: 'contry == \"X\"', reason: checked}\n",
            expected: ".crossfoot.yaml:3:32: error: table 'indicators' has no column 'contry'; did you mean 'country'?"),
        Case(
            name: "accept with a malformed condition", yaml: "crossfoot: 1\naccept:\n  - {rule: steep-drop, where: 'country = \"X\"', reason: checked}\n",
            expected: ".crossfoot.yaml:3:40: error: in 'where': '=' is not an operator; write '==' to compare"),
        Case(
            name: "an unknown limit", yaml: "crossfoot: 1\nlimits: {max-line-lenght: 1MiB}\n",
            expected: ".crossfoot.yaml:2:10: error: unknown limit 'max-line-lenght'; did you mean 'max-line-length'?"),
        Case(
            name: "a size that is not one", yaml: "crossfoot: 1\nlimits:\n  max-file-size: big\n",
            expected: ".crossfoot.yaml:3:18: error: 'max-file-size' is a size in bytes such as 67108864 or 64MiB, not 'big'"),
        Case(
            name: "a count written as a size", yaml: "crossfoot: 1\nlimits:\n  max-yaml-depth: 1MiB\n",
            expected: ".crossfoot.yaml:3:19: error: 'max-yaml-depth' is a whole number of 0 or more, not '1MiB'"),
        Case(
            name: "wrong version", yaml: "crossfoot: 2\n",
            expected: ".crossfoot.yaml:1:12: error: this Crossfoot reads config version 1 ('crossfoot: 1')"),
        Case(
            name: "a list is not a config", yaml: "- fail-on: error\n",
            expected: ".crossfoot.yaml:1:1: error: the config is a mapping of settings such as 'packs:' and 'fail-on:', not a list"),
        Case(
            name: "include of the wrong type", yaml: "crossfoot: 1\ninclude: {data: yes}\n",
            expected: ".crossfoot.yaml:2:10: error: 'include' must be a string or a list of strings, not a mapping"),
        Case(
            name: "exclude of the wrong type", yaml: "crossfoot: 1\nexclude: {data: yes}\n",
            expected: ".crossfoot.yaml:2:10: error: 'exclude' must be a string or a list of strings, not a mapping"),
        Case(
            name: "baseline of the wrong type", yaml: "crossfoot: 1\nbaseline: [a.json, b.json]\n",
            expected: ".crossfoot.yaml:2:11: error: 'baseline' must be a string, not a list"),
        Case(
            name: "tables of the wrong type", yaml: "crossfoot: 1\ntables: [indicators]\n",
            expected:
                ".crossfoot.yaml:2:9: error: 'tables' maps table names to their header names, as in {indicators: {headers: {actual: [\"Actual*\"]}}}, not a list"
        ),
        Case(
            name: "a table setting other than headers",
            yaml: "crossfoot: 1\ntables:\n  indicators:\n    headers: {actual: Actual*}\n    subject: \"{country}\"\n",
            expected:
                ".crossfoot.yaml:5:5: error: unknown key 'subject' in table 'indicators' of the config, which takes only 'headers' ('subject' belongs in a rule pack's tables)"
        ),
        Case(
            name: "header names of an unknown column", yaml: "crossfoot: 1\ntables:\n  indicators:\n    headers:\n      contry: [Country/Territory]\n",
            expected: ".crossfoot.yaml:5:7: error: table 'indicators' has no column 'contry' to map header names to; did you mean 'country'?"),
        Case(
            name: "header names of an unknown table", yaml: "crossfoot: 1\ntables:\n  indicator:\n    headers: {actual: Actual*}\n",
            expected:
                ".crossfoot.yaml:3:3: error: no known table is called 'indicator', so it has no columns to map header names to (a pack declares a table's 'columns'); did you mean 'indicators'?"
        ),
        Case(
            name: "header names of the wrong type", yaml: "crossfoot: 1\ntables:\n  indicators:\n    headers: {actual: {first: Actual}}\n",
            expected: ".crossfoot.yaml:4:23: error: the header names of 'actual' must be a header name or a list of them, not a mapping"),
        Case(
            name: "tab in indentation", yaml: "crossfoot: 1\nrules:\n\tsteep-drop: {}\n",
            expected: ".crossfoot.yaml:3:1: error: found character that cannot start any token while scanning for the next token"),
    ]

    @Test(arguments: cases)
    func reportsPositionAndExits2(_ c: Case) throws {
        let dir = NSTemporaryDirectory() + "crossfoot-config-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try c.yaml.write(toFile: dir + "/.crossfoot.yaml", atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: Support.path(Support.seedReportPath), toPath: dir + "/report.md")
        let out = try CLI.run(["lint"], in: dir)
        #expect(out.status == 2)
        #expect(out.stdout == "")
        #expect(out.stderr.split(separator: "\n").first.map(String.init) == c.expected)
    }

    /// The cases by name, so that dropping one fails here instead of quietly testing less.
    @Test func theCasesAreAllThere() {
        #expect(
            Self.cases.map(\.name) == [
                "unknown top-level key", "bad fail-on", "bad min-severity", "max-warnings not a number", "negative max-warnings", "unknown rule id",
                "unknown pack", "unknown key in a rule's settings", "unknown check setting", "check setting of the wrong type", "another check kind",
                "enabled as a string", "bad severity in a rule's settings", "override without paths", "override changing a check",
                "override of an unknown rule", "unknown report format", "accept without reason", "accept of an unknown rule",
                "accept with an unknown column", "accept with a malformed condition", "an unknown limit", "a size that is not one",
                "a count written as a size", "wrong version", "a list is not a config", "include of the wrong type", "exclude of the wrong type",
                "baseline of the wrong type", "tables of the wrong type", "a table setting other than headers", "header names of an unknown column",
                "header names of an unknown table", "header names of the wrong type", "tab in indentation",
            ])
    }

    /// Every top-level key the config reader knows is set by a broken config above, so a new key
    /// comes with a case.
    @Test func everyTopLevelKeyHasACase() {
        for key in ConfigParser.topKeys {
            #expect(Self.cases.contains { ("\n" + $0.yaml).contains("\n\(key):") }, "no broken config sets '\(key)'")
        }
    }
}

/// Finding `.crossfoot.yaml`: the nearest one above the start, never above a repository's root.
@Suite("Config discovery") struct ConfigDiscoveryTests {
    @Test func theNearestConfigAboveIsFound() throws {
        let root = NSTemporaryDirectory() + "crossfoot-discover-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root + "/a/b/c", withIntermediateDirectories: true)
        try "fail-on: warning\n".write(toFile: root + "/a/.crossfoot.yaml", atomically: true, encoding: .utf8)
        #expect(ProjectConfig.discover(from: root + "/a/b/c") == root + "/a/.crossfoot.yaml")
        #expect(ProjectConfig.discover(from: root + "/a") == root + "/a/.crossfoot.yaml")
        // A repository's root stops the walk: its parent's config is not its own.
        try FileManager.default.createDirectory(atPath: root + "/a/b/.git", withIntermediateDirectories: true)
        #expect(ProjectConfig.discover(from: root + "/a/b/c") == nil)
    }
}
