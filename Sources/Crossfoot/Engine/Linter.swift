/// Lints input files with a compiled rule set: the library's one-call entry point.
public struct Linter: Sendable {
    public struct Options: Sendable {
        /// Forces the input format instead of detecting it.
        public var inputFormat: InputFormat?
        public var maxFileSize: Int

        public init(inputFormat: InputFormat? = nil, maxFileSize: Int = 4 << 30) {
            self.inputFormat = inputFormat
            self.maxFileSize = maxFileSize
        }
    }

    /// What linting one file gave.
    public struct FileResult: Sendable {
        public var path: String
        public var format: InputFormat
        public var tables: Int
        public var rows: Int
        public var findings: [Finding]
        public var notes: [Diagnostic]
    }

    /// What a whole run gave.
    public struct Run: Sendable {
        public var files: [FileResult]
        /// Inputs that could not be read; the others were still linted.
        public var inputErrors: [Diagnostic]
        public var ruleCount: Int
        public var ruleIDs: [String]

        public var findings: [Finding] { files.flatMap(\.findings) }
        public var rows: Int { files.reduce(0) { $0 + $1.rows } }
        public var tables: Int { files.reduce(0) { $0 + $1.tables } }

        public func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }
    }

    public let validator: Validator
    public let options: Options

    public init(ruleSet: RuleSet, options: Options = Options()) {
        validator = Validator(ruleSet: ruleSet)
        self.options = options
    }

    /// Lints files and folders.
    public func lint(paths: [String]) -> Run {
        let (files, problems) = InputReader.collect(paths)
        var run = Run(files: [], inputErrors: problems, ruleCount: validator.ruleSet.rules.count, ruleIDs: validator.ruleSet.rules.map(\.id))
        for (path, explicit) in files {
            do {
                guard let dataset = try InputReader.read(path, format: options.inputFormat, explicit: explicit, maxFileSize: options.maxFileSize) else { continue }
                run.files.append(lint(dataset))
            } catch {
                run.inputErrors.append(error)
            }
        }
        return run
    }

    /// Lints one dataset already read.
    public func lint(_ dataset: Dataset) -> FileResult {
        let result = validator.validate(dataset)
        return FileResult(path: dataset.source.path, format: dataset.format, tables: dataset.tables.count, rows: result.rows, findings: result.findings, notes: dataset.notes + result.notes)
    }
}
