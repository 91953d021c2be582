import CrossfootBase
import CrossfootTables

/// The input files of a lint: the paths given (or the config's), filtered by the config's
/// include and exclude patterns and by `--since`.
struct InputSelection {
    var files: [(path: String, explicit: Bool)]
    /// Paths that could not be read while looking for files.
    var problems: [Diagnostic]
    /// What was skipped on the way.
    var notes: [Diagnostic]

    static func choose(options: LintSession.Options, config: ProjectConfig) -> Result<InputSelection, Diagnostic> {
        let roots = options.paths.isEmpty ? [config.file == nil ? "." : config.directory] : options.paths
        let collected = InputReader.collectWithNotes(roots)
        var files = collected.files
        if options.paths.isEmpty, !config.include.value.isEmpty {
            files = files.filter { file in config.include.value.contains { $0.matches(config.relative(file.path)) } }
        }
        if !config.exclude.value.isEmpty {
            files = files.filter { file in !config.exclude.value.contains { $0.matches(config.relative(file.path)) } }
        }
        if let since = options.since {
            let top = Git.topLevel(".") ?? "."
            let changed: Set<String>
            do {
                changed = Set(try Git.changedFiles(since: since, in: top))
            } catch {
                return .failure(error)
            }
            let topPaths = RepositoryPaths(root: top)
            files = files.filter { changed.contains(topPaths.relative($0.path)) }
        }
        return .success(InputSelection(files: files, problems: collected.problems, notes: collected.notes))
    }
}
