import CrossfootBase

extension RuleFileParser {
    /// The rule's node with a project config's settings applied: its severity replaced, and the
    /// check's settings replaced or added, each keeping the config's position for errors.
    mutating func patched(_ node: YAMLNode, with override: RuleOverride) -> YAMLNode {
        guard var pairs = node.pairs else { return node }
        if let severity = override.severity {
            let value = YAMLNode(.scalar(severity.value.rawValue, .plain), at: severity.location)
            if let i = pairs.firstIndex(where: { $0.key.scalar == "severity" }) {
                pairs[i].value = value
            } else {
                pairs.append(YAMLNode.Pair(key: YAMLNode(.scalar("severity", .plain), at: severity.location), value: value))
            }
        }
        if let patch = override.check, let key = patch.key.scalar {
            if let i = pairs.firstIndex(where: { $0.key.scalar == key }) {
                if var existing = pairs[i].value.pairs, let changes = patch.value.pairs {
                    for change in changes {
                        if let j = existing.firstIndex(where: { $0.key.scalar == change.key.scalar }) {
                            existing[j] = change
                        } else {
                            existing.append(change)
                        }
                    }
                    pairs[i].value = YAMLNode(.mapping(existing), at: pairs[i].value.location)
                } else {
                    pairs[i].value = patch.value
                }
            } else {
                let kind = pairs.first { CheckKind(rawValue: $0.key.scalar ?? "") != nil }?.key.scalar ?? "other"
                error("rule '\(override.id.value)' is a \(kind) check; its settings are changed under '\(kind):', not '\(key):'", at: patch.key.location)
            }
        }
        return YAMLNode(.mapping(pairs), at: node.location, tag: node.tag)
    }
}
