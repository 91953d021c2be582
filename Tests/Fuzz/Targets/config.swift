/// The project config parser: any file parses or gives errors with positions.
func fuzzOne(_ bytes: [UInt8]) {
    let file = SourceFile(path: ".crossfoot.yaml", bytes: bytes)
    if case .failure(let list) = ConfigParser.parse(file, directory: "/tmp") {
        for d in list.diagnostics {
            require(d.location.map { $0.line >= 1 && $0.column >= 1 } ?? true, "diagnostic without a position: \(d)")
        }
    }
}
