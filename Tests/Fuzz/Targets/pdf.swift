/// The PDF reader: poppler (loaded with dlopen: not instrumented, but a crash inside it still
/// stops the run), the layout of its glyphs as text, and the report reader and the default rules
/// on that text.
func fuzzOne(_ bytes: [UInt8]) {
    guard let file = try? PDFReader.text(path: "report.pdf", bytes: bytes, maxTextSize: 4 << 20) else { return }
    require(!file.pageStarts.isEmpty && file.pageStarts == file.pageStarts.sorted(), "pages out of order")
    guard let dataset = try? InputReader.read(file, format: .pdf) else { return }
    let result = Validator(ruleSet: fuzzRules).validate(dataset)
    for f in result.findings {
        require(f.location.line >= 1 && f.location.column >= 1, "finding without a position")
        require(f.location.page.map { $0.page >= 1 && Int($0.page) <= file.pageStarts.count && $0.line >= 1 } ?? false, "a PDF finding without its page")
    }
}
