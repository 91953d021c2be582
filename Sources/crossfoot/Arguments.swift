import Crossfoot

/// The command line, read by a table of each command's options rather than by reflection: a
/// `lint` of a small file costs less than parsing its options used to (swift-argument-parser
/// found them by reflection, 15M instructions of a 72M lint, and brought Foundation with it).

/// An option a command takes: `--name VALUE`, `--name=VALUE`, or a flag `--name`.
struct OptionSpec {
    var name: String
    /// The value's name in help (`path`), or nil for a flag.
    var value: String?
    /// Whether the option may be given more than once, each value kept (`--rules a --rules b`);
    /// otherwise the last one given counts.
    var repeats = false
    var help: String

    static func flag(_ name: String, _ help: String) -> OptionSpec { OptionSpec(name: name, value: nil, help: help) }
    static func value(_ name: String, _ value: String, _ help: String, repeats: Bool = false) -> OptionSpec {
        OptionSpec(name: name, value: value, repeats: repeats, help: help)
    }
}

/// A command: its options, its positional arguments, or its subcommands.
struct CommandSpec {
    var name: String
    var abstract: String
    var discussion = ""
    /// The positional arguments' name in help (`path`), and their help; nil for none.
    var arguments: (name: String, help: String, many: Bool, required: Bool)?
    var options: [OptionSpec] = []
    var subcommands: [CommandSpec] = []
    /// The words that lead to this command (`crossfoot rules check`).
    var path: [String] = []

    func option(_ name: String) -> OptionSpec? { options.first { $0.name == name } }
}

/// A mistake on the command line: said with the command's name, and exit 2.
struct UsageError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

/// What the command line said to a command.
struct Arguments {
    var command: CommandSpec
    var values: [String: [String]] = [:]
    var positionals: [String] = []

    func flag(_ name: String) -> Bool { values[name] != nil }
    func string(_ name: String) -> String? { values[name]?.last }
    func strings(_ name: String) -> [String] { values[name] ?? [] }

    func int(_ name: String) throws(UsageError) -> Int? {
        guard let text = string(name) else { return nil }
        guard let n = Int(text) else { throw UsageError("--\(name) takes a whole number, not '\(text)'") }
        return n
    }

    /// A size: `67108864`, `64MiB`, `1.5GiB`.
    func size(_ name: String) throws(UsageError) -> Int? {
        guard let text = string(name) else { return nil }
        guard let n = ByteSize.parse(text), n >= 0 else { throw UsageError("--\(name) takes a size in bytes or as 64MiB, not '\(text)'") }
        return n
    }

    /// One of a set of words (`--format json`).
    func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type) throws(UsageError) -> T? where T.RawValue == String {
        guard let text = string(name) else { return nil }
        guard let value = T(rawValue: text) else {
            throw UsageError("--\(name) takes one of \(T.allCases.map(\.rawValue).joined(separator: ", ")), not '\(text)'")
        }
        return value
    }
}

/// What the command line asks for.
enum Invocation {
    case run(Arguments)
    case help(CommandSpec)
    case version
}

enum ArgumentParsing {
    /// Finds the command the words name and reads its options.
    static func parse(_ words: [String], root: CommandSpec) throws(UsageError) -> Invocation {
        var command = root
        command.path = [root.name]
        var rest = words[...]
        // Subcommands first: `rules check …`; `help rules check` is the help of `rules check`.
        var wantsHelp = false
        while !command.subcommands.isEmpty {
            guard let word = rest.first else { return .help(command) }
            if word == "--help" || word == "-h" { return .help(command) }
            if word == "help" {
                wantsHelp = true
                rest = rest.dropFirst()
                continue
            }
            if word == "--version", command.path.count == 1 { return .version }
            guard var sub = command.subcommands.first(where: { $0.name == word }) else {
                let names = command.subcommands.map(\.name)
                var message = word.hasPrefix("-") ? "unknown option '\(word)'" : "unknown command '\(word)'"
                if let close = closest(word, in: names) { message += "; did you mean '\(close)'?" }
                throw UsageError(message + " (commands: \(names.joined(separator: ", ")))")
            }
            sub.path = command.path + [sub.name]
            command = sub
            rest = rest.dropFirst()
        }
        if wantsHelp { return .help(command) }
        var arguments = Arguments(command: command)
        var optionsEnded = false
        while let word = rest.first {
            rest = rest.dropFirst()
            if optionsEnded || !word.hasPrefix("-") || word == "-" {
                arguments.positionals.append(word)
                continue
            }
            if word == "--" {
                optionsEnded = true
                continue
            }
            if word == "--help" || word == "-h" { return .help(command) }
            var name = String(word.drop { $0 == "-" })
            var inline: String?
            if let equals = name.firstIndex(of: "=") {
                inline = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard word.hasPrefix("--"), let option = command.option(name) else {
                var message = "unknown option '\(word)'"
                if let close = closest("--" + name, in: command.options.map { "--" + $0.name }) { message += "; did you mean '\(close)'?" }
                throw UsageError(message)
            }
            guard option.value != nil else {
                if inline != nil { throw UsageError("--\(name) takes no value") }
                arguments.values[name, default: []].append("")
                continue
            }
            let value: String
            if let inline {
                value = inline
            } else if let next = rest.first, !(next.hasPrefix("--") && next.count > 2) {
                value = next
                rest = rest.dropFirst()
            } else {
                throw UsageError("--\(name) needs a value (--\(name) <\(option.value ?? "value")>)")
            }
            if option.repeats {
                arguments.values[name, default: []].append(value)
            } else {
                arguments.values[name] = [value]
            }
        }
        if let spec = command.arguments {
            if spec.required, arguments.positionals.isEmpty { throw UsageError("missing <\(spec.name)>") }
            if !spec.many, arguments.positionals.count > 1 { throw UsageError("takes one <\(spec.name)>, not \(arguments.positionals.count)") }
        } else if let first = arguments.positionals.first {
            throw UsageError("unexpected argument '\(first)'")
        }
        return .run(arguments)
    }

    /// The name closest to a mistyped one, if close enough to be what was meant.
    static func closest(_ word: String, in names: [String]) -> String? {
        guard let best = names.min(by: { distance($0, word) < distance($1, word) }), distance(best, word) <= 2 else { return nil }
        return best
    }

    /// Edit distance.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let saved = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = saved
            }
        }
        return row[b.count]
    }

    // MARK: Help

    /// A command's help: what it does, how it is called, its arguments and options, examples.
    static func help(_ command: CommandSpec) -> String {
        let name = command.path.joined(separator: " ")
        var out = wrap("OVERVIEW: \(command.abstract)", width: 78).joined(separator: "\n") + "\n\n"
        var usage = "USAGE: \(name)"
        if !command.subcommands.isEmpty {
            usage += " <subcommand>"
        } else {
            if !command.options.isEmpty { usage += " [<options>]" }
            if let arguments = command.arguments {
                let one = "<\(arguments.name)>" + (arguments.many ? " ..." : "")
                usage += " " + (arguments.required ? one : "[\(one)]")
            }
        }
        out += usage + "\n"
        var rows: [(String, String)] = []
        func section(_ title: String, _ items: [(String, String)]) {
            guard !items.isEmpty else { return }
            out += "\n\(title):\n"
            rows = items
            let width = min(28, (rows.map(\.0.count).max() ?? 0) + 2)
            for (left, text) in rows {
                let lines = wrap(text, width: 78 - 2 - width)
                if left.count + 2 > width {
                    out += "  \(left)\n"
                    for line in lines { out += String(repeating: " ", count: 2 + width) + line + "\n" }
                } else {
                    for (i, line) in lines.enumerated() {
                        let lead = i == 0 ? "  " + left + String(repeating: " ", count: width - left.count) : String(repeating: " ", count: 2 + width)
                        out += lead + line + "\n"
                    }
                }
            }
        }
        if let arguments = command.arguments {
            section("ARGUMENTS", [("<\(arguments.name)>", arguments.help)])
        }
        var options = command.options.map { option -> (String, String) in
            ("--\(option.name)" + (option.value.map { " <\($0)>" } ?? ""), option.help)
        }
        if command.path.count == 1 { options.append(("--version", "Show the version.")) }
        options.append(("-h, --help", "Show help information."))
        section("OPTIONS", options)
        section("SUBCOMMANDS", command.subcommands.map { ($0.name, $0.abstract) })
        if !command.discussion.isEmpty {
            // Paragraphs are wrapped; indented lines (examples) are kept as they are.
            out += "\n"
            for line in command.discussion.split(separator: "\n", omittingEmptySubsequences: false) {
                out += (line.hasPrefix(" ") ? [String(line)] : wrap(String(line), width: 78)).joined(separator: "\n") + "\n"
            }
        }
        if !command.subcommands.isEmpty { out += "\n  See '\(name) help <subcommand>' for detailed help.\n" }
        return out
    }

    /// Words of a help text in lines of at most `width` characters.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.isEmpty ? [""] : lines
    }
}
