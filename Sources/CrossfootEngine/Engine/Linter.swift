import CrossfootBase
import CrossfootRules
import CrossfootTables
import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lints input files with a compiled rule set: the library's one-call entry point.
///
/// Files are checked in parallel, and a large CSV file is cut into byte ranges checked in
/// parallel too, each read in windows so memory does not grow with the file. The results are
/// merged in file order, so the output is the same whatever the number of threads.
public struct Linter: Sendable {
    public struct Options: Sendable {
        /// Forces the input format instead of detecting it.
        public var inputFormat: InputFormat?
        public var maxFileSize: Int
        /// The longest line of an input, in bytes.
        public var maxLineLength: Int
        /// Threads to use; 1 checks everything on the calling thread.
        public var jobs: Int
        /// The size from which a CSV file is cut into ranges, one per thread.
        public var splitSize: Int
        /// The bytes of CSV read at a time; memory stays near this per thread.
        public var windowSize: Int
        /// The findings of each row-by-row rule a CSV file's check makes at most; the others are
        /// counted (`FileResult.unmade`). Nil makes every finding; set it only when nothing but
        /// the listing reads the findings past it (no baseline, accepted exception, or rule that
        /// reads other rules' findings); 0 when only their numbers are shown (`--statistics`).
        public var findingCap: Int?

        public init(
            inputFormat: InputFormat? = nil, maxFileSize: Int = 4 << 30, maxLineLength: Int = 64 << 20,
            jobs: Int = Linter.defaultJobs, splitSize: Int = 512 << 10, windowSize: Int = 1 << 20
        ) {
            self.inputFormat = inputFormat
            self.maxFileSize = maxFileSize
            self.maxLineLength = maxLineLength
            self.jobs = max(1, jobs)
            self.splitSize = splitSize
            self.windowSize = max(64, windowSize)
        }
    }

    /// The number of processors available.
    public static var defaultJobs: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// The rows one table of a file yielded.
    public struct TableRows: Sendable, Hashable {
        public var name: String
        public var rows: Int

        public init(name: String, rows: Int) {
            self.name = name
            self.rows = rows
        }
    }

    /// What linting one file gave.
    public struct FileResult: Sendable {
        public var path: String
        public var format: InputFormat
        /// The tables read, counted as the reader gave them (a page with two trend charts of
        /// different series gives two).
        public var tables: Int
        public var rows: Int
        public var findings: [Finding]
        public var notes: [Diagnostic]
        /// The rows of each table name, in the order the reader gave the tables, so every input
        /// says what it yielded: a table with no rows is here with 0, a file with no table has
        /// none. Tables of one name are counted together.
        public var rowsByTable: [TableRows] = []
        /// Findings counted and not made, past `Options.findingCap`: by rule, and by severity.
        public var unmade: [String: Int] = [:]
        public var unmadeBySeverity: [Severity: Int] = [:]
        public var unmadeSeverity: [String: Severity] = [:]
        /// Rows kept for the rules across years, and the operation the file is about.
        package var series: [Evaluation.StateKey: SnapshotRows] = [:]
        package var operation: String?
    }

    /// What a whole run gave: each file's findings, and the inputs that could not be read.
    ///
    /// What a gate or a report makes of it (accepted, baselined, hidden findings) is the lint
    /// session's `LintResult`.
    public struct Run: Sendable {
        public var files: [FileResult]
        /// Inputs that could not be read; the others were still linted.
        public var inputErrors: [Diagnostic]
        public var ruleCount: Int
        public var ruleIDs: [String]
        /// The rules run, for reports that describe them (SARIF).
        public var rules: [IRRule] = []
        /// What was skipped on the way, for the user's information.
        public var notes: [Diagnostic] = []

        public var findings: [Finding] { files.flatMap(\.findings) }
        public var rows: Int { files.reduce(0) { $0 + $1.rows } }
        public var tables: Int { files.reduce(0) { $0 + $1.tables } }
    }

    public let validator: Validator
    public let options: Options

    package init(ruleSet: RuleSet, options: Options = Options(), wording: any FindingWording) {
        validator = Validator(ruleSet: ruleSet, wording: wording)
        self.options = options
    }

    /// How one file is read: whole, or as ranges of a CSV stream.
    private enum Plan: Sendable {
        case whole(path: String, explicit: Bool)
        case stream(CSVStream, cuts: [Int])
        case failed(Diagnostic)
    }

    private enum Outcome: Sendable {
        case file(FileResult?)
        case range(Evaluation, CSVStream.RangeResult)
        case failed(Diagnostic)
    }

    private struct Task: Sendable {
        var file: Int
        var part: Int
        var weight: Int
    }

    /// Lints files and folders.
    public func lint(paths: [String]) -> Run {
        let (files, problems, notes) = InputReader.collectWithNotes(paths)
        var run = lint(files: files)
        run.inputErrors = problems + run.inputErrors
        run.notes = notes + run.notes
        return run
    }

    /// Lints files already found (`explicit` ones were named by the user: an unrecognised one
    /// is an error rather than skipped).
    public func lint(files: [(path: String, explicit: Bool)]) -> Run {
        var run = Run(files: [], inputErrors: [], ruleCount: validator.ruleSet.rules.count, ruleIDs: validator.ruleSet.rules.map(\.id))
        run.rules = validator.ruleSet.rules
        let plans = files.map { plan($0.path, explicit: $0.explicit) }
        var tasks: [Task] = []
        for (i, plan) in plans.enumerated() {
            switch plan {
            case .whole(let path, _): tasks.append(Task(file: i, part: 0, weight: Self.size(of: path)))
            case .stream(_, let cuts): for p in 0..<(cuts.count - 1) { tasks.append(Task(file: i, part: p, weight: cuts[p + 1] - cuts[p])) }
            case .failed: break
            }
        }
        // Smaller files first, each in order: a file is put together (and its grouped rules
        // checked) by the thread that finishes its last range, while the other threads go on
        // with the larger files' ranges, rather than all at the end on one thread.
        var sizes = Array(repeating: 0, count: plans.count)
        for task in tasks { sizes[task.file] += task.weight }
        tasks.sort { (sizes[$0.file], $0.file, $0.part) < (sizes[$1.file], $1.file, $1.part) }
        let outcomes = execute(tasks, plans)
        for (i, plan) in plans.enumerated() {
            switch plan {
            case .failed(let diagnostic):
                run.inputErrors.append(diagnostic)
            case .whole:
                switch outcomes[Key(file: i, part: 0)] {
                case .file(let result?)?: run.files.append(result)
                case .failed(let diagnostic)?: run.inputErrors.append(diagnostic)
                default: break
                }
            case .stream(let stream, let cuts):
                switch outcomes[Key(file: i, part: Key.whole)] {
                case .file(let result?)?: run.files.append(result)
                case .failed(let diagnostic)?: run.inputErrors.append(diagnostic)
                default:
                    // Not put together by a worker (every streamed file has a range, so this is a
                    // safeguard): put it together here.
                    do {
                        run.files.append(try merge(stream, cuts, file: i, outcomes))
                    } catch {
                        run.inputErrors.append(error)
                    }
                }
            }
        }
        Series.check(validator.ruleSet, files: &run.files, wording: validator.wording)
        for f in run.files.indices { run.files[f].series = [:] }
        FindingScore.score(&run.files, rules: validator.ruleSet.rules)
        return run
    }

    private struct Key: Hashable, Sendable {
        var file: Int
        var part: Int
        /// The part of a streamed file's ranges put together.
        static let whole = -1
    }

    /// Runs the tasks on the worker threads; a streamed file's ranges are put together, as
    /// `Key(file:, part: Key.whole)`, by the thread that finishes the file's last range.
    private func execute(_ tasks: [Task], _ plans: [Plan]) -> [Key: Outcome] {
        let next = Locked(0)
        let results = Locked<[Key: Outcome]>([:])
        var parts: [Int: Int] = [:]
        for task in tasks { parts[task.file, default: 0] += 1 }
        let remaining = Locked(parts)
        let work: @Sendable (Int) -> Void = { _ in
            while true {
                let index = next.withLock { value -> Int in
                    defer { value += 1 }
                    return value
                }
                guard index < tasks.count else { return }
                let task = tasks[index]
                let outcome = self.perform(task, plans[task.file])
                results.withLock { $0[Key(file: task.file, part: task.part)] = outcome }
                let last = remaining.withLock { left -> Bool in
                    left[task.file, default: 1] -= 1
                    return left[task.file] == 0
                }
                guard last, case .stream(let stream, let cuts) = plans[task.file] else { continue }
                let ranges = results.withLock { all in all.filter { $0.key.file == task.file } }
                let whole: Outcome
                do throws(Diagnostic) {
                    whole = .file(try self.merge(stream, cuts, file: task.file, ranges))
                } catch {
                    whole = .failed(error)
                }
                results.withLock { $0[Key(file: task.file, part: Key.whole)] = whole }
            }
        }
        let workers = min(options.jobs, max(tasks.count, 1))
        if workers <= 1 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: workers, execute: work)
        }
        return results.withLock { $0 }
    }

    private func perform(_ task: Task, _ plan: Plan) -> Outcome {
        switch plan {
        case .whole(let path, let explicit):
            do {
                guard
                    let dataset = try InputReader.read(
                        path, format: options.inputFormat, explicit: explicit, maxFileSize: options.maxFileSize, maxLineLength: options.maxLineLength,
                        schemas: validator.ruleSet.schemas)
                else { return .file(nil) }
                return .file(lint(dataset))
            } catch {
                return .failed(error)
            }
        case .stream(let stream, let cuts):
            do {
                let (evaluation, result) = try check(stream, cuts[task.part]..<cuts[task.part + 1], firstLine: task.part == 0 ? stream.header.dataLine : 1)
                return .range(evaluation, result)
            } catch {
                return .failed(error)
            }
        case .failed(let diagnostic):
            return .failed(diagnostic)
        }
    }

    private static func size(of path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    /// Decides how to read a file: CSV as a stream, everything else whole.
    private func plan(_ path: String, explicit: Bool) -> Plan {
        let ext = path.split(separator: "/").last?.split(separator: ".").last.map { $0.lowercased() } ?? ""
        let isCSV = options.inputFormat == .csv || (options.inputFormat == nil && (ext == "csv" || ext == "tsv"))
        guard isCSV else { return .whole(path: path, explicit: explicit) }
        do {
            guard
                var stream = try CSVStream.make(
                    path, maxFileSize: options.maxFileSize, maxLineLength: options.maxLineLength, schemas: validator.ruleSet.schemas)
            else {
                return .whole(path: path, explicit: explicit)
            }
            stream.windowSize = options.windowSize
            stream.maxLineLength = options.maxLineLength
            let parts = stream.size >= options.splitSize ? options.jobs : 1
            return .stream(stream, cuts: stream.boundaries(parts: parts, minimumSize: options.splitSize))
        } catch {
            return .failed(error)
        }
    }

    /// The columns of the stream's table that some rule reads.
    private func loadedColumns(_ stream: CSVStream) -> [Bool] {
        let name = stream.header.schema.name
        var needed: Set<String> = []
        for rule in validator.ruleSet.rules {
            if Glob.matches(rule.table, name) { needed.formUnion(rule.columns) }
            if let join = rule.join, join.table == name { needed.formUnion(join.columns + join.on) }
        }
        return stream.header.names.map { needed.contains($0) }
    }

    private func check(_ stream: CSVStream, _ range: Range<Int>, firstLine: Int) throws(Diagnostic) -> (Evaluation, CSVStream.RangeResult) {
        var evaluation = Evaluation(ruleSet: validator.ruleSet, path: stream.path, wording: validator.wording)
        if !validator.ruleSet.rules.contains(where: \.readsFindings) { evaluation.cap = options.findingCap }
        let result = try stream.read(range, loaded: loadedColumns(stream), firstLine: firstLine) { batch in
            evaluation.process(batch)
        }
        return (evaluation, result)
    }

    /// A diagnostic moved down by `lines`.
    private static func moved(_ diagnostic: Diagnostic, by lines: Int) -> Diagnostic {
        var moved = diagnostic
        moved.location?.line += lines
        return moved
    }

    /// Puts a stream's ranges together in order; a range that started inside a quoted field
    /// (its predecessor ran past it) is read again from where its predecessor really ended.
    private func merge(_ stream: CSVStream, _ cuts: [Int], file: Int, _ outcomes: [Key: Outcome]) throws(Diagnostic) -> FileResult {
        var total: Evaluation?
        var issues: [ReaderIssue] = stream.header.issues
        var line = stream.header.dataLine
        var position = stream.header.dataStart
        var part = 0
        while part < cuts.count - 1 {
            let evaluation: Evaluation
            let result: CSVStream.RangeResult
            let shift: Int
            if position == cuts[part], case .range(let e, let r)? = outcomes[Key(file: file, part: part)] {
                evaluation = e
                result = r
                shift = part == 0 ? 0 : line - 1
                part += 1
            } else if position == cuts[part], case .failed(let diagnostic)? = outcomes[Key(file: file, part: part)] {
                // A range counts its lines from 1; the error is where it is in the file.
                throw Self.moved(diagnostic, by: part == 0 ? 0 : line - 1)
            } else {
                // The cut fell inside a quoted field: read the rest of the file in one go.
                shift = line - 1
                do {
                    (evaluation, result) = try check(stream, position..<stream.size, firstLine: 1)
                } catch {
                    throw Self.moved(error, by: shift)
                }
                part = cuts.count - 1
            }
            var shifted = evaluation
            shifted.shiftLines(by: shift)
            issues += result.issues.map { issue in
                var moved = issue
                moved.location.line += shift
                moved.rowPosition?.line += shift
                return moved
            }
            if total == nil { total = shifted } else { total?.append(shifted) }
            line = result.nextLine + shift
            position = result.end
        }
        var evaluation = total ?? Evaluation(ruleSet: validator.ruleSet, path: stream.path, wording: validator.wording)
        evaluation.jobs = options.jobs
        evaluation.add(issues.map(\.finding))
        var result = evaluation.finish()
        let unchecked = UncheckedTables.findings(stream.header, rows: result.rows, ruleSet: validator.ruleSet, wording: validator.wording)
        if !unchecked.isEmpty { result.findings = Finding.sorted(unchecked + result.findings) }
        var notes = result.notes
        if result.rows == 0 {
            notes.append(Diagnostic(.note, "the file has a header but no rows: an empty table '\(stream.header.schema.name)'", path: stream.path))
        }
        var file = FileResult(
            path: stream.path, format: .csv, tables: 1, rows: result.rows, findings: result.findings, notes: notes,
            rowsByTable: [TableRows(name: stream.header.schema.name, rows: result.rows)])
        file.series = result.series
        file.operation = result.operation
        file.unmade = result.unmade
        file.unmadeBySeverity = result.unmadeBySeverity
        file.unmadeSeverity = result.unmadeSeverity
        return file
    }

    /// Lints one dataset already read.
    public func lint(_ dataset: Dataset) -> FileResult {
        let result = validator.validate(dataset)
        var file = FileResult(
            path: dataset.source.path, format: dataset.format, tables: dataset.tables.count, rows: result.rows, findings: result.findings,
            notes: dataset.notes + result.notes, rowsByTable: Self.rowsByTable(dataset.tables))
        file.series = result.series
        file.operation = result.operation
        return file
    }

    /// The rows of each table name, in the order the names first come.
    static func rowsByTable(_ tables: [Table]) -> [TableRows] {
        var counts: [TableRows] = []
        for table in tables {
            if let i = counts.firstIndex(where: { $0.name == table.name }) {
                counts[i].rows += table.rowCount
            } else {
                counts.append(TableRows(name: table.name, rows: table.rowCount))
            }
        }
        return counts
    }
}
