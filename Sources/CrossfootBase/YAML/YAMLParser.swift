internal import CYAML

/// Parses one YAML document into a `YAMLNode` tree with positions, using libyaml's event API.
///
/// Anchors and aliases work; `<<` merge keys are applied; duplicate keys are errors. Nesting
/// depth and alias expansion are capped by `YAMLLimits`, because libyaml itself has no limit.
public enum YAMLParser {
    /// Parses `file` and returns its single document, or `nil` for an empty file.
    ///
    /// - Throws: `Diagnostic` pointing at the first syntax error or exceeded limit.
    public static func parse(_ file: SourceFile, limits: YAMLLimits = .default) throws(Diagnostic) -> YAMLNode? {
        if file.bytes.count > limits.maxFileSize {
            throw Diagnostic(
                .error,
                "the rule file is \(FileSystem.size(file.bytes.count)), more than the limit of \(FileSystem.size(limits.maxFileSize)) (raise it with --max-rule-file-size)",
                path: file.path)
        }
        var builder = Builder(file: file, limits: limits)
        return try builder.run()
    }
}

/// Owns the libyaml parser for the length of one parse, and frees it when done.
private final class LibYAMLParser {
    var parser = yaml_parser_t()
    let buffer: UnsafeMutableBufferPointer<UInt8>

    init?(bytes: [UInt8]) {
        buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        _ = buffer.initialize(from: bytes)
        guard yaml_parser_initialize(&parser) == 1 else {
            buffer.deallocate()
            return nil
        }
        yaml_parser_set_input_string(&parser, buffer.baseAddress, bytes.count)
    }

    deinit {
        yaml_parser_delete(&parser)
        buffer.deallocate()
    }
}

private struct Builder {
    let file: SourceFile
    let limits: YAMLLimits

    private enum Frame {
        case sequence(items: [YAMLNode], location: SourceLocation, anchor: String?, tag: String?)
        case mapping(pairs: [YAMLNode.Pair], pendingKey: YAMLNode?, merged: [YAMLNode.Pair], location: SourceLocation, anchor: String?, tag: String?)
    }

    private var stack: [Frame] = []
    private var anchors: [String: YAMLNode] = [:]
    private var openAnchors: Set<String> = []
    private var expanded = 0
    private var root: YAMLNode?
    private var documents = 0

    init(file: SourceFile, limits: YAMLLimits) {
        self.file = file
        self.limits = limits
    }

    private func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(path: file.path, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    mutating func run() throws(Diagnostic) -> YAMLNode? {
        guard let libyaml = LibYAMLParser(bytes: file.bytes) else {
            throw Diagnostic(.error, "could not start the YAML parser", path: file.path)
        }
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&libyaml.parser, &event) == 1 else {
                throw syntaxError(libyaml.parser)
            }
            defer { yaml_event_delete(&event) }
            let start = location(event.start_mark)
            switch event.type {
            case YAML_NO_EVENT, YAML_STREAM_END_EVENT:
                return root
            case YAML_STREAM_START_EVENT, YAML_DOCUMENT_END_EVENT:
                break
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    throw Diagnostic.error("a rule file holds one YAML document; this is a second one", at: start)
                }
            case YAML_ALIAS_EVENT:
                let name = string(event.data.alias.anchor) ?? ""
                guard let target = anchors[name] else {
                    if openAnchors.contains(name) {
                        throw Diagnostic.error("alias *\(name) refers to a node that contains it", at: start)
                    }
                    throw Diagnostic.error("alias *\(name) refers to no anchor &\(name) above it", at: start)
                }
                expanded += target.size
                if expanded > limits.maxAliasExpansion {
                    throw Diagnostic.error(
                        "aliases expand to more than \(limits.maxAliasExpansion) nodes (a \"billion laughs\" file?); raise the limit with --max-yaml-aliases",
                        at: start)
                }
                var copy = target
                copy.location = start
                try add(copy)
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let text: String
                if let value = scalar.value {
                    text = String(decoding: UnsafeBufferPointer(start: value, count: scalar.length), as: UTF8.self)
                } else {
                    text = ""
                }
                let style: YAMLNode.ScalarStyle
                switch scalar.style {
                case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
                case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
                case YAML_LITERAL_SCALAR_STYLE: style = .literal
                case YAML_FOLDED_SCALAR_STYLE: style = .folded
                default: style = .plain
                }
                let tag = string(scalar.tag)
                let node = YAMLNode(.scalar(text, style), at: start, tag: tag)
                if let anchor = string(scalar.anchor) { anchors[anchor] = node }
                try add(node)
            case YAML_SEQUENCE_START_EVENT:
                try push(
                    .sequence(items: [], location: start, anchor: string(event.data.sequence_start.anchor), tag: string(event.data.sequence_start.tag)),
                    at: start)
            case YAML_MAPPING_START_EVENT:
                try push(
                    .mapping(
                        pairs: [], pendingKey: nil, merged: [], location: start, anchor: string(event.data.mapping_start.anchor),
                        tag: string(event.data.mapping_start.tag)), at: start)
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = stack.popLast() else { break }
                let node: YAMLNode
                let anchor: String?
                switch frame {
                case .sequence(let items, let location, let name, let tag):
                    node = YAMLNode(.sequence(items), at: location, tag: tag)
                    anchor = name
                case .mapping(var pairs, _, let merged, let location, let name, let tag):
                    // Merged keys fill in what the mapping does not set itself.
                    for pair in merged where !pairs.contains(where: { $0.key.scalar == pair.key.scalar }) {
                        pairs.append(pair)
                    }
                    node = YAMLNode(.mapping(pairs), at: location, tag: tag)
                    anchor = name
                }
                if let anchor {
                    anchors[anchor] = node
                    openAnchors.remove(anchor)
                }
                try add(node)
            default:
                break
            }
        }
    }

    private mutating func push(_ frame: Frame, at location: SourceLocation) throws(Diagnostic) {
        if stack.count >= limits.maxDepth {
            throw Diagnostic.error("nesting is deeper than \(limits.maxDepth) levels; raise the limit with --max-yaml-depth", at: location)
        }
        switch frame {
        case .sequence(_, _, let anchor?, _), .mapping(_, _, _, _, let anchor?, _): openAnchors.insert(anchor)
        default: break
        }
        stack.append(frame)
    }

    private mutating func add(_ node: YAMLNode) throws(Diagnostic) {
        guard let top = stack.popLast() else {
            root = node
            return
        }
        switch top {
        case .sequence(var items, let location, let anchor, let tag):
            items.append(node)
            stack.append(.sequence(items: items, location: location, anchor: anchor, tag: tag))
        case .mapping(var pairs, let pendingKey, var merged, let location, let anchor, let tag):
            guard let key = pendingKey else {
                if node.scalar == nil {
                    throw Diagnostic.error("a mapping key must be a plain value, not \(node.kindDescription)", at: node.location)
                }
                stack.append(.mapping(pairs: pairs, pendingKey: node, merged: merged, location: location, anchor: anchor, tag: tag))
                return
            }
            if key.scalar == "<<", case .plain = scalarStyle(key) {
                try merge(node, into: &merged, at: key.location)
            } else {
                if let previous = pairs.first(where: { $0.key.scalar == key.scalar }) {
                    throw Diagnostic.error("duplicate key '\(key.scalar ?? "")' (first defined at line \(previous.key.location.line))", at: key.location)
                }
                pairs.append(YAMLNode.Pair(key: key, value: node))
            }
            stack.append(.mapping(pairs: pairs, pendingKey: nil, merged: merged, location: location, anchor: anchor, tag: tag))
        }
    }

    private func scalarStyle(_ node: YAMLNode) -> YAMLNode.ScalarStyle? {
        if case .scalar(_, let style) = node.kind { return style }
        return nil
    }

    /// Applies a `<<` merge key: the keys of the merged mapping(s) that the mapping lacks.
    private func merge(_ value: YAMLNode, into pairs: inout [YAMLNode.Pair], at location: SourceLocation) throws(Diagnostic) {
        let sources: [YAMLNode]
        switch value.kind {
        case .mapping: sources = [value]
        case .sequence(let items): sources = items
        case .scalar: throw Diagnostic.error("'<<' merges a mapping or a list of mappings, not \(value.kindDescription)", at: value.location)
        }
        for source in sources {
            guard let merged = source.pairs else {
                throw Diagnostic.error("'<<' merges a mapping or a list of mappings, not \(source.kindDescription)", at: source.location)
            }
            for pair in merged where !pairs.contains(where: { $0.key.scalar == pair.key.scalar }) {
                pairs.append(pair)
            }
        }
    }

    private func syntaxError(_ parser: yaml_parser_t) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        var message = problem
        if let context = parser.context.map({ String(cString: $0) }) {
            message = "\(problem) \(context)"
        }
        if parser.error == YAML_READER_ERROR {
            // Reader errors (bad UTF-8, control characters) carry a byte offset, not a mark.
            let offset = Int(parser.problem_offset)
            let location = file.location(ofOffset: min(offset, file.bytes.count))
            return .error("\(problem) (the file must be UTF-8 text)", at: location)
        }
        return .error(message, at: location(parser.problem_mark))
    }
}
