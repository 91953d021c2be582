/// The YAML layer: any bytes either parse into nodes or give a diagnostic with a position.
func fuzzOne(_ bytes: [UInt8]) {
    let file = SourceFile(path: "fuzz.yaml", bytes: bytes)
    do {
        _ = try YAMLParser.parse(file, limits: YAMLLimits(maxDepth: 64, maxAliasExpansion: 1_000))
    } catch {
        require(error.location.map { $0.line >= 1 && $0.column >= 1 } ?? true, "diagnostic without a position: \(error)")
    }
}
