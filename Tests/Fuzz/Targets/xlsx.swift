/// The XLSX reader: the input as a whole archive, as the XML of a sheet inside a stored archive,
/// and as the deflated data of that sheet (zlib's inflate, the limits and the checksum); and the
/// XML scanner fed in chunks of every size finds what it finds in one piece.
func fuzzOne(_ bytes: [UInt8]) {
    let reader = XLSXReader(maxPartSize: 1 << 20)
    check(try? reader.read(path: "book.xlsx", bytes: bytes))
    check(try? reader.read(path: "book.xlsx", bytes: workbook(sheet: bytes, method: 0, declared: bytes.count, crc: Deflater.crc32(bytes))))
    let declared = bytes.count >= 4 ? Int(bytes[0]) | Int(bytes[1]) << 8 | Int(bytes[2]) << 16 : 0
    check(try? reader.read(path: "book.xlsx", bytes: workbook(sheet: bytes, method: 8, declared: declared, crc: 0)))
    let whole = events(bytes, chunk: max(bytes.count, 1))
    for chunk in [1, 7, 64] {
        require(events(bytes, chunk: chunk) == whole, "the XML scanner finds other events when fed \(chunk) bytes at a time")
    }
}

/// Every finding of a workbook is at a cell of a sheet.
func check(_ dataset: Dataset?) {
    guard let dataset else { return }
    let result = Validator(ruleSet: fuzzRules).validate(dataset)
    for f in result.findings where f.check != "input" || f.rule.hasPrefix("formula-") {
        require(f.location.sheet != nil && f.location.cell != nil, "a workbook finding without its sheet and cell: \(f.rule) at \(f.location)")
    }
    for table in dataset.tables {
        for row in 0..<table.rowCount {
            for column in table.columns.indices {
                require(table.location(row: row, column: column).cell != nil, "a table cell without an address")
            }
        }
    }
}

/// The scanner's events as text, the input fed `chunk` bytes at a time; an error ends them.
func events(_ bytes: [UInt8], chunk: Int) -> [String] {
    var scanner = XMLScanner(path: "book.xlsx", part: "sheet")
    var out: [String] = []
    var text = ""
    func add(_ event: XMLScanner.Event) {
        switch event {
        case .text(let t): text += t
        case .start(let name, let attributes, let selfClosing):
            if !text.isEmpty { out.append("text \(text)") }
            text = ""
            out.append("start \(name) \(attributes.map { "\($0.name)=\($0.value)" }) \(selfClosing)")
        case .end(let name):
            if !text.isEmpty { out.append("text \(text)") }
            text = ""
            out.append("end \(name)")
        }
    }
    do throws(Diagnostic) {
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunk)
            bytes[start..<end].withUnsafeBufferPointer { scanner.feed($0) }
            while let event = try scanner.next() { add(event) }
            start = end
        }
        scanner.finish()
        while let event = try scanner.next() { add(event) }
    } catch {
        if !text.isEmpty { out.append("text \(text)") }
        out.append("error")
        return out
    }
    if !text.isEmpty { out.append("text \(text)") }
    return out
}

/// A workbook of one sheet whose part holds `sheet` as stored (0) or deflated (8) data.
func workbook(sheet: [UInt8], method: UInt16, declared: Int, crc: UInt32) -> [UInt8] {
    let book = Array(
        "<workbook xmlns:r=\"r\"><workbookPr date1904=\"0\"/><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>".utf8)
    let styles = Array(
        "<styleSheet><numFmts><numFmt numFmtId=\"164\" formatCode=\"0.00%\"/></numFmts><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"14\"/></cellXfs></styleSheet>"
            .utf8)
    let strings = Array("<sst><si><t>country</t></si><si><t>actual</t></si><si><r><t>Kazakh</t></r><r><t>stan</t></r></si></sst>".utf8)
    let entries: [(String, [UInt8], UInt16, Int, UInt32)] = [
        ("xl/workbook.xml", book, 0, book.count, Deflater.crc32(book)),
        ("xl/styles.xml", styles, 0, styles.count, Deflater.crc32(styles)),
        ("xl/sharedStrings.xml", strings, 0, strings.count, Deflater.crc32(strings)),
        ("xl/worksheets/sheet1.xml", sheet, method, declared, crc),
    ]
    var out: [UInt8] = []
    var central: [UInt8] = []
    func u16(_ v: Int, _ into: inout [UInt8]) { into += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
    func u32(_ v: Int, _ into: inout [UInt8]) { into += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24 & 0xFF)] }
    for (name, data, method, declared, crc) in entries {
        let n = Array(name.utf8)
        let offset = out.count
        for (target, signature) in [(0, 0x0403_4B50), (1, 0x0201_4B50)] {
            var h: [UInt8] = []
            u32(signature, &h)
            if target == 1 { u16(20, &h) }
            u16(20, &h)
            u16(0, &h)
            u16(Int(method), &h)
            u32(0, &h)
            u32(Int(crc), &h)
            u32(data.count, &h)
            u32(declared, &h)
            u16(n.count, &h)
            u16(0, &h)
            if target == 1 {
                u16(0, &h)
                u16(0, &h)
                u16(0, &h)
                u32(0, &h)
                u32(offset, &h)
                central += h + n
            } else {
                out += h + n + data
            }
        }
    }
    let at = out.count
    out += central
    u32(0x0605_4B50, &out)
    u16(0, &out)
    u16(0, &out)
    u16(entries.count, &out)
    u16(entries.count, &out)
    u32(central.count, &out)
    u32(at, &out)
    u16(0, &out)
    return out
}
