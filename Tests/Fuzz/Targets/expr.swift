/// The expression language: any text parses or gives an error inside it; what parses is
/// checked and lowered in a rule without trapping.
func fuzzOne(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    do {
        _ = try ExprParser.parse(text)
    } catch {
        require(error.offset >= 0 && error.offset <= text.unicodeScalars.count + 1, "error offset \(error.offset) outside the text")
        return
    }
    // The same text as an `expect` of a rule, through the checker and the lowering.
    let indented = text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n      ")
    let rule = "crossfoot: 1\npack: fuzz\nrules:\n  - id: e\n    table: indicators\n    group_by: country\n    expect: |-\n      \(indented)\n"
    let result = RuleCompiler.compile([SourceFile(path: "rules.yaml", text: rule)])
    if let set = result.ruleSet,
        let dataset = try? InputReader.read(
            SourceFile(path: "indicators.csv", text: "country,baseline,actual,unit\nX,1,2,percent\nX,3,,number\nY,,0.5,percent\n"), format: .csv)
    {
        _ = Validator(ruleSet: set).validate(dataset)
    }
}
