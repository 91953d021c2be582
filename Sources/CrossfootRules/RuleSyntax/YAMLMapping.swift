import CrossfootBase

/// Reads the keys of a YAML mapping one by one, and reports the keys nobody asked for.
package struct YAMLMapping {
    package let node: YAMLNode
    private(set) var pairs: [String: YAMLNode.Pair] = [:]
    private var order: [String] = []
    private var taken: Set<String> = []

    package init(_ node: YAMLNode) {
        self.node = node
        for pair in node.pairs ?? [] {
            let key = pair.key.scalar ?? ""
            pairs[key] = pair
            order.append(key)
        }
    }

    package func has(_ key: String) -> Bool { pairs[key] != nil }

    package mutating func take(_ key: String) -> YAMLNode? {
        taken.insert(key)
        return pairs[key]?.value
    }

    package func keyLocation(_ key: String) -> SourceLocation? { pairs[key]?.key.location }

    /// The keys that were not taken, in file order, with their positions.
    package var unknownKeys: [(String, SourceLocation)] {
        order.filter { !taken.contains($0) }.compactMap { key in pairs[key].map { (key, $0.key.location) } }
    }
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
package func suggestion(for word: String, among candidates: [String]) -> String? {
    var best: (String, Int)?
    for candidate in candidates {
        let d = editDistance(word.lowercased(), candidate.lowercased())
        if d <= max(1, candidate.count / 3), d < (best?.1 ?? Int.max) { best = (candidate, d) }
    }
    return best?.0
}

/// The edit distance with adjacent transpositions (optimal string alignment): `rnage` is one
/// edit from `range`, as a typist would count it.
package func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var beforePrevious = Array(repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                current[j] = min(current[j], beforePrevious[j - 2] + 1)
            }
        }
        (beforePrevious, previous, current) = (previous, current, beforePrevious)
    }
    return previous[b.count]
}
