import CrossfootBase
import CrossfootEngine
import CrossfootReports
import CrossfootRules
import CrossfootTables

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `git` for the few things a CI gate asks of it: changed files, and a file at a ref.
public enum Git {
    /// What a git command printed.
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: [UInt8]
        public var stderr: String
    }

    /// Runs `git ARGS` in `directory`.
    ///
    /// - Throws: a `Diagnostic` when git cannot be started.
    public static func run(_ arguments: [String], in directory: String) throws(Diagnostic) -> Output {
        var outPipe: [Int32] = [0, 0]
        var errPipe: [Int32] = [0, 0]
        guard pipe(&outPipe) == 0, pipe(&errPipe) == 0 else {
            throw Diagnostic(.error, "cannot run git: \(String(cString: strerror(errno)))", path: directory)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        posix_spawn_file_actions_addclose(&actions, outPipe[0])
        posix_spawn_file_actions_addclose(&actions, errPipe[0])
        let argv = ["git", "-C", directory] + arguments
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) }
        cArgs.append(nil)
        defer { for p in cArgs { free(p) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, "git", &actions, nil, cArgs, environ)
        close(outPipe[1])
        close(errPipe[1])
        guard spawned == 0 else {
            close(outPipe[0])
            close(errPipe[0])
            throw Diagnostic(.error, "cannot run git (is it installed?): \(String(cString: strerror(spawned)))", path: directory)
        }
        let stdout = drain(outPipe[0])
        let stderr = drain(errPipe[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let code: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Output(status: code, stdout: stdout, stderr: String(decoding: stderr, as: UTF8.self))
    }

    private static func drain(_ fd: Int32) -> [UInt8] {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            result += buffer[0..<n]
        }
        close(fd)
        return result
    }

    /// The top folder of the repository holding `directory` (links resolved), or `nil` outside
    /// one: the nearest folder up from it with a `.git` folder (holding `HEAD`) or `.git` file (a
    /// worktree or submodule), found without starting git, as every lint asks. When
    /// `GIT_DIR` or `GIT_WORK_TREE` says otherwise, git itself is asked.
    public static func topLevel(_ directory: String) -> String? {
        if getenv("GIT_DIR") != nil || getenv("GIT_WORK_TREE") != nil {
            guard let out = try? run(["rev-parse", "--show-toplevel"], in: directory), out.status == 0 else { return nil }
            return String(decoding: out.stdout, as: UTF8.self).trimmingSpaces
        }
        guard var current = RepositoryPaths.absolute(directory) else { return nil }
        while true {
            let dotGit = (current == "/" ? "" : current) + "/.git"
            switch FileSystem.kind(of: dotGit) {
            case .directory where FileSystem.kind(of: dotGit + "/HEAD") == .file: return current
            case .file: return current
            default: break
            }
            guard current != "/", let slash = current.lastIndex(of: "/") else { return nil }
            current = slash == current.startIndex ? "/" : String(current[..<slash])
        }
    }

    /// Files changed since the merge base of `ref` and HEAD, and untracked files, relative to
    /// the repository's top folder.
    ///
    /// - Throws: a `Diagnostic` naming the ref when git cannot resolve it.
    public static func changedFiles(since ref: String, in directory: String) throws(Diagnostic) -> [String] {
        let base = try run(["merge-base", ref, "HEAD"], in: directory)
        guard base.status == 0 else {
            throw Diagnostic(.error, "--since \(ref): git cannot find a merge base with HEAD (\(base.stderr.trimmingSpaces))", path: directory)
        }
        let commit = String(decoding: base.stdout, as: UTF8.self).trimmingSpaces
        let diff = try run(["diff", "--name-only", "-z", commit], in: directory)
        let untracked = try run(["ls-files", "--others", "--exclude-standard", "-z", "--full-name"], in: directory)
        guard diff.status == 0, untracked.status == 0 else {
            throw Diagnostic(.error, "--since \(ref): git diff failed (\(diff.stderr.trimmingSpaces))", path: directory)
        }
        let split: ([UInt8]) -> [String] = { bytes in bytes.split(separator: 0).map { String(decoding: $0, as: UTF8.self) } }
        return Array(Set(split(diff.stdout) + split(untracked.stdout))).sorted()
    }

    /// The content of `path` (relative to the top folder) at `ref`, or `nil` when absent there.
    public static func show(_ ref: String, path: String, in directory: String) throws(Diagnostic) -> [UInt8]? {
        let out = try run(["show", "\(ref):\(path)"], in: directory)
        return out.status == 0 ? out.stdout : nil
    }
}
