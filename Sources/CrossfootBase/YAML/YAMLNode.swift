/// A YAML node with the position where it starts.
///
/// Nodes are plain values built from libyaml's event stream; aliases are resolved to copies of
/// their anchor's node (sharing storage), and `<<` merge keys are applied.
public struct YAMLNode: Sendable {
    public enum ScalarStyle: Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public struct Pair: Sendable {
        public var key: YAMLNode
        public var value: YAMLNode

        public init(key: YAMLNode, value: YAMLNode) {
            self.key = key
            self.value = value
        }
    }

    public indirect enum Kind: Sendable {
        case scalar(String, ScalarStyle)
        case sequence([YAMLNode])
        case mapping([Pair])
    }

    public var kind: Kind
    /// Where the node starts (for a quoted scalar: at the opening quote).
    public var location: SourceLocation
    /// An explicit tag such as `!!str`, when one was written.
    public var tag: String?

    public init(_ kind: Kind, at location: SourceLocation, tag: String? = nil) {
        self.kind = kind
        self.location = location
        self.tag = tag
    }

    /// The scalar's text, or `nil` for a collection.
    public var scalar: String? {
        if case .scalar(let text, _) = kind { return text }
        return nil
    }

    /// The pairs of a mapping, or `nil`.
    public var pairs: [Pair]? {
        if case .mapping(let pairs) = kind { return pairs }
        return nil
    }

    /// The items of a sequence, or `nil`.
    public var items: [YAMLNode]? {
        if case .sequence(let items) = kind { return items }
        return nil
    }

    /// A plain scalar that YAML's core schema reads as null (`~`, `null`, or nothing).
    public var isNull: Bool {
        if case .scalar(let text, .plain) = kind, tag == nil {
            return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
        }
        return false
    }

    /// A word for the node's kind, used in messages: "a mapping", "a list", "a string", ….
    public var kindDescription: String {
        switch kind {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let text, let style):
            if isNull { return "null" }
            if style == .plain, tag == nil {
                if YAMLScalars.bool(text) != nil { return "a boolean" }
                if YAMLScalars.isNumber(text) { return "a number" }
            }
            return "a string"
        }
    }

    /// The location of a character inside a single-line scalar: `offset` counts code points from
    /// the start of its value. Quoted scalars skip their opening quote; escapes make this an
    /// approximation, and block scalars point at the scalar itself.
    public func location(ofCharacter offset: Int) -> SourceLocation {
        guard case .scalar(let text, let style) = kind, !text.contains("\n") else { return location }
        var result = location
        switch style {
        case .plain: result.column += offset
        case .singleQuoted, .doubleQuoted: result.column += 1 + offset
        case .literal, .folded: return location
        }
        return result
    }

    /// The number of nodes in this subtree, used to cap alias expansion.
    package var size: Int {
        switch kind {
        case .scalar: return 1
        case .sequence(let items): return items.reduce(1) { $0 + $1.size }
        case .mapping(let pairs): return pairs.reduce(1) { $0 + $1.key.size + $1.value.size }
        }
    }
}

/// How YAML 1.2's core schema reads plain scalars.
public enum YAMLScalars {
    public static func bool(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    public static func isNumber(_ text: String) -> Bool {
        var chars = Substring(text)
        if chars.first == "+" || chars.first == "-" { chars = chars.dropFirst() }
        if chars == ".inf" || chars == ".Inf" || chars == ".INF" { return true }
        if chars.isEmpty { return false }
        var sawDigit = false
        var sawDot = false
        var sawExponent = false
        var previous: Character = " "
        for c in chars {
            if c.isASCII, c.isNumber {
                sawDigit = true
            } else if c == "." && !sawDot && !sawExponent {
                sawDot = true
            } else if (c == "e" || c == "E") && sawDigit && !sawExponent {
                sawExponent = true
                sawDigit = false
            } else if (c == "+" || c == "-") && (previous == "e" || previous == "E") {
                // exponent sign
            } else if c == "_" {
                return false
            } else {
                return false
            }
            previous = c
        }
        return sawDigit
    }
}
