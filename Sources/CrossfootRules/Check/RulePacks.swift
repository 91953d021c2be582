import CrossfootBase

/// Where rule files come from: the packs embedded in the binary, files and folders.
public enum RulePacks {
    /// The name `--rules` takes for the embedded default pack.
    public static let defaultName = "default"

    /// The embedded default pack, `Rules/unhcr-arr.yaml`.
    public static var defaultPack: SourceFile {
        let text = EmbeddedRulePacks.all.first { $0.name == "unhcr-arr" }?.text ?? ""
        return SourceFile(path: "embedded:Rules/unhcr-arr.yaml", text: text)
    }

    /// Every embedded pack by name.
    public static var embedded: [SourceFile] {
        EmbeddedRulePacks.all.map { SourceFile(path: "embedded:Rules/\($0.name).yaml", text: $0.text) }
    }

    /// The rule files named by `--rules` values: `default`, files, or folders (their `.yaml`
    /// and `.yml` files, in name order).
    public static func load(_ specs: [String], limits: YAMLLimits = .default) -> (files: [SourceFile], problems: [Diagnostic]) {
        var files: [SourceFile] = []
        var problems: [Diagnostic] = []
        for spec in specs {
            if spec == defaultName {
                files.append(defaultPack)
                continue
            }
            switch FileSystem.kind(of: spec) {
            case .directory:
                do {
                    for name in try FileSystem.entries(of: spec) where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                        let path = spec.hasSuffix("/") ? spec + name : spec + "/" + name
                        do {
                            files.append(
                                SourceFile(path: path, bytes: try FileSystem.read(path, maxSize: limits.maxFileSize, limitFlag: "--max-rule-file-size")))
                        } catch {
                            problems.append(error)
                        }
                    }
                } catch {
                    problems.append(error)
                }
            case .file:
                do {
                    files.append(SourceFile(path: spec, bytes: try FileSystem.read(spec, maxSize: limits.maxFileSize, limitFlag: "--max-rule-file-size")))
                } catch {
                    problems.append(error)
                }
            case .absent:
                problems.append(Diagnostic(.error, "no such rule file or folder (use --rules default for the embedded pack)", path: spec))
            case .other:
                problems.append(Diagnostic(.error, "not a regular file or folder", path: spec))
            case .loop:
                problems.append(Diagnostic(.error, FileSystem.loopMessage, path: spec))
            case .brokenLink:
                problems.append(Diagnostic(.error, "a symbolic link to nothing: its target does not exist", path: spec))
            }
        }
        return (files, problems)
    }
}
