import Crossfoot

// Lint the sample report with the embedded default rules and no project config.
var options = LintSession.Options()
options.paths = ["Samples/kazakhstan-mco-2024/report.md"]
let outcome = LintSession(config: ProjectConfig(directory: "."), options: options).run()

for message in outcome.messages {
    print(message.description)
}
for finding in outcome.result?.findings ?? [] {
    print("\(finding.rule) line \(finding.location.line): \(finding.message)")
}
