// Shared by the fuzz targets: compiled into one module with the library's sources, so a target
// can reach internal API. Each target file defines `fuzzOne(_:)`.
#if canImport(Glibc)
import Glibc
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func crossfootFuzzEntry(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    fuzzOne(bytes)
    return 0
}

/// Fails the run (libFuzzer records the input) when an invariant does not hold.
func require(_ condition: @autoclosure () -> Bool, _ message: String) {
    if !condition() {
        fputs("fuzz invariant broken: \(message)\n", stderr)
        abort()
    }
}

/// The default rules, compiled once.
let fuzzRules: RuleSet = {
    guard let set = RuleCompiler.compile([RulePacks.defaultPack]).ruleSet else { fatalError("default pack") }
    return set
}()

/// Findings as text, to compare two runs.
func fingerprint(_ findings: [Finding]) -> [String] {
    findings.map { "\($0.rule)@\($0.location.line):\($0.location.column) \($0.message)" }
}
