import CrossfootBase
import CrossfootEngine
import CrossfootRules
import CrossfootTables

/// How far off a value is, for the triage score.
extension Words {
    /// How far off the value is, in [0, 1].
    package var magnitude: Double {
        func clamp(_ x: Double) -> Double { min(1, max(0, x)) }
        switch assertion.detail {
        case .change(let from, _, _, _, _):
            guard case .number(let f) = evaluate(.column(from)), case .number(let t) = actual else { return 0.5 }
            return clamp(abs((f.mid - t.mid).doubleValue) / 100)
        case .scale:
            guard case .number(let v) = actual, let r = scaleReference?.value, !r.isZero else { return 0.5 }
            return clamp(1 - v.mid.doubleValue / r.doubleValue)
        case .outlier:
            return outlierScore.map { clamp(abs($0) / 10) } ?? 0.5
        case .sum(_, let tolerance, _), .ratio(_, _, _, _, let tolerance):
            guard let d = delta?.magnitude.doubleValue else { return 0.5 }
            var allowed = 0.0
            switch tolerance {
            case .absolute(let t): allowed = t.doubleValue
            case .rounding:
                if let reach = expectedReach() {
                    allowed = reach.doubleValue + cellSlack().doubleValue
                }
            case .exact: break
            }
            if allowed <= 0 { allowed = max(cellSlack().doubleValue, 0.005) }
            return clamp(d / allowed / 10)
        default:
            return 0.5
        }
    }
}
