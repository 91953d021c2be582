import CrossfootBase
import CrossfootRules
import CrossfootTables

/// How a number was written — decimals, thousands separators, `%` — so computed values in a
/// message look like the cells beside them (`6,409,689`, `93.78%`).
package struct NumberStyle: Sendable, Equatable {
    package var decimals: Int
    package var grouping: Bool
    package var percent: Bool

    package static let plain = NumberStyle(decimals: 0, grouping: false, percent: false)

    package init(decimals: Int, grouping: Bool, percent: Bool) {
        self.decimals = decimals
        self.grouping = grouping
        self.percent = percent
    }

    /// The style of a cell's text as written.
    package init(written text: String) {
        var percent = false
        var grouping = false
        var decimals = 0
        var afterDot = false
        for b in text.utf8 {
            switch b {
            case 0x25: percent = true
            case 0x2C: grouping = true
            case 0x2E: afterDot = true
            case 0x30...0x39: if afterDot { decimals += 1 }
            case 0x20, 0x09: break
            default: if afterDot { afterDot = false }
            }
        }
        self.percent = percent
        self.grouping = grouping
        self.decimals = decimals
    }

    /// The wider of two styles: more decimals, separators if either has them.
    package func merged(with other: NumberStyle) -> NumberStyle {
        NumberStyle(decimals: max(decimals, other.decimals), grouping: grouping || other.grouping, percent: percent && other.percent)
    }

    package func format(_ n: Number, percentSign: Bool? = nil) -> String {
        let text = n.plain(decimals: decimals, grouping: grouping)
        return (percentSign ?? percent) ? text + "%" : text
    }
}
