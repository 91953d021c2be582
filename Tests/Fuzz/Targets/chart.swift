/// The JSON readers (chart series, in JSON or a saved page holding it; JSON rows) and the default
/// rules on them.
func fuzzOne(_ bytes: [UInt8]) {
    for format in [InputFormat.chart, .jsonRows] {
        let file = SourceFile(path: "chart.json", bytes: bytes)
        guard let dataset = try? InputReader.read(file, format: format) else { continue }
        _ = Validator(ruleSet: fuzzRules).validate(dataset)
    }
}
