/// A regular expression matched in linear time (a Thompson NFA), so no pattern can hang the
/// linter, whatever the data: `(a+)+$` on a long line of `a`s costs the same as `a+$`.
///
/// Syntax: literals, `.`, classes `[a-z]` and `[^…]`, escapes `\d \w \s \D \W \S` and escaped
/// punctuation, anchors `^` and `$`, groups `(…)` and `(?:…)`, alternation `|`, quantifiers
/// `* + ?` and `{m}`, `{m,}`, `{m,n}` (up to 1000), and a leading `(?i)` for case-insensitive
/// matching. Back-references and look-around are not supported (they need backtracking).
/// `matches` finds the pattern anywhere in the text; anchor it with `^…$` for a whole match.
public struct SafeRegex: Sendable {
    package enum Instruction: Sendable {
        case scalar(Unicode.Scalar)
        case any
        case set(CharacterSet, negated: Bool)
        case split(Int, Int)
        case jump(Int)
        case lineStart
        case lineEnd
        case match
    }

    package struct CharacterSet: Sendable {
        package var ranges: [ClosedRange<UInt32>] = []
        package func contains(_ c: Unicode.Scalar) -> Bool { ranges.contains { $0.contains(c.value) } }
    }

    package struct SyntaxError: Error {
        package var message: String
    }

    package let program: [Instruction]
    package let caseInsensitive: Bool
    public let pattern: String

    /// Why `pattern` cannot be used, or `nil` when it can.
    public static func problem(in pattern: String) -> String? {
        do {
            _ = try SafeRegex(pattern)
            return nil
        } catch let error as SyntaxError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    public init(_ pattern: String) throws {
        self.pattern = pattern
        var scalars = Array(pattern.unicodeScalars)
        var insensitive = false
        if scalars.starts(with: Array("(?i)".unicodeScalars)) {
            insensitive = true
            scalars.removeFirst(4)
        }
        caseInsensitive = insensitive
        var parser = Parser(scalars: scalars, caseInsensitive: insensitive)
        let node = try parser.parseAlternation()
        if parser.position < scalars.count {
            throw SyntaxError(message: "unbalanced ')' at character \(parser.position + 1)")
        }
        var compiler = Compiler()
        try compiler.emit(node)
        compiler.program.append(.match)
        program = compiler.program
    }

    /// Whether the pattern occurs anywhere in `text`.
    public func matches(_ text: String) -> Bool {
        let input = Array(text.unicodeScalars)
        var current = [Int]()
        var next = [Int]()
        var marks = [Int](repeating: -1, count: program.count)
        var generation = 0
        func add(_ pc: Int, _ list: inout [Int], at position: Int) {
            var stack = [pc]
            while let pc = stack.popLast() {
                if marks[pc] == generation { continue }
                marks[pc] = generation
                switch program[pc] {
                case .split(let a, let b):
                    stack.append(b)
                    stack.append(a)
                case .jump(let target):
                    stack.append(target)
                case .lineStart:
                    if position == 0 { stack.append(pc + 1) }
                case .lineEnd:
                    if position == input.count { stack.append(pc + 1) }
                default:
                    list.append(pc)
                }
            }
        }
        for position in 0...input.count {
            // Unanchored search: a new thread may start at every position.
            add(0, &current, at: position)
            if current.contains(where: { if case .match = program[$0] { return true } else { return false } }) {
                return true
            }
            guard position < input.count else { break }
            generation += 1
            let c = caseInsensitive ? Self.fold(input[position]) : input[position]
            for pc in current {
                let advance: Bool
                switch program[pc] {
                case .scalar(let s): advance = s == c
                case .any: advance = c != "\n"
                case .set(let set, let negated): advance = set.contains(c) != negated
                default: advance = false
                }
                if advance { add(pc + 1, &next, at: position + 1) }
            }
            swap(&current, &next)
            next.removeAll(keepingCapacity: true)
        }
        return false
    }

    package static func fold(_ c: Unicode.Scalar) -> Unicode.Scalar {
        if c.value >= 0x41 && c.value <= 0x5A { return Unicode.Scalar(c.value + 32) ?? c }
        return c
    }

    // MARK: Parsing

    package indirect enum Node {
        case empty
        case scalar(Unicode.Scalar)
        case any
        case set(CharacterSet, negated: Bool)
        case lineStart, lineEnd
        case concat([Node])
        case alternation([Node])
        case repeated(Node, min: Int, max: Int?)
    }

    package struct Parser {
        package let scalars: [Unicode.Scalar]
        package let caseInsensitive: Bool
        package var position = 0
        package var depth = 0

        package init(scalars: [Unicode.Scalar], caseInsensitive: Bool) {
            self.scalars = scalars
            self.caseInsensitive = caseInsensitive
        }

        package var atEnd: Bool { position >= scalars.count }
        package var peek: Unicode.Scalar? { atEnd ? nil : scalars[position] }

        package mutating func parseAlternation() throws -> Node {
            depth += 1
            defer { depth -= 1 }
            if depth > 100 { throw SyntaxError(message: "groups nested more than 100 deep") }
            var branches = [try parseConcat()]
            while peek == "|" {
                position += 1
                branches.append(try parseConcat())
            }
            return branches.count == 1 ? branches[0] : .alternation(branches)
        }

        package mutating func parseConcat() throws -> Node {
            var items: [Node] = []
            while let c = peek, c != "|", c != ")" {
                var atom = try parseAtom()
                while let q = peek, q == "*" || q == "+" || q == "?" || q == "{" {
                    if q == "{" {
                        guard let (min, max) = try parseBraces() else { break }
                        atom = .repeated(atom, min: min, max: max)
                        continue
                    }
                    position += 1
                    switch q {
                    case "*": atom = .repeated(atom, min: 0, max: nil)
                    case "+": atom = .repeated(atom, min: 1, max: nil)
                    default: atom = .repeated(atom, min: 0, max: 1)
                    }
                    if peek == "?" || peek == "+" { position += 1 }  // lazy/possessive: same set of matches
                }
                items.append(atom)
            }
            return items.count == 1 ? items[0] : .concat(items)
        }

        package mutating func parseBraces() throws -> (Int, Int?)? {
            var i = position + 1
            func number() -> Int? {
                var value: Int?
                while i < scalars.count, let d = Int(String(scalars[i])) {
                    value = (value ?? 0) * 10 + d
                    if (value ?? 0) > 100_000 { return value }
                    i += 1
                }
                return value
            }
            guard let min = number() else { return nil }
            var max: Int? = min
            if i < scalars.count, scalars[i] == "," {
                i += 1
                max = number()
            }
            guard i < scalars.count, scalars[i] == "}" else { return nil }
            if min > 1000 || (max ?? 0) > 1000 { throw SyntaxError(message: "a repeat count above 1000") }
            if let max, max < min { throw SyntaxError(message: "{\(min),\(max)} has its bounds the wrong way round") }
            position = i + 1
            return (min, max)
        }

        package mutating func parseAtom() throws -> Node {
            guard let c = peek else { throw SyntaxError(message: "the pattern ends too early") }
            position += 1
            switch c {
            case "(":
                if peek == "?" {
                    guard position + 1 < scalars.count, scalars[position + 1] == ":" else {
                        throw SyntaxError(message: "only (?:…) groups are supported (no look-around or named groups)")
                    }
                    position += 2
                }
                let inner = try parseAlternation()
                guard peek == ")" else { throw SyntaxError(message: "a '(' is never closed") }
                position += 1
                return inner
            case ".": return .any
            case "^": return .lineStart
            case "$": return .lineEnd
            case "[": return try parseClass()
            case "\\": return try parseEscape(inClass: false).node
            case "*", "+", "?": throw SyntaxError(message: "'\(c)' has nothing to repeat")
            default: return literal(c)
            }
        }

        package func literal(_ c: Unicode.Scalar) -> Node {
            caseInsensitive ? .scalar(SafeRegex.fold(c)) : .scalar(c)
        }

        package mutating func parseEscape(inClass: Bool) throws -> (node: Node, set: CharacterSet?, negated: Bool) {
            guard let c = peek else { throw SyntaxError(message: "the pattern ends with a lone '\\'") }
            position += 1
            var set = CharacterSet()
            switch c {
            case "d", "D":
                set.ranges = [0x30...0x39]
                return (.set(set, negated: c == "D"), set, c == "D")
            case "w", "W":
                set.ranges = [0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x5F...0x5F]
                return (.set(set, negated: c == "W"), set, c == "W")
            case "s", "S":
                set.ranges = [0x20...0x20, 0x09...0x0D, 0xA0...0xA0]
                return (.set(set, negated: c == "S"), set, c == "S")
            case "n": return (.scalar("\n"), nil, false)
            case "t": return (.scalar("\t"), nil, false)
            default:
                if c.properties.isAlphabetic || (c.isASCII && c.properties.numericType == .decimal) {
                    throw SyntaxError(message: "unsupported escape '\\\(c)'")
                }
                return (literal(c), nil, false)
            }
        }

        package mutating func parseClass() throws -> Node {
            var set = CharacterSet()
            var negated = false
            if peek == "^" {
                negated = true
                position += 1
            }
            var first = true
            while let c = peek, c != "]" || first {
                first = false
                position += 1
                var low: Unicode.Scalar = c
                if c == "\\" {
                    let escape = try parseEscape(inClass: true)
                    if let inner = escape.set {
                        if escape.negated { throw SyntaxError(message: "negated escapes such as \\D inside [...] are not supported") }
                        set.ranges += inner.ranges
                        continue
                    }
                    guard case .scalar(let s) = escape.node else { continue }
                    low = s
                }
                if peek == "-", position + 1 < scalars.count, scalars[position + 1] != "]" {
                    position += 1
                    var high = scalars[position]
                    position += 1
                    if high == "\\" {
                        guard case .scalar(let s) = try parseEscape(inClass: true).node else { throw SyntaxError(message: "bad range in [...]") }
                        high = s
                    }
                    guard low.value <= high.value else { throw SyntaxError(message: "range \(low)-\(high) is out of order") }
                    set.ranges.append(low.value...high.value)
                    if caseInsensitive { set.ranges += Self.foldedRanges(low.value...high.value) }
                } else {
                    set.ranges.append(low.value...low.value)
                    if caseInsensitive { set.ranges += Self.foldedRanges(low.value...low.value) }
                }
            }
            guard peek == "]" else { throw SyntaxError(message: "a '[' is never closed") }
            position += 1
            return .set(set, negated: negated)
        }

        package static func foldedRanges(_ r: ClosedRange<UInt32>) -> [ClosedRange<UInt32>] {
            let lower = max(r.lowerBound, 0x41)
            let upper = min(r.upperBound, 0x5A)
            return lower <= upper ? [(lower + 32)...(upper + 32)] : []
        }
    }

    package struct Compiler {
        package var program: [Instruction] = []

        package mutating func emit(_ node: Node) throws {
            if program.count > 100_000 { throw SyntaxError(message: "the pattern is too large once its repeats are expanded") }
            switch node {
            case .empty: break
            case .scalar(let c): program.append(.scalar(c))
            case .any: program.append(.any)
            case .set(let s, let negated): program.append(.set(s, negated: negated))
            case .lineStart: program.append(.lineStart)
            case .lineEnd: program.append(.lineEnd)
            case .concat(let items): for item in items { try emit(item) }
            case .alternation(let branches):
                var jumps: [Int] = []
                for (i, branch) in branches.enumerated() {
                    if i < branches.count - 1 {
                        let split = program.count
                        program.append(.split(split + 1, -1))
                        try emit(branch)
                        jumps.append(program.count)
                        program.append(.jump(-1))
                        program[split] = .split(split + 1, program.count)
                    } else {
                        try emit(branch)
                    }
                }
                for j in jumps { program[j] = .jump(program.count) }
            case .repeated(let inner, let min, let max):
                for _ in 0..<min { try emit(inner) }
                if let max {
                    var splits: [Int] = []
                    for _ in min..<max {
                        splits.append(program.count)
                        program.append(.split(program.count + 1, -1))
                        try emit(inner)
                    }
                    for s in splits { program[s] = .split(s + 1, program.count) }
                } else {
                    let split = program.count
                    program.append(.split(split + 1, -1))
                    try emit(inner)
                    program.append(.jump(split))
                    program[split] = .split(split + 1, program.count)
                }
            }
        }
    }
}
