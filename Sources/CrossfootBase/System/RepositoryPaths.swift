#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns the paths files were linted under into paths relative to the repository (or config)
/// root, as SARIF, baselines and CI annotations want them.
public struct RepositoryPaths: Sendable {
    /// The root, absolute.
    public let root: String

    /// - Parameter root: the folder paths are relative to; the working directory when `nil`.
    public init(root: String?) {
        self.root = Self.absolute(root ?? ".") ?? "/"
    }

    package static func absolute(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// `path` relative to the root, with `/` separators; as given when it lies outside.
    public func relative(_ path: String) -> String {
        guard let full = Self.absolute(path) else { return path }
        if full == root { return "." }
        let prefix = root == "/" ? "/" : root + "/"
        return full.hasPrefix(prefix) ? String(full.dropFirst(prefix.count)) : path
    }

    /// Whether `path` (after following links) lies inside `folder`.
    public static func contains(_ folder: String, _ path: String) -> Bool {
        guard let base = absolute(folder), let full = absolute(path) else { return false }
        return full == base || full.hasPrefix(base == "/" ? "/" : base + "/")
    }
}
