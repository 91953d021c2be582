import Crossfoot

/// `crossfoot triage`: lint, then list the rows most likely wrong first.
enum TriageCommand {
    static let spec = CommandSpec(
        name: "triage",
        abstract: "List what is most likely wrong first: rows grouped by country and indicator, ranked by score.",
        discussion: """
            Lints like 'crossfoot lint' (it takes every lint option) and prints the rows with \
            findings grouped by country and indicator (financial tables: by area), the groups ordered \
            by their highest score, each with its findings, scores and evidence. A finding's score is \
            its rule's weight (error 1, warning 0.8, info 0.3, or the rule's 'weight:') times how far \
            off the value is; a row's score is 1 − Π(1 − score), so findings that agree raise it.

            It exits 0 whatever it finds (a reviewer's view, not a gate), unless --fail-on says \
            otherwise, and 3 when an input cannot be read.

            Examples:
              crossfoot triage report.md
              crossfoot triage reports/2023 reports/2024 --top 5
              crossfoot triage Samples --format html --output triage.html
              crossfoot triage report.md --format json      (findings ordered by score)
            """,
        arguments: ("path", "Files or folders to lint.", true, false),
        options: Lint.options)

    static func run(_ arguments: Arguments) throws {
        // Lint's defaults for a reviewer's view; the user's options override them.
        var given = arguments
        for (name, value) in [("format", "triage"), ("sort", "score"), ("fail-on", "never")] where given.values[name] == nil {
            given.values[name] = [value]
        }
        try Lint(given).run()
    }
}
