#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
private let systemWrite = Glibc.write
#elseif canImport(Musl)
import Musl
private let systemRead = Musl.read
private let systemWrite = Musl.write
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
private let systemWrite = Darwin.write
#endif

/// Reading files and listing folders with plain system calls (no Foundation on this path).
public enum FileSystem {
    /// The folder a path is in: `.` for a bare name, `/` for a file at the root.
    public static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }

    /// What a symbolic link loop is called wherever one is met.
    package static let loopMessage = "a symbolic link loop: following its links leads back to it (too many levels of symbolic links)"

    public enum Kind: Sendable {
        case file, directory, other, absent
        /// A symbolic link that leads, link after link, back to itself.
        case loop
        /// A symbolic link whose target does not exist.
        case brokenLink
    }

    /// What is at `path`, following symbolic links.
    public static func kind(of path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ELOOP { return .loop }
            var link = stat()
            return lstat(path, &link) == 0 ? .brokenLink : .absent
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// Whether `path` itself is a symbolic link.
    public static func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0 else { return false }
        return (info.st_mode & S_IFMT) == S_IFLNK
    }

    public static func identity(of path: String) -> [UInt64]? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return [UInt64(info.st_dev), UInt64(info.st_ino)]
    }

    /// The whole file.
    ///
    /// - Throws: a `Diagnostic` naming the file and the system's reason.
    public static func read(_ path: String, maxSize: Int = Int.max, limitFlag: String = "--max-file-size") throws(Diagnostic) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw Diagnostic(.error, "cannot open the file: \(String(cString: strerror(errno)))", path: path) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Diagnostic(.error, "cannot read the file: \(String(cString: strerror(errno)))", path: path) }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw Diagnostic(.error, "is a folder, not a file", path: path)
        }
        let size = Int(info.st_size)
        if size > maxSize {
            throw Diagnostic(.error, "the file is \(Self.size(size)), more than the limit of \(Self.size(maxSize)) (raise it with \(limitFlag))", path: path)
        }
        var bytes = [UInt8](repeating: 0, count: max(size, 0))
        var total = 0
        while true {
            if total == bytes.count {
                // The file grew, or its size was unknown: read on in chunks.
                bytes.append(contentsOf: [UInt8](repeating: 0, count: max(65536, bytes.count / 2)))
            }
            let n = bytes.withUnsafeMutableBytes { buffer in
                systemRead(fd, buffer.baseAddress.map { $0 + total }, buffer.count - total)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw Diagnostic(.error, "cannot read the file: \(String(cString: strerror(errno)))", path: path)
            }
            if n == 0 { break }
            total += n
            if total > maxSize {
                throw Diagnostic(.error, "the file is larger than the limit of \(Self.size(maxSize)) (raise it with \(limitFlag))", path: path)
            }
        }
        bytes.removeSubrange(total...)
        return bytes
    }

    /// The entries of a folder, sorted by name, without `.` and `..`.
    public static func entries(of path: String) throws(Diagnostic) -> [String] {
        guard let dir = opendir(path) else {
            throw Diagnostic(.error, "cannot list the folder: \(String(cString: strerror(errno)))", path: path)
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            names.append(name)
        }
        return names.sorted()
    }

    /// Writes `bytes` to `path` through a temporary file in the same folder, renamed into
    /// place, so an interrupted run never leaves a half-written file.
    public static func write(_ bytes: [UInt8], to path: String) throws(Diagnostic) {
        try write(parts: [bytes], to: path)
    }

    /// Writes `parts`, one after another, as the file `path`, the same way.
    public static func write(parts: [[UInt8]], to path: String) throws(Diagnostic) {
        let temporary = path + ".crossfoot-tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw Diagnostic(.error, "cannot write the file: \(String(cString: strerror(errno)))", path: path) }
        for bytes in parts {
            var written = 0
            while written < bytes.count {
                let n = bytes.withUnsafeBytes { buffer in
                    systemWrite(fd, buffer.baseAddress.map { $0 + written }, bytes.count - written)
                }
                if n < 0 {
                    if errno == EINTR { continue }
                    let reason = String(cString: strerror(errno))
                    close(fd)
                    unlink(temporary)
                    throw Diagnostic(.error, "cannot write the file: \(reason)", path: path)
                }
                written += n
            }
        }
        // On disk before it takes the name: a crash leaves the old file or the new, never half.
        _ = fsync(fd)
        close(fd)
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw Diagnostic(.error, "cannot write the file: \(reason)", path: path)
        }
    }

    /// Appends `bytes` to `path`, creating it when absent (GitHub's step summary).
    public static func append(_ bytes: [UInt8], to path: String) throws(Diagnostic) {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard fd >= 0 else { throw Diagnostic(.error, "cannot write the file: \(String(cString: strerror(errno)))", path: path) }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress.map { $0 + written }, bytes.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Diagnostic(.error, "cannot write the file: \(String(cString: strerror(errno)))", path: path)
            }
            written += n
        }
    }

    /// Creates a folder and its parents.
    public static func makeDirectory(_ path: String) throws(Diagnostic) {
        var current = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            current += (current.isEmpty || current.hasSuffix("/") ? "" : "/") + part
            if kind(of: current) == .directory { continue }
            if mkdir(current, 0o755) != 0, errno != EEXIST {
                throw Diagnostic(.error, "cannot create the folder: \(String(cString: strerror(errno)))", path: current)
            }
        }
    }

    /// A size for people: `4 GiB`, `64 MiB`, `10.5 MB`, `812 bytes`.
    public static func size(_ bytes: Int) -> String {
        for (unit, name) in [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")] where bytes >= unit {
            if bytes % unit == 0 { return "\(bytes / unit) \(name)" }
            let tenths = (bytes * 10 + unit / 2) / unit
            return "\(tenths / 10).\(tenths % 10) \(name)"
        }
        return "\(bytes) byte\(bytes == 1 ? "" : "s")"
    }
}
