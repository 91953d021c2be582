/// The chart reader (JSON, or a saved page holding JSON) and the default rules on it.
func fuzzOne(_ bytes: [UInt8]) {
    for format in [InputFormat.chart] {
        let file = SourceFile(path: "chart.json", bytes: bytes)
        guard let dataset = try? InputReader.read(file, format: format) else { continue }
        _ = Validator(ruleSet: fuzzRules).validate(dataset)
    }
}
