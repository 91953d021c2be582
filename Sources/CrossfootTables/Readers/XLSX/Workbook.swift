import CrossfootBase

/// What a workbook's small parts say: its sheets (found through the relationships of
/// `xl/workbook.xml`, not by their order in the archive), its date system, its shared strings
/// and the number format of each cell style.
struct Workbook {
    /// A worksheet to read: its name and the archive part holding it.
    struct Sheet {
        var name: String
        var part: String
    }

    var sheets: [Sheet] = []
    /// Whether dates count from 1904 (`<workbookPr date1904="1"/>`).
    var date1904 = false
    var sharedStrings: [String] = []
    /// The number format of each `cellXfs` style, by the index a cell's `s` attribute gives.
    var formats: [NumberFormat] = []
    /// Sheets that are not worksheets (chart sheets), skipped.
    var notes: [Diagnostic] = []

    static let workbookPart = "xl/workbook.xml"

    /// Reads the workbook, its relationships, shared strings and styles.
    ///
    /// - Parameter limit: the largest size a part may unpack to.
    /// - Throws: a `Diagnostic` naming the file and the part when one is missing, too large or
    ///   not well-formed XML.
    init(archive: ZipArchive, limit: Int) throws(Diagnostic) {
        guard let workbook = archive.entry(Self.workbookPart) else {
            throw Diagnostic(.error, "a ZIP archive without xl/workbook.xml: not an XLSX workbook", path: archive.path)
        }
        var declared: [(name: String, id: String)] = []
        try Self.scan(workbook, archive, limit: limit) { (event) throws(Diagnostic) in
            guard case .start(let name, let attributes, _) = event else { return }
            switch name.localName {
            case "workbookPr":
                if let value = Self.attribute("date1904", attributes) { date1904 = value == "1" || value == "true" }
            case "sheet":
                let id = attributes.first { $0.name.hasSuffix(":id") }?.value ?? ""
                declared.append((Self.attribute("name", attributes) ?? "Sheet\(declared.count + 1)", id))
            default: break
            }
        }
        // The relationships name each sheet's part and where the strings and styles are.
        var targets: [String: (type: String, part: String)] = [:]
        var stringsPart = "xl/sharedStrings.xml"
        var stylesPart = "xl/styles.xml"
        if let rels = archive.entry("xl/_rels/workbook.xml.rels") {
            try Self.scan(rels, archive, limit: limit) { (event) throws(Diagnostic) in
                guard case .start(let name, let attributes, _) = event, name.localName == "Relationship" else { return }
                guard let id = Self.attribute("Id", attributes), let target = Self.attribute("Target", attributes),
                    Self.attribute("TargetMode", attributes) != "External"
                else { return }
                let type = String((Self.attribute("Type", attributes) ?? "").split(separator: "/").last ?? "")
                let part = Self.resolve(target, from: "xl/")
                targets[id] = (type, part)
                if type == "sharedStrings" { stringsPart = part }
                if type == "styles" { stylesPart = part }
            }
        }
        for (i, sheet) in declared.enumerated() {
            if let target = targets[sheet.id] {
                if target.type == "worksheet" {
                    sheets.append(Sheet(name: sheet.name, part: target.part))
                } else {
                    notes.append(Diagnostic(.note, "sheet '\(sheet.name)' is a \(target.type), not a worksheet: skipped", path: archive.path))
                }
            } else if archive.entry("xl/worksheets/sheet\(i + 1).xml") != nil, targets.isEmpty {
                // No relationships part at all: the usual names, in order.
                sheets.append(Sheet(name: sheet.name, part: "xl/worksheets/sheet\(i + 1).xml"))
            } else {
                notes.append(Diagnostic(.note, "sheet '\(sheet.name)' names no part of the workbook (relationship '\(sheet.id)'): skipped", path: archive.path))
            }
        }
        if let strings = archive.entry(stringsPart) { try readStrings(strings, archive, limit: limit) }
        if let styles = archive.entry(stylesPart) { try readStyles(styles, archive, limit: limit) }
    }

    /// The format of style `index`; `General` for a cell without one.
    func format(style index: Int?) -> NumberFormat {
        guard let index, index >= 0, index < formats.count else { return .general }
        return formats[index]
    }

    /// `<si>` items: plain `<t>` or rich-text runs `<r><t>`, joined; phonetic runs (`<rPh>`) left out.
    private mutating func readStrings(_ entry: ZipArchive.Entry, _ archive: ZipArchive, limit: Int) throws(Diagnostic) {
        var current = ""
        var inText = false
        var phonetic = 0
        var strings: [String] = []
        try Self.scan(entry, archive, limit: limit) { (event) throws(Diagnostic) in
            switch event {
            case .start(let name, _, let selfClosing):
                switch name.localName {
                case "si": current = ""
                case "t": inText = !selfClosing && phonetic == 0
                case "rPh": if !selfClosing { phonetic += 1 }
                default: break
                }
            case .end(let name):
                switch name.localName {
                case "si": strings.append(current)
                case "t": inText = false
                case "rPh": phonetic -= 1
                default: break
                }
            case .text(let text):
                if inText { current += text }
            }
        }
        sharedStrings = strings
    }

    /// `<numFmts>` codes and the `numFmtId` of each `<cellXfs>` style.
    private mutating func readStyles(_ entry: ZipArchive.Entry, _ archive: ZipArchive, limit: Int) throws(Diagnostic) {
        var codes: [Int: String] = [:]
        var ids: [Int] = []
        var inCellXfs = false
        try Self.scan(entry, archive, limit: limit) { (event) throws(Diagnostic) in
            switch event {
            case .start(let name, let attributes, let selfClosing):
                switch name.localName {
                case "numFmt":
                    if let id = Self.attribute("numFmtId", attributes).flatMap({ Int($0) }), let code = Self.attribute("formatCode", attributes) {
                        codes[id] = code
                    }
                case "cellXfs": inCellXfs = !selfClosing
                case "xf" where inCellXfs: ids.append(Self.attribute("numFmtId", attributes).flatMap { Int($0) } ?? 0)
                default: break
                }
            case .end(let name):
                if name.localName == "cellXfs" { inCellXfs = false }
            case .text:
                break
            }
        }
        formats = ids.map { NumberFormat(id: $0, code: codes[$0]) }
    }

    /// Scans a part's XML as it unpacks, handing each event to `handle`.
    static func scan(
        _ entry: ZipArchive.Entry, _ archive: ZipArchive, limit: Int, _ handle: (XMLScanner.Event) throws(Diagnostic) -> Void
    ) throws(Diagnostic) {
        var scanner = XMLScanner(path: archive.path, part: entry.name)
        try Inflate.chunks(of: entry, in: archive, limit: limit) { (chunk) throws(Diagnostic) in
            scanner.feed(chunk)
            while let event = try scanner.next() { try handle(event) }
        }
        scanner.finish()
        while let event = try scanner.next() { try handle(event) }
    }

    static func attribute(_ name: String, _ attributes: [(name: String, value: String)]) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// A relationship target as a part name: `worksheets/sheet1.xml` from `xl/` is
    /// `xl/worksheets/sheet1.xml`; `/xl/…` is from the root; `..` goes up.
    static func resolve(_ target: String, from base: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : base.split(separator: "/")
        for piece in target.split(separator: "/") {
            if piece == ".." {
                _ = parts.popLast()
            } else if piece != "." {
                parts.append(piece)
            }
        }
        return parts.joined(separator: "/")
    }
}
