import Crossfoot
import CrossfootBase

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lints uploaded files with `LintSession`, as `crossfoot lint` would lint them.
///
/// Each file is written into the server's private folder (mode 0700) under names the server
/// makes — `<upload id>/<n>/<stem>.<ext>`, the stem kept only when it is a plain name (a
/// CSV's table is named after it; otherwise `upload`), the extension only one the readers know —
/// never under the name it was uploaded with, and removed as soon as the lint has read it; the
/// result's paths are then turned back into the uploaded names, which are only ever shown.
struct UploadLint: Sendable {
    /// The uploaded files (field `files`) and the optional rule file (field `rules`), as ranges
    /// of the request body.
    struct Upload {
        var name: String
        var range: Range<Int>
    }

    var config: ProjectConfig
    /// `--rules` of the server; empty: the config's packs.
    var rules: [String]
    /// The server's private folder.
    var folder: String

    func run(id: String, body: [UInt8], files: [Upload], ruleFile: Upload?, made: Double) -> CheckedUpload {
        let dir = folder + "/" + id
        var checked = CheckedUpload(
            id: id, made: made, result: nil, context: ReportContext(), messages: [], names: [], ruleFile: ruleFile.map { Self.displayName($0.name, taken: []) })
        guard mkdir(dir, 0o700) == 0 else {
            checked.messages = [.text("error: the server could not keep the upload (\(String(cString: strerror(errno))))")]
            return checked
        }
        var written: [String] = []
        defer {
            // Files, then their folders, then the upload's folder.
            for path in written.reversed() where unlink(path) != 0 { rmdir(path) }
            rmdir(dir)
        }
        var labels: [String: String] = [:]
        var paths: [String] = []
        for (n, file) in files.enumerated() {
            let name = Self.displayName(file.name, taken: Set(checked.names))
            // A folder per file, under a number: a CSV's table is named after its file's stem.
            let sub = "\(dir)/\(n + 1)"
            guard mkdir(sub, 0o700) == 0 else { continue }
            written.append(sub)
            let path = "\(sub)/\(Self.stem(file.name))\(Self.safeExtension(file.name))"
            guard Self.write(body[file.range], to: path) else {
                checked.messages.append(.text("\(name): error: the server could not keep this file"))
                continue
            }
            written.append(path)
            checked.names.append(name)
            labels[path] = name
            paths.append(path)
        }
        var options = LintSession.Options()
        options.paths = paths
        options.rules = rules
        // The HTML format has the session read the tables again (the data shown) and word what
        // was expected against what was found.
        options.format = .html
        options.jobs = 1
        if let ruleFile, let name = checked.ruleFile {
            let path = "\(dir)/rules.yaml"
            if Self.write(body[ruleFile.range], to: path) {
                written.append(path)
                labels[path] = name
                options.rules = (rules.isEmpty ? config.resolvedPacks().packs : rules) + [path]
            }
        }
        guard !paths.isEmpty || ruleFile != nil else {
            checked.messages.append(.text("error: no file was uploaded"))
            return checked
        }
        let outcome = LintSession(config: config, options: options).run()
        let relabel = Relabel(labels: labels)
        checked.messages = checked.messages + outcome.messages.map(relabel.message)
        if var result = outcome.result {
            result.sources = LintSession.sources(of: result)
            checked.result = relabel.result(result)
        }
        var context = outcome.context
        context.paths = RepositoryPaths(root: nil)
        checked.context = context
        return checked
    }

    /// The uploaded name as shown: control characters dropped, at most 200 characters, and a
    /// number added when another file of the upload has the same name.
    static func displayName(_ raw: String, taken: Set<String>) -> String {
        var name = String(raw.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.prefix(200).map(Character.init))
        if name.isEmpty { name = "upload" }
        var candidate = name
        var n = 2
        while taken.contains(candidate) {
            candidate = "\(name) (\(n))"
            n += 1
        }
        return candidate
    }

    /// The stem of the file kept: the uploaded stem only when it is a plain name (letters,
    /// digits, `_` and `-`: what a rule's `table:` names, as the CSV reader names a table after
    /// its file), otherwise `upload`. Never a path, never a dot file.
    static func stem(_ name: String) -> String {
        let base = name.split(separator: ".", omittingEmptySubsequences: false)
        let stem = base.count > 1 ? base.dropLast().joined(separator: ".") : name
        func letter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
        func digit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        // A letter or `_` first, then letters, digits, `_` and `-` (`cash-distributions`).
        let identifier =
            stem.utf8.count <= 64 && stem.utf8.first.map { letter($0) || $0 == 0x5F } == true
            && stem.utf8.allSatisfy { letter($0) || digit($0) || $0 == 0x5F || $0 == 0x2D }
        return identifier ? stem : "upload"
    }

    /// `.csv`, `.md`, … when the uploaded name ends with an extension the readers know (some
    /// formats are told by it), otherwise none.
    static func safeExtension(_ name: String) -> String {
        guard let dot = name.lastIndex(of: ".") else { return "" }
        let ext = name[name.index(after: dot)...].lowercased()
        return InputReader.extensions.contains(ext) ? "." + ext : ""
    }

    /// Writes a new file (never over an existing one, never through a link), readable by the
    /// server only.
    static func write(_ bytes: ArraySlice<UInt8>, to path: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                #if canImport(Glibc)
                let n = Glibc.write(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset)
                #else
                let n = Darwin.write(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset)
                #endif
                if n < 0, errno == EINTR { continue }
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
    }
}
