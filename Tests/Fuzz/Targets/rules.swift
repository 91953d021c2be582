/// The rule compiler: any rule file compiles or gives errors with positions; a compiled rule set
/// then checks a small table without trapping.
func fuzzOne(_ bytes: [UInt8]) {
    let file = SourceFile(path: "rules.yaml", bytes: bytes)
    let result = RuleCompiler.compile([file], limits: YAMLLimits(maxDepth: 64, maxAliasExpansion: 1_000))
    for d in result.diagnostics {
        require(d.location.map { $0.line >= 1 && $0.column >= 1 } ?? true, "diagnostic without a position: \(d)")
    }
    guard let set = result.ruleSet else {
        require(!result.errors.isEmpty, "no rule set and no error")
        return
    }
    let table =
        "operation,year,indicator_code,country,population_type,unit,baseline,target,actual,area,v\nA,2024,1.1,X,R,percent,50%,60%,0.5%,A1,3\nA,2024,1.2,Y,R,number,10,,200,A1,\n"
    let data = SourceFile(path: "data.csv", text: table)
    if let dataset = try? InputReader.read(data, format: .csv) {
        _ = Validator(ruleSet: set).validate(dataset)
    }
}
