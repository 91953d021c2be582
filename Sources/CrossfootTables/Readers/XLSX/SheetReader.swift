import CrossfootBase

/// One cell of a sheet as read: its value, its text as a spreadsheet shows it, and what is
/// wrong with it when it holds no value.
struct SheetCell {
    /// The 0-based column (A is 0).
    var column: Int
    var value: CellValue
    /// The text a user sees in the cell (`0.06%`, `2024-03-31`, `#DIV/0!`).
    var text: String
    var problem: Problem?
    /// Whether the cell was written as text (a shared or inline string), whatever it looks like.
    var isString: Bool

    enum Problem {
        /// An error value such as `#DIV/0!`.
        case error(String)
        /// A formula without a cached value.
        case notComputed(formula: String)
    }
}

/// A row of a sheet: its 1-based number and its cells in column order.
struct SheetRow {
    var number: Int
    var cells: [SheetCell]
}

/// A merged range: 1-based rows, 0-based columns.
struct MergedRange {
    var rows: ClosedRange<Int>
    var columns: ClosedRange<Int>
}

/// Reads one worksheet part as it unpacks into rows of cells.
///
/// The sheet's XML is scanned event by event and never held whole; what is kept is one value
/// per cell. Values follow the cell's type and number format: shared and inline strings (rich
/// text runs joined), numbers (percent formats in percent units with the format's decimals,
/// other numbers to 15 significant digits with the format's decimals and thousands separators
/// when it fixes them),
/// dates as ISO text, booleans as `TRUE`/`FALSE`, error values and formulas without a cached
/// value as empty cells with their problem.
struct SheetReader {
    let workbook: Workbook
    let archive: ZipArchive
    let limit: Int

    /// A sheet's size in Excel: 1,048,576 rows of 16,384 columns (A to XFD).
    static let maxRows = 1 << 20
    static let maxColumns = 1 << 14

    /// Streams a sheet's rows to `onRow`, in the order the part writes them (ascending in every
    /// workbook Excel, LibreOffice, openpyxl and XlsxWriter write), each with its cells in column order.
    func read(_ sheet: Workbook.Sheet, onRow: (SheetRow) throws(Diagnostic) -> Void) throws(Diagnostic) {
        let outside = { (what: String) in
            Diagnostic(
                .error, "sheet '\(sheet.name)' (part \(sheet.part)) has a cell in \(what), outside a sheet's 1,048,576 rows and 16,384 columns",
                path: archive.path)
        }
        guard let entry = archive.entry(sheet.part) else {
            throw Diagnostic(
                .error, "sheet '\(sheet.name)' is missing: the workbook names part \(sheet.part), which the archive does not hold", path: archive.path)
        }
        var row = SheetRow(number: 0, cells: [])
        var nextColumn = 0
        var cell = Pending()
        // Which element's text is being collected.
        var capture = Capture.none
        var phonetic = 0
        try Workbook.scan(entry, archive, limit: limit) { (event) throws(Diagnostic) in
            switch event {
            case .start(let name, let attributes, let selfClosing):
                switch Element(name) {
                case .row:
                    let number = Workbook.attribute("r", attributes).flatMap { Int($0) } ?? row.number + 1
                    guard number >= 1, number <= Self.maxRows else { throw outside("row \(number)") }
                    row = SheetRow(number: number, cells: [])
                    nextColumn = 0
                case .c:
                    cell = Pending()
                    let reference = Workbook.attribute("r", attributes).flatMap(Self.parse(reference:))
                    cell.column = reference?.column ?? nextColumn
                    guard cell.column < Self.maxColumns else { throw outside("column \(cell.column + 1)") }
                    if let r = reference?.row, r != row.number {
                        guard r >= 1, r <= Self.maxRows else { throw outside("row \(r)") }
                        row.number = r
                    }
                    cell.type = Workbook.attribute("t", attributes) ?? "n"
                    cell.style = Workbook.attribute("s", attributes).flatMap { Int($0) }
                    nextColumn = cell.column + 1
                    if selfClosing { cell.column = -1 }
                case .v:
                    cell.value = ""
                    capture = selfClosing ? .none : .value
                case .f:
                    cell.formula = ""
                    capture = selfClosing ? .none : .formula
                case .inlineString:
                    cell.inline = ""
                case .t where cell.inline != nil && phonetic == 0:
                    capture = selfClosing ? .none : .inline
                case .phonetic:
                    if !selfClosing { phonetic += 1 }
                default: break
                }
            case .end(let name):
                switch Element(name) {
                case .v, .f, .t: capture = .none
                case .phonetic: phonetic -= 1
                case .c:
                    if cell.column >= 0, let made = make(cell) { row.cells.append(made) }
                    cell = Pending()
                case .row:
                    if !row.cells.isEmpty {
                        row.cells.sort { $0.column < $1.column }
                        try onRow(row)
                    }
                default: break
                }
            case .text(let text):
                switch capture {
                case .none: break
                case .value: cell.value = (cell.value ?? "") + text
                case .formula: cell.formula = (cell.formula ?? "") + text
                case .inline: cell.inline = (cell.inline ?? "") + text
                }
            }
        }
    }

    /// The merged ranges of a sheet, read before its rows (`<mergeCells>` follows `<sheetData>`,
    /// and a merge fills rows as they stream): the part is inflated and searched for
    /// `mergeCells` byte by byte, and only what follows is scanned as XML.
    func merges(_ sheet: Workbook.Sheet) throws(Diagnostic) -> [MergedRange] {
        guard let entry = archive.entry(sheet.part) else { return [] }
        var merges: [MergedRange] = []
        var scanner = XMLScanner(path: archive.path, part: entry.name)
        var scanning = false
        var failed = false
        var tail: [UInt8] = []
        let pattern = Array("mergeCells".utf8)
        func take(_ event: XMLScanner.Event) {
            guard case .start(let name, let attributes, _) = event, name.localName == "mergeCell" else { return }
            if let ref = Workbook.attribute("ref", attributes), let range = Self.parse(range: ref) { merges.append(range) }
        }
        try Inflate.chunks(of: entry, in: archive, limit: limit) { (chunk) throws(Diagnostic) in
            guard !failed else { return }
            if !scanning {
                let window = tail + Array(chunk)
                guard let at = window.firstIndex(of: pattern, from: 0), at > 0, window[at - 1] == 0x3C || window[at - 1] == 0x3A else {
                    tail = Array(window.suffix(32))
                    return
                }
                // From the `<` that opens it (`<mergeCells` or `<x:mergeCells`).
                let open = window[..<at].lastIndex(of: 0x3C) ?? at
                scanning = true
                window[open...].withUnsafeBufferPointer { scanner.feed($0) }
            } else {
                scanner.feed(chunk)
            }
            // XML errors are the row pass's to report.
            do throws(Diagnostic) {
                while let event = try scanner.next() { take(event) }
            } catch {
                failed = true
            }
        }
        if scanning, !failed {
            scanner.finish()
            do throws(Diagnostic) {
                while let event = try scanner.next() { take(event) }
            } catch {}
        }
        return merges
    }

    /// The elements of a sheet part the reader acts on, told apart by their bytes (a sheet has
    /// millions of them).
    private enum Element {
        case row, c, v, f, inlineString, t, phonetic, other

        /// Told apart by the bytes of the name after any namespace prefix (`x:row` is `row`),
        /// read in place: this runs for every element of a sheet.
        init(_ name: String) {
            var name = name
            self = name.withUTF8 { b in
                var s = 0
                if let colon = b.firstIndex(of: 0x3A) { s = colon + 1 }
                switch b.count - s {
                case 1:
                    switch b[s] {
                    case 0x63: return .c
                    case 0x76: return .v
                    case 0x66: return .f
                    case 0x74: return .t
                    default: return .other
                    }
                case 2: return b[s] == 0x69 && b[s + 1] == 0x73 ? .inlineString : .other
                case 3:
                    if b[s] == 0x72, b[s + 1] == 0x6F, b[s + 2] == 0x77 { return .row }
                    if b[s] == 0x72, b[s + 1] == 0x50, b[s + 2] == 0x68 { return .phonetic }
                    return .other
                default: return .other
                }
            }
        }
    }

    private enum Capture {
        case none, value, formula, inline
    }

    /// A cell while its element is read.
    private struct Pending {
        var column = -1
        var type = "n"
        var style: Int?
        var value: String?
        var formula: String?
        var inline: String?
    }

    private func make(_ c: Pending) -> SheetCell? {
        if let formula = c.formula, c.type != "inlineStr", (c.value ?? "").isEmpty {
            return SheetCell(column: c.column, value: .missing, text: "", problem: .notComputed(formula: formula), isString: false)
        }
        switch c.type {
        case "s":
            guard let index = c.value.flatMap({ Int($0.trimmingSpaces) }), index >= 0, index < workbook.sharedStrings.count else { return nil }
            return string(workbook.sharedStrings[index], column: c.column)
        case "inlineStr":
            return c.inline.map { string($0, column: c.column) }
        case "str":
            return c.value.map { string($0, column: c.column) }
        case "b":
            let text = c.value?.trimmingSpaces == "1" ? "TRUE" : "FALSE"
            return SheetCell(column: c.column, value: .text(text), text: text, isString: false)
        case "e":
            let text = (c.value ?? "").trimmingSpaces
            return SheetCell(column: c.column, value: .missing, text: text, problem: .error(text), isString: false)
        case "d":
            // An ISO 8601 date written as such: its date (and time, when it has one).
            let written = (c.value ?? "").trimmingSpaces
            let text = written.hasSuffix("T00:00:00") || written.hasSuffix("T00:00:00Z") ? String(written.prefix(10)) : written
            return text.isEmpty ? nil : SheetCell(column: c.column, value: .text(text), text: text, isString: false)
        default:
            guard let written = c.value, !written.trimmingSpaces.isEmpty else { return nil }
            guard case .number(let n, _) = CellText.parse(written) else {
                return string(written, column: c.column)
            }
            let (value, text) = Self.number(n, format: workbook.format(style: c.style), date1904: workbook.date1904)
            return SheetCell(column: c.column, value: value, text: text, isString: false)
        }
    }

    private func string(_ s: String, column: Int) -> SheetCell {
        let trimmed = s.trimmingSpaces
        return SheetCell(column: column, value: trimmed.isEmpty ? .missing : .text(trimmed), text: s, isString: true)
    }

    /// A number cell's value and shown text under its format.
    static func number(_ n: Number, format: NumberFormat, date1904: Bool) -> (CellValue, String) {
        switch format {
        case .percent(let decimals):
            let p = withDecimals(Number(significand: n.significand, exponent: n.exponent &+ 2), decimals)
            return (.number(p, percent: true), p.plain(decimals: decimals, grouping: false) + "%")
        case .date(let hasDate, let hasTime):
            if let text = ExcelDate.text(serial: n, date1904: date1904, hasDate: hasDate, hasTime: hasTime) { return (.text(text), text) }
            return number(n, format: .general, date1904: date1904)
        case .fixed(let decimals, let grouping):
            let fixed = withDecimals(significant(n), decimals)
            return (.number(fixed, percent: false), fixed.plain(decimals: decimals, grouping: grouping))
        case .general, .text:
            let shortest = significant(n).normalized
            let decimals = max(0, -Int(shortest.exponent))
            let value = shortest.exponent > 0 ? withDecimals(shortest, 0) : shortest
            return (.number(value, percent: false), value.plain(decimals: decimals, grouping: false))
        }
    }

    /// `n` to 15 significant digits, as a spreadsheet keeps and shows it (the float noise of
    /// `0.30000000000000004` dropped).
    static func significant(_ n: Number) -> Number {
        let digits = String(n.significand.magnitude).count
        guard digits > 15 else { return n }
        return n.rounded(toDecimals: -(Int(n.exponent) + digits - 15))
    }

    /// `n` rounded to `decimals` digits after the point and written with exactly that many.
    static func withDecimals(_ n: Number, _ decimals: Int) -> Number {
        var r = n.rounded(toDecimals: decimals)
        let shift = Int(r.exponent) + decimals
        if shift > 0, shift <= 30 {
            let (value, overflow) = r.significand.multipliedReportingOverflow(by: Number.power(shift))
            if !overflow { r = Number(significand: value, exponent: Int32(-decimals)) }
        }
        return r
    }

    /// `E12` → column 4, row 12.
    static func parse(reference: String) -> (column: Int, row: Int)? {
        var column = 0
        var row = 0
        var letters = 0
        var digits = 0
        for c in reference.utf8 {
            switch c {
            case 0x24: continue  // $
            case 0x41...0x5A where digits == 0:
                column = column * 26 + Int(c - 0x40)
                letters += 1
            case 0x61...0x7A where digits == 0:
                column = column * 26 + Int(c - 0x60)
                letters += 1
            case 0x30...0x39:
                row = row * 10 + Int(c - 0x30)
                digits += 1
            default: return nil
            }
            if letters > 3 || digits > 7 { return nil }
        }
        guard letters > 0, digits > 0 else { return nil }
        return (column - 1, row)
    }

    /// `A5:A8` → rows 5...8, column 0...0.
    static func parse(range: String) -> MergedRange? {
        let ends = range.split(separator: ":")
        guard let first = ends.first.flatMap({ parse(reference: String($0)) }) else { return nil }
        let last = ends.count > 1 ? parse(reference: String(ends[1])) ?? first : first
        return MergedRange(
            rows: min(first.row, last.row)...max(first.row, last.row), columns: min(first.column, last.column)...max(first.column, last.column))
    }
}
