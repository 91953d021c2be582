import CrossfootBase
import CrossfootReports

/// Reading the baseline a lint is set against, and checking that a change did not add to it.
enum BaselineCheck {
    /// The baseline at `path`; `nil` when there is no file there yet.
    static func read(_ path: String) -> Result<Baseline?, Diagnostic> {
        guard FileSystem.kind(of: path) == .file else { return .success(nil) }
        do throws(Diagnostic) {
            return .success(try Baseline.read(SourceFile(path: path, bytes: try FileSystem.read(path))))
        } catch {
            return .failure(error)
        }
    }

    /// Why the baseline gained entries compared with its version at `ref`, or `nil` when it
    /// did not.
    static func growth(of current: Baseline, path: String, since ref: String) -> Result<String?, Diagnostic> {
        let top = Git.topLevel(".") ?? "."
        let relative = RepositoryPaths(root: top).relative(path)
        do throws(Diagnostic) {
            guard let old = try Git.show(ref, path: relative, in: top) else {
                guard !current.entries.isEmpty else { return .success(nil) }
                return .success(
                    "\(path): error: the baseline does not exist at \(ref), so all \(current.entries.count) of its entries are new; a pull request cannot add findings to the baseline"
                )
            }
            let before = try Baseline.read(SourceFile(path: "\(ref):\(relative)", bytes: old))
            var counts: [String: Int] = [:]
            for entry in before.entries { counts[entry.identity, default: 0] += 1 }
            var added = 0
            for entry in current.entries {
                if let n = counts[entry.identity], n > 0 { counts[entry.identity] = n - 1 } else { added += 1 }
            }
            guard added > 0 else { return .success(nil) }
            return .success(
                "\(path): error: the baseline gained \(added) entr\(added == 1 ? "y" : "ies") since \(ref); fix the findings instead of adding them to the baseline"
            )
        } catch {
            return .failure(error)
        }
    }
}
