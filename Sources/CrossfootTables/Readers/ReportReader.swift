// One file on purpose: the report parser is one state machine over the lines (headings set the
// area and indicator kind, title rows the indicator, rows the cells), and splitting its states
// across files would hide how one line changes what the next one means.
import CrossfootBase
import CrossfootRules

/// Reads the text of an annual results report (as extracted from the published PDF) into the
/// tables `indicators` and `financials`.
///
/// The text has markdown headings that set the area and the kind of indicator, and
/// tab-separated tables: indicator tables (a title row per indicator, then a row per country
/// and population type) and two financial tables (impact areas and outcome areas). See the
/// README's "Readers" section for every rule this follows.
public struct ReportReader: Sendable {
    public init() {}

    public func read(_ file: SourceFile) throws(Diagnostic) -> Dataset {
        var parser = ReportParser(file: file)
        parser.run()
        if parser.indicators.rowCount == 0, parser.financials.rowCount == 0 {
            let location = file.location(ofOffset: file.lines.bomLength)
            throw Diagnostic.error(
                "no indicator or financial table found in this report (expected tab-separated rows under a 'Country\tPopulation Type\t…' or 'Impact Area\tFinal Budget\t…' header)",
                at: location)
        }
        var tables: [Table] = []
        if parser.indicators.rowCount > 0 { tables.append(parser.indicators.table(file: file, schema: .indicators)) }
        if parser.financials.rowCount > 0 { tables.append(parser.financials.table(file: file, schema: .financials)) }
        return Dataset(source: file, format: .report, tables: tables, issues: parser.issues, notes: parser.notes)
    }

    /// Whether the text looks like a report: a line that is its title (at any heading level),
    /// or a line that starts one of its table headers.
    public static func looksLikeReport(_ bytes: [UInt8]) -> Bool {
        let headers = ["Country\tPopulation Type\t", "Impact Area\tFinal Budget", "Outcome Area\tFinal Budget"].map { Array($0.utf8) }
        let title = Array("Annual Results Report".utf8)
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            let line = bytes[start..<end]
            if headers.contains(where: { line.starts(with: $0) }) { return true }
            if line.first == 0x23 {
                var text = line.drop { $0 == 0x23 || $0 == 0x20 }
                while let last = text.last, last == 0x0D || last == 0x20 { text = text.dropLast() }
                if text.elementsEqual(title) { return true }
            }
            start = end + 1
        }
        return false
    }
}
private struct ReportParser {
    let file: SourceFile
    var indicators = TableBuilder(schema: .indicators)
    var financials = TableBuilder(schema: .financials)
    var issues: [ReaderIssue] = []
    var notes: [Diagnostic] = []

    // Title block.
    var sawTitle = false
    var year: (value: Number, span: CellSpan)?
    var operation: (value: String, span: CellSpan)?
    var titleBlockDone = false

    // Section state.
    var areaKind: (value: String, span: CellSpan)?
    var area: (value: String, span: CellSpan)?
    var indicatorKind: (value: String, span: CellSpan)?

    enum Role { case country, populationType, baseline, target, actual, ignored }
    enum FinancialRole { case area, finalBudget, fundsAvailable, fundsAvailablePct, expenditure, expenditurePct, ignored }

    enum State {
        case none
        case indicatorTable(roles: [Role])
        case financialTable(table: String, tableSpan: CellSpan, roles: [FinancialRole])
    }

    var state = State.none
    /// The indicator whose rows follow: code, title and the title row's spans.
    var indicator: (code: String, title: String, codeSpan: CellSpan, titleSpan: CellSpan)?
    /// Rows of the current indicator waiting for their unit to be settled.
    var pendingRows: [(values: [CellValue], spans: [CellSpan], unit: String?)] = []

    init(file: SourceFile) {
        self.file = file
    }

    var bytes: [UInt8] { file.bytes }

    mutating func run() {
        for line in 1...file.lines.count {
            let range = file.lines.byteRange(ofLine: line, in: bytes)
            handle(range)
        }
        flushIndicator()
    }

    // MARK: Lines

    mutating func handle(_ range: Range<Int>) {
        var s = range.lowerBound
        var e = range.upperBound
        bytes.withUnsafeBufferPointer { CellText.trim($0, &s, &e) }
        if s == e { return }  // blank line or page-break residue
        if bytes[s] == 0x23 {  // '#'
            endTable()
            heading(s..<e)
            return
        }
        if bytes[range].contains(0x09) {
            tabRow(range)
            return
        }
        // A prose line ends any table.
        endTable()
        titleBlockLine(s..<e)
    }

    mutating func titleBlockLine(_ range: Range<Int>) {
        guard sawTitle, !titleBlockDone else { return }
        let text = String(decoding: bytes[range], as: UTF8.self)
        guard text.hasPrefix("**"), text.hasSuffix("**"), text.count > 4 else { return }
        let inner = String(text.dropFirst(2).dropLast(2)).trimmingSpaces
        let innerSpan = CellSpan(start: range.lowerBound + 2, length: range.count - 4)
        if year == nil {
            if inner.count == 4, inner.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(inner) {
                year = (Number(n), innerSpan)
            }
            return
        }
        if operation == nil {
            operation = (HTMLText.decodeEntities(inner), innerSpan)
            titleBlockDone = true
        }
    }

    mutating func heading(_ range: Range<Int>) {
        var start = range.lowerBound
        while start < range.upperBound, bytes[start] == 0x23 || bytes[start] == 0x20 { start += 1 }
        let raw = String(decoding: bytes[start..<range.upperBound], as: UTF8.self)
        let text = HTMLText.decodeEntities(HTMLText.stripTags(raw.replacingOccurrences(of: "**", with: ""))).trimmingSpaces
        if text == "Annual Results Report" {
            sawTitle = true
            return
        }
        if sawTitle, year != nil { titleBlockDone = true }
        let span = CellSpan(start: start, length: range.upperBound - start)
        if let (number, kind, name) = Self.areaHeading(text) {
            let prefix = kind == "impact" ? "IA" : "OA"
            areaKind = (kind, span)
            area = ("\(prefix)\(number): \(name)", span)
            indicatorKind = (kind, span)
            return
        }
        switch text.lowercased() {
        case "core output indicators":
            indicatorKind = ("output", span)
        case "core outcome indicators":
            indicatorKind = ("outcome", span)
        case "core impact indicators":
            indicatorKind = ("impact", span)
        case "other core impact indicators":
            areaKind = ("impact", span)
            area = ("", span)
            indicatorKind = ("impact", span)
        case "other core outcome indicators":
            areaKind = ("outcome", span)
            area = ("", span)
            indicatorKind = ("outcome", span)
        case "other core output indicators":
            areaKind = ("outcome", span)
            area = ("", span)
            indicatorKind = ("output", span)
        default:
            break
        }
    }

    /// `1. Impact Area: Attaining …` → (1, "impact", "Attaining …").
    static func areaHeading(_ text: String) -> (Int, String, String)? {
        var rest = Substring(text)
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let number = Int(digits) else { return nil }
        rest = rest.dropFirst(digits.count)
        if rest.first == "." { rest = rest.dropFirst() }
        rest = rest.drop { $0 == " " }
        let kind: String
        if rest.hasPrefix("Impact Area:") {
            kind = "impact"
            rest = rest.dropFirst("Impact Area:".count)
        } else if rest.hasPrefix("Outcome Area:") {
            kind = "outcome"
            rest = rest.dropFirst("Outcome Area:".count)
        } else {
            return nil
        }
        return (number, kind, String(rest).trimmingSpaces)
    }

    // MARK: Tab-separated rows

    func cells(_ range: Range<Int>) -> [ReportCell] {
        var result: [ReportCell] = []
        var fieldStart = range.lowerBound
        var i = range.lowerBound
        while true {
            if i == range.upperBound || bytes[i] == 0x09 {
                result.append(cell(fieldStart..<i))
                if i == range.upperBound { break }
                fieldStart = i + 1
            }
            i += 1
        }
        return result
    }

    /// The value inside a field: spaces and `<b>…</b>` tags around it removed.
    func cell(_ field: Range<Int>) -> ReportCell {
        var s = field.lowerBound
        var e = field.upperBound
        bytes.withUnsafeBufferPointer { buffer in
            while true {
                CellText.trim(buffer, &s, &e)
                if s < e, buffer[s] == 0x3C, let close = tagLength(buffer, at: s, end: e) {
                    s += close
                    continue
                }
                if s < e, buffer[e - 1] == 0x3E, let open = closingTagStart(buffer, start: s, end: e) {
                    e = open
                    continue
                }
                break
            }
        }
        if s >= e {
            return ReportCell(span: CellSpan(start: field.lowerBound, length: 0), text: "")
        }
        let text = HTMLText.decodeEntities(HTMLText.stripTags(String(decoding: bytes[s..<e], as: UTF8.self))).trimmingSpaces
        return ReportCell(span: CellSpan(start: s, length: e - s), text: text)
    }

    /// The length of a tag such as `<b>` or `</b>` starting at `i`, if one does.
    func tagLength(_ b: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Int? {
        guard i + 2 < end else { return nil }
        let c = b[i + 1]
        guard c == 0x2F || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) else { return nil }
        var j = i + 1
        while j < end, j - i < 40 {
            if b[j] == 0x3E { return j - i + 1 }
            if b[j] == 0x3C { return nil }
            j += 1
        }
        return nil
    }

    /// Where a tag ending at `end` starts, if the bytes end with one.
    func closingTagStart(_ b: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Int? {
        var j = end - 2
        while j >= start, end - j < 40 {
            if b[j] == 0x3C { return tagLength(b, at: j, end: end) == end - j ? j : nil }
            if b[j] == 0x3E { return nil }
            j -= 1
        }
        return nil
    }

    mutating func tabRow(_ range: Range<Int>) {
        let row = cells(range)
        let first = row[0].text
        if row.allSatisfy({ $0.text.isEmpty }) { return }  // residue
        if first == "Indicator", row.dropFirst().allSatisfy({ $0.text.isEmpty }) {
            endTable()  // the line above a header
            return
        }
        if first == "Country", row.contains(where: { $0.text.hasPrefix("Actual") }) {
            endTable()
            indicatorHeader(row)
            return
        }
        if first == "Impact Area" || first == "Outcome Area", row.contains(where: { $0.text.hasPrefix("Final Budget") || $0.text.hasPrefix("Funds Available") })
        {
            endTable()
            financialHeader(row)
            return
        }
        switch state {
        case .indicatorTable(let roles):
            indicatorRow(row, roles: roles, lineRange: range)
        case .financialTable(let table, let tableSpan, let roles):
            financialRow(row, table: table, tableSpan: tableSpan, roles: roles, lineRange: range)
        case .none:
            break
        }
    }

    mutating func endTable() {
        flushIndicator()
        indicator = nil
        state = .none
    }

    mutating func indicatorHeader(_ row: [ReportCell]) {
        var roles: [Role] = []
        for cell in row {
            let text = cell.text
            let role: Role
            if text == "Country" {
                role = .country
            } else if text == "Population Type" {
                role = .populationType
            } else if text == "Baseline" {
                role = .baseline
            } else if text.hasPrefix("Target") {
                role = .target
                checkYear(in: cell, table: "indicators", column: "target")
            } else if text.hasPrefix("Actual") {
                role = .actual
                checkYear(in: cell, table: "indicators", column: "actual")
            } else {
                role = .ignored
            }
            roles.append(role)
        }
        state = .indicatorTable(roles: roles)
    }

    /// `Actual (2023)` in a 2024 report is a finding; without a bold year, the header's year is used.
    mutating func checkYear(in cell: ReportCell, table: String, column: String) {
        let digits = cell.text.filter { $0.isASCII && $0.isNumber }
        guard digits.count == 4, let headerYear = Int(digits) else { return }
        guard let year else {
            self.year = (Number(headerYear), cell.span)
            return
        }
        if Number(headerYear) != year.value {
            issues.append(
                ReaderIssue(
                    rule: "report-year",
                    severity: .warning,
                    message: "the column header says \(cell.text), but this is the \(year.value) report",
                    location: file.location(ofOffset: Int(cell.span.start)), table: table, column: column))
        }
    }

    mutating func financialHeader(_ row: [ReportCell]) {
        var roles: [FinancialRole] = []
        for (i, cell) in row.enumerated() {
            let text = cell.text.lowercased()
            let role: FinancialRole
            if i == 0 {
                role = .area
            } else if text.hasPrefix("final budget") {
                role = .finalBudget
            } else if text.hasPrefix("funds available as %") {
                role = .fundsAvailablePct
            } else if text.hasPrefix("funds available") {
                role = .fundsAvailable
            } else if text.hasPrefix("expenditure as %") {
                role = .expenditurePct
            } else if text.hasPrefix("expenditure") {
                role = .expenditure
            } else {
                role = .ignored
            }
            roles.append(role)
        }
        let table = row[0].text == "Impact Area" ? "impact" : "outcome"
        state = .financialTable(table: table, tableSpan: row[0].span, roles: roles)
    }

    /// `13.2. Proportion …` → ("13.2", "Proportion …"); `4.2a Number …` → ("4.2a", …).
    static func indicatorCode(_ text: String) -> (code: String, title: String, codeLength: Int)? {
        let chars = Array(text.unicodeScalars)
        var i = 0
        func digits() -> Bool {
            let start = i
            while i < chars.count, chars[i].properties.numericType == .decimal, chars[i].isASCII { i += 1 }
            return i > start
        }
        guard digits() else { return nil }
        var dots = 0
        while i + 1 < chars.count, chars[i] == ".", chars[i + 1].isASCII, chars[i + 1].properties.numericType == .decimal {
            i += 1
            _ = digits()
            dots += 1
        }
        guard dots >= 1 else { return nil }
        if i < chars.count, chars[i] >= "a", chars[i] <= "z" { i += 1 }
        var codeEnd = i
        if i < chars.count, chars[i] == "." { i += 1 }
        guard i < chars.count, chars[i] == " " else { return nil }
        let code = String(String.UnicodeScalarView(chars[0..<codeEnd]))
        while codeEnd < chars.count, chars[codeEnd] == "." { codeEnd += 1 }
        let title = String(String.UnicodeScalarView(chars[i...])).trimmingSpaces
        return (code, title, codeEnd)
    }

    mutating func indicatorRow(_ row: [ReportCell], roles: [Role], lineRange: Range<Int>) {
        if row.dropFirst().allSatisfy({ $0.text.isEmpty }), let (code, title, codeLength) = Self.indicatorCode(row[0].text) {
            flushIndicator()
            let cellSpan = row[0].span
            // The title starts after the code and its space, counted in bytes of the raw text.
            let raw = String(decoding: bytes[cellSpan.range], as: UTF8.self)
            let codeBytes = String(raw.unicodeScalars.prefix(codeLength)).utf8.count
            var titleStart = Int(cellSpan.start) + codeBytes
            while titleStart < Int(cellSpan.start) + Int(cellSpan.length), bytes[titleStart] == 0x20 { titleStart += 1 }
            indicator = (
                code, title,
                CellSpan(start: Int(cellSpan.start), length: codeBytes),
                CellSpan(start: titleStart, length: Int(cellSpan.start) + Int(cellSpan.length) - titleStart)
            )
            return
        }
        guard let indicator else {
            issues.append(
                ReaderIssue(
                    rule: "report-layout", severity: .warning, message: "this row has no indicator title above it, so it is not checked",
                    location: file.location(ofOffset: Int(row[0].span.start)), table: "indicators"))
            return
        }
        if row.count != roles.count {
            // A row cut off (the file ends mid-row) or shifted: its cells may not be where the
            // header says. It is still read, and said.
            let shape = row.count < roles.count ? "cut off or missing cells" : "cells shifted or split"
            issues.append(
                ReaderIssue(
                    rule: "report-layout", severity: .warning,
                    message:
                        "this row has \(row.count) cell\(row.count == 1 ? "" : "s"), but its table's header has \(roles.count): \(shape)? Check the values read from it",
                    location: file.location(ofOffset: Int(row[0].span.start)), table: "indicators"))
        }
        let endOfLine = CellSpan(start: lineRange.upperBound, length: 0)
        var values: [String: (CellValue, CellSpan)] = [:]
        for (i, role) in roles.enumerated() {
            let cell = i < row.count ? row[i] : ReportCell(span: endOfLine, text: "")
            switch role {
            case .country: values["country"] = (cell.text.isEmpty ? .missing : .text(cell.text), cell.span)
            case .populationType: values["population_type"] = (cell.text.isEmpty ? .missing : .text(cell.text), cell.span)
            case .baseline: values["baseline"] = (Self.value(cell.text), cell.span)
            case .target: values["target"] = (Self.value(cell.text), cell.span)
            case .actual: values["actual"] = (Self.value(cell.text), cell.span)
            case .ignored: break
            }
        }
        let measures = ["baseline", "target", "actual"].compactMap { values[$0]?.0 }.filter { !$0.isMissing }
        let unit: String?
        if measures.isEmpty {
            unit = nil
        } else if measures.allSatisfy({ if case .number(_, true) = $0 { return true } else { return false } }) {
            unit = "percent"
        } else if measures.allSatisfy({ if case .number(_, false) = $0 { return true } else { return false } }) {
            unit = "number"
        } else {
            unit = "text"
        }
        let firstValueSpan =
            ["baseline", "target", "actual"].compactMap { name -> CellSpan? in
                guard let (value, span) = values[name], !value.isMissing else { return nil }
                return span
            }.first ?? row[0].span
        let missing = (CellValue.missing, endOfLine)
        let context: [String: (CellValue, CellSpan)] = [
            "operation": operation.map { (.text($0.value), $0.span) } ?? missing,
            "year": year.map { (.number($0.value, percent: false), $0.span) } ?? missing,
            "area_kind": areaKind.map { (.text($0.value), $0.span) } ?? missing,
            "area": area.map { ($0.value.isEmpty ? .missing : .text($0.value), $0.span) } ?? missing,
            "indicator_kind": indicatorKind.map { (.text($0.value), $0.span) } ?? missing,
            "indicator_code": (.text(indicator.code), indicator.codeSpan),
            "indicator": (.text(indicator.title), indicator.titleSpan),
            "unit": (unit.map { .text($0) } ?? .missing, firstValueSpan),
        ]
        var rowValues: [CellValue] = []
        var rowSpans: [CellSpan] = []
        for name in TableSchema.indicators.columns {
            let (value, span) = values[name] ?? context[name] ?? missing
            rowValues.append(value)
            rowSpans.append(span)
        }
        pendingRows.append((rowValues, rowSpans, unit))
    }

    /// Settles the unit of rows with no values from their indicator's other rows, then adds them.
    mutating func flushIndicator() {
        guard !pendingRows.isEmpty else { return }
        var counts: [String: Int] = [:]
        for row in pendingRows { if let unit = row.unit { counts[unit, default: 0] += 1 } }
        let majority = counts.max { a, b in (a.value, b.key) < (b.value, a.key) }?.key
        let unitIndex = TableSchema.indicators.columns.firstIndex(of: "unit") ?? 9
        for var row in pendingRows {
            if row.unit == nil, let majority { row.values[unitIndex] = .text(majority) }
            indicators.append(row.values, row.spans)
        }
        pendingRows.removeAll()
    }

    mutating func financialRow(_ row: [ReportCell], table: String, tableSpan: CellSpan, roles: [FinancialRole], lineRange: Range<Int>) {
        let endOfLine = CellSpan(start: lineRange.upperBound, length: 0)
        var values: [String: (CellValue, CellSpan)] = [
            "operation": operation.map { (.text($0.value), $0.span) } ?? (.missing, endOfLine),
            "year": year.map { (.number($0.value, percent: false), $0.span) } ?? (.missing, endOfLine),
            "table": (.text(table), tableSpan),
        ]
        for (i, role) in roles.enumerated() {
            let cell = i < row.count ? row[i] : ReportCell(span: endOfLine, text: "")
            let name: String
            switch role {
            case .area:
                values["area"] = (cell.text.isEmpty ? .missing : .text(cell.text), cell.span)
                continue
            case .finalBudget: name = "final_budget"
            case .fundsAvailable: name = "funds_available"
            case .fundsAvailablePct: name = "funds_available_pct"
            case .expenditure: name = "expenditure"
            case .expenditurePct: name = "expenditure_pct"
            case .ignored: continue
            }
            values[name] = (Self.value(cell.text), cell.span)
        }
        financials.append(
            TableSchema.financials.columns.map { values[$0]?.0 ?? .missing },
            TableSchema.financials.columns.map { values[$0]?.1 ?? endOfLine })
    }

    static func value(_ text: String) -> CellValue {
        switch CellText.parse(text) {
        case .missing: return .missing
        case .number(let n, let percent): return .number(n, percent: percent)
        case .text: return .text(text)
        }
    }
}
