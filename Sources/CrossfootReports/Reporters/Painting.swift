import CrossfootBase
import CrossfootEngine
import CrossfootRules
import CrossfootTables

/// Terminal colour for the formats people read, only when asked (a terminal without `NO_COLOR`).
package protocol Painting {
    var color: Bool { get }
}

extension Painting {
    package func paint(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    package func severityCode(_ severity: Severity) -> String {
        switch severity {
        case .error: "1;31"
        case .warning: "1;33"
        case .info: "1;36"
        }
    }
}
