import Crossfoot

/// How `config show` writes values: YAML flow style, sizes in their largest whole unit.
enum ConfigText {
    /// A YAML node in flow style, as the config wrote it.
    static func flow(_ node: YAMLNode) -> String {
        switch node.kind {
        case .scalar(let text, let style): return style == .plain ? text : JSONString.quote(text)
        case .sequence(let items): return "[" + items.map(flow).joined(separator: ", ") + "]"
        case .mapping(let pairs): return "{" + pairs.map { "\($0.key.scalar ?? ""): \(flow($0.value))" }.joined(separator: ", ") + "}"
        }
    }

    /// `4GiB`, `64MiB`, or the number of bytes.
    static func compactSize(_ bytes: Int) -> String {
        for (unit, name) in [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")] where bytes >= unit && bytes % unit == 0 {
            return "\(bytes / unit)\(name)"
        }
        return String(bytes)
    }
}

/// JSON string quoting, for values shown in YAML flow style.
enum JSONString {
    static func quote(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }
}
