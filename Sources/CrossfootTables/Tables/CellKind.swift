import CrossfootBase
import CrossfootRules

/// What a cell holds.
public enum CellKind: UInt8, Sendable, Hashable {
    case missing = 0
    /// A number written without `%`.
    case number = 1
    /// A number written with `%`, kept in percent units (`93.78%` is 93.78).
    case percent = 2
    /// Text kept once in the column's string pool.
    case text = 3
    /// Text whose UTF-8 bytes stay in the file's bytes, read only when needed.
    case rawText = 4

    @inlinable
    public var isNumber: Bool { self == .number || self == .percent }
}

/// One cell's parsed value, as handed to programs embedding the library.
public enum CellValue: Sendable, Hashable, CustomStringConvertible {
    case missing
    case number(Number, percent: Bool)
    case text(String)

    @inlinable
    public var number: Number? {
        if case .number(let n, _) = self { return n }
        return nil
    }

    @inlinable
    public var text: String? {
        if case .text(let s) = self { return s }
        return nil
    }

    @inlinable
    public var isMissing: Bool {
        if case .missing = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .missing: return ""
        case .number(let n, let percent): return percent ? "\(n)%" : n.description
        case .text(let s): return s
        }
    }
}
