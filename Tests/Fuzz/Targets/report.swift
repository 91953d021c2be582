/// The results-report reader and the default rules on what it reads.
func fuzzOne(_ bytes: [UInt8]) {
    let file = SourceFile(path: "report.md", bytes: bytes)
    guard let dataset = try? InputReader.read(file, format: .report) else { return }
    let result = Validator(ruleSet: fuzzRules).validate(dataset)
    for f in result.findings {
        require(f.location.line >= 1 && f.location.column >= 1, "finding without a position")
    }
}
