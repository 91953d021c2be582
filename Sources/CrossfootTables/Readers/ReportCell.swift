import CrossfootBase
import CrossfootRules

/// A cell of a tab-separated line: where its value lies and its text.
package struct ReportCell {
    package var span: CellSpan
    /// Tags stripped, entities decoded, trimmed.
    package var text: String
}
