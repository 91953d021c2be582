import CrossfootBase
import CrossfootRules
import CrossfootTables

/// Column lanes loaded for one selection, so rules that read the same column over the same
/// rows load it once.
package final class LaneMemo: @unchecked Sendable {
    package var selection: [Int32] = []
    package var lanes: [Int: Lane] = [:]

    package func reset(_ selection: [Int32]) {
        if self.selection != selection {
            self.selection = selection
            lanes = [:]
        }
    }
}
