#if canImport(Glibc)
import Glibc
#endif

/// The CSV reader, whole and streamed: the stream cut into ranges of a few bytes, read in tiny
/// windows on two threads, must find exactly what one pass on one thread finds.
let scratch: String = {
    let dir = "/tmp/crossfoot-fuzz-\(getpid())"
    mkdir(dir, 0o700)
    return dir + "/indicators.csv"
}()

func fuzzOne(_ bytes: [UInt8]) {
    let whole = SourceFile(path: scratch, bytes: bytes)
    if let dataset = try? InputReader.read(whole, format: .csv) {
        _ = Validator(ruleSet: fuzzRules).validate(dataset)
    }
    guard let handle = fopen(scratch, "wb") else { return }
    _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, handle) }
    fclose(handle)
    let one = Linter(ruleSet: fuzzRules, options: Linter.Options(inputFormat: .csv, jobs: 1)).lint(paths: [scratch])
    let many = Linter(ruleSet: fuzzRules, options: Linter.Options(inputFormat: .csv, jobs: 2, splitSize: 64, windowSize: 64)).lint(paths: [scratch])
    require(fingerprint(one.files.flatMap(\.findings)) == fingerprint(many.files.flatMap(\.findings)), "streamed in ranges and windows, the findings differ")
    require(one.inputErrors.map(\.description) == many.inputErrors.map(\.description), "streamed in ranges and windows, the errors differ")
}
