import CrossfootBase
import CrossfootRules
import CrossfootTables

extension ProjectConfig {
    /// The config in effect: the file named, else the `.crossfoot.yaml` found from `directory`
    /// up to the repository root, else an empty config.
    ///
    /// - Parameters:
    ///   - path: a config file the user named (`--config`).
    ///   - directory: where discovery starts.
    /// - Returns: the config, or the messages that say what is wrong with it.
    public static func load(_ path: String?, from directory: String = ".") -> Result<ProjectConfig, ConfigFailure> {
        let file: String
        if let path {
            guard FileSystem.kind(of: path) == .file else {
                return .failure(ConfigFailure(messages: [.text("\(path): error: no such config file")]))
            }
            file = path
        } else if let found = discover(from: directory) {
            file = found
        } else {
            return .success(ProjectConfig(directory: directory))
        }
        let folder = file.contains("/") ? String(file[..<(file.lastIndex(of: "/") ?? file.endIndex)]) : "."
        do throws(Diagnostic) {
            let source = SourceFile(path: file, bytes: try TextDecoding.utf8(try FileSystem.read(file), path: file))
            switch ConfigParser.parse(source, directory: folder.isEmpty ? "/" : folder) {
            case .success(let parsed): return .success(parsed)
            case .failure(let list):
                let count = list.diagnostics.count
                return .failure(
                    ConfigFailure(
                        messages: list.diagnostics.map(SessionMessage.diagnostic)
                            + [.text("\(count) error\(count == 1 ? "" : "s") in the config; nothing was linted")]))
            }
        } catch {
            return .failure(ConfigFailure(messages: [.diagnostic(error)]))
        }
    }
}

/// Why a config could not be used: every message, in order.
public struct ConfigFailure: Error, Sendable {
    public var messages: [SessionMessage]
}
