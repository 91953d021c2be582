import CrossfootBase
import CrossfootEngine
import CrossfootRules
import CrossfootTables

/// The wording of every finding, as the README shows it: the row's subject, then what is wrong
/// with the cell in a reporting officer's terms, the values as written and what was expected.
public struct StandardWording: FindingWording {
    public init() {}

    package func words(for facts: AssertionFacts) -> FindingWords {
        let words = Words(facts)
        let body: String
        if let template = facts.rule.message {
            let rendered = MessageTemplate.render(template) { words.placeholder($0) }
            body = template.contains("{subject}") ? rendered : Self.prefixed(rendered, facts)
        } else if facts.missing {
            body = Self.prefixed(words.missingText(), facts)
        } else {
            body = Self.prefixed(words.defaultText(), facts)
        }
        guard !facts.missing else { return FindingWords(message: body) }
        return FindingWords(message: body, expectation: facts.cells.explains ? words.expectation() : nil, notes: words.notes(), magnitude: words.magnitude)
    }

    /// The text with the row's subject in front: `Uzbekistan, Refugees — 1.2 …: text`.
    static func prefixed(_ text: String, _ facts: AssertionFacts) -> String {
        facts.cells.subject(row: facts.row, texts: facts.texts).map { "\($0): \(text)" } ?? text
    }

    package func noPartner(_ facts: NoPartnerFacts) -> String {
        guard let table = facts.table else { return "no matching row" }
        var text = "no row of '\(table)'"
        if let filter = facts.filter { text += " where \(filter)" }
        text += " has the same \(facts.keys.map { "\($0.label) \($0.value)" }.joined(separator: ", ")) to compare with"
        return facts.subject.map { "\($0): \(text)" } ?? text
    }

    package func coverage(_ facts: CoverageFacts) -> String {
        let name = facts.absent.map(FindingBuilder.quoted).joined(separator: ", ")
        var context: [String] = []
        for value in facts.scope where !context.contains(value) { context.append(FindingBuilder.quoted(value)) }
        let others = facts.others
        let otherList = others.count > 6 ? others.prefix(5).joined(separator: ", ") + " and \(others.count - 5) more" : others.joined(separator: ", ")
        let scope = context.isEmpty ? "" : " of \(context.joined(separator: ", "))"
        let label = facts.label
        return "\(label) \(FindingBuilder.quoted(facts.code)) has no row for \(name), "
            + "though the \(others.count) other \(label)\(others.count == 1 ? "" : "s")\(scope) \(others.count == 1 ? "has" : "all have") one (\(otherList))"
    }

    package func notes(_ clues: [SumClue]) -> [FindingNote] {
        clues.map { clue in
            switch clue {
            case .transposedPart(let part, let column, let written, let swapped, let recomputed, let at):
                let recomputes = recomputed.map { " and \($0) recomputes" } ?? ""
                return FindingNote("\(part) \(column) \(written): as \(swapped) the total adds up\(recomputes) — transposed digits?", at: at)
            case .transposedTotal(let total, let swapped, let at):
                return FindingNote("the total \(total): as \(swapped) it equals the sum of the parts — transposed digits in the total?", at: at)
            case .countedTwice(let total, let part, let written, let at):
                return FindingNote("the total \(total) is the sum with \(part) (\(written)) counted twice", at: at)
            case .leftOut(let total, let part, let written, let at):
                return FindingNote("the total \(total) is the sum without \(part) (\(written)): was it left out?", at: at)
            case .ratioAlsoFails(let part, let ratio, let ratioWritten, let column, let written, let at):
                return FindingNote(
                    "\(part): its \(ratio) \(ratioWritten) does not recompute either, so its \(column) \(written) is the likely wrong cell", at: at)
            }
        }
    }

    package func swingsBack(_ facts: SwingFacts) -> String {
        let change = facts.percent.map { " \(Words.decimal(abs($0)))%" } ?? ""
        return
            "it \(facts.backUp ? "rises" : "falls")\(change) back to \(facts.nextValue) in \(facts.nextYear), so \(facts.thisYear) alone is out of line: its value is the likely slip"
    }

    /// `table 'mco' of mco.csv has 3 rows that no loaded rule reads, so none of them is checked;
    /// its header has 9 of the 13 columns of 'indicators' but not country, baseline, target or
    /// actual — to check it as indicators, map its header names in .crossfoot.yaml: tables: …`
    package func uncheckedTable(_ facts: UncheckedTableFacts) -> String {
        var text = "table '\(facts.table)' of \(facts.file) has "
        text +=
            facts.rows == 1
            ? "1 row that no loaded rule reads, so it is not checked"
            : "\(facts.rows) rows that no loaded rule reads, so none of them is checked"
        guard let near = facts.nearMiss else { return text }
        text += "; its header has \(near.matched) of the \(near.columns) columns of '\(near.table)' but not \(Self.list(near.missing, "or"))"
        let likely = near.likelyNames
        if !likely.isEmpty {
            // A name with `*`, `?` or `[` is suggested as the glob that matches it alone.
            let literal = { (name: String) in name.map { "*?[".contains($0) ? "[\($0)]" : String($0) }.joined() }
            let headers = likely.map { "\($0.column): [\(JSONWriter.quote(literal($0.header)))]" }.joined(separator: ", ")
            text += " — to check it as \(near.table), map its header names in .crossfoot.yaml: tables: {\(near.table): {headers: {\(headers)}}}"
        }
        let unpaired = near.missing.filter { column in !likely.contains { $0.column == column } }
        guard !unpaired.isEmpty else { return text }
        let free = near.unmatched.filter { name in !likely.contains { $0.header == name } }
        if free.isEmpty {
            text += "; no column of the file stands for \(Self.list(unpaired, "or")): add \(unpaired.count == 1 ? "it" : "them")"
        } else {
            let names = free.map { "'\($0)'" }
            text += "; no header name looks like \(Self.list(unpaired, "or")) (those not taken: \(names.joined(separator: ", ")))"
        }
        return text
    }

    /// `a`, `a or b`, `a, b or c`.
    static func list(_ items: [String], _ word: String) -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " \(word) " + last
    }
}
