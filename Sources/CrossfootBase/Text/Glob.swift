/// Shell-style patterns, for table names and for each folder or file name of a config's path
/// patterns: `*` any run of characters, `?` one character, `[abc]`, `[a-z]` or `[!abc]` a set.
package enum Glob {
    package static func matches(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern)
        let t = Array(text)
        var pi = 0
        var ti = 0
        var star = -1
        var mark = 0
        while ti < t.count {
            if pi < p.count, p[pi] == "[", let close = p[pi...].firstIndex(of: "]"), close > pi + 1 {
                let set = p[(pi + 1)..<close]
                let negate = set.first == "!" || set.first == "^"
                var hit = false
                var k = set.startIndex + (negate ? 1 : 0)
                while k < set.endIndex {
                    if k + 2 < set.endIndex, set[k + 1] == "-" {
                        if set[k] <= t[ti], t[ti] <= set[k + 2] { hit = true }
                        k += 3
                    } else {
                        if set[k] == t[ti] { hit = true }
                        k += 1
                    }
                }
                if hit != negate {
                    pi = close + 1
                    ti += 1
                    continue
                }
            } else if pi < p.count, p[pi] == "?" || p[pi] == t[ti] {
                pi += 1
                ti += 1
                continue
            } else if pi < p.count, p[pi] == "*" {
                star = pi
                mark = ti
                pi += 1
                continue
            }
            if star >= 0 {
                pi = star + 1
                mark += 1
                ti = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
