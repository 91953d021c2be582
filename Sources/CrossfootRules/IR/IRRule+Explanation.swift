import CrossfootBase

extension IRRule {
    /// What `crossfoot rules explain ID` prints: the rule's id, severity, check kind and table,
    /// where it is defined, its description, and its lowered expression.
    ///
    /// The command line and `crossfoot serve`'s rules page both show this text.
    public var explanation: String {
        var text = "\(id) — \(severity.rawValue), \(check.rawValue) check on \(table)\n"
        text += "defined at \(location) (pack \(pack))\n"
        if let description {
            let trimmed = description.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed()
            text += "\n" + String(trimmed) + "\n"
        }
        text += "\nlowered:\n" + IRPrinter.print(self) + "\n"
        return text
    }
}
