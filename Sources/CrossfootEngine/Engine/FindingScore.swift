import CrossfootBase
import CrossfootRules

/// A finding's triage score: its rule's weight times its magnitude (how far off the value is),
/// in [0, 1]. Triage combines the scores of a row's findings.
public enum FindingScore {
    /// Sets every finding's score from its rule's weight and its magnitude.
    public static func score(_ files: inout [Linter.FileResult], rules: [IRRule]) {
        var weights: [String: Double] = [:]
        for rule in rules { weights[rule.id] = rule.effectiveWeight }
        for f in files.indices {
            // Fields read by index: binding the finding to a local would copy it.
            for i in files[f].findings.indices {
                let weight = weights[files[f].findings[i].rule] ?? defaultWeight(files[f].findings[i].severity)
                files[f].findings[i].score = rounded(weight * files[f].findings[i].magnitude)
            }
        }
    }

    public static func defaultWeight(_ severity: Severity) -> Double {
        switch severity {
        case .error: 1
        case .warning: 0.8
        case .info: 0.3
        }
    }

    /// Three decimals, so scores print the same on every machine.
    public static func rounded(_ x: Double) -> Double { (min(1, max(0, x)) * 1000).rounded() / 1000 }
}
