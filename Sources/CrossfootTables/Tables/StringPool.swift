import CrossfootBase
import CrossfootRules

/// Distinct strings of a column, each stored once and referred to by index.
///
/// Text columns of indicator data repeat a few values (countries, units, population types) over
/// millions of rows; a pool keeps one copy of each.
public struct StringPool: Sendable {
    public private(set) var strings: [String] = []
    private var index: [String: Int32] = [:]

    public init() {}

    public var count: Int { strings.count }

    /// The id of `string`, adding it when new.
    public mutating func intern(_ string: String) -> Int32 {
        if let id = index[string] { return id }
        let id = Int32(strings.count)
        strings.append(string)
        index[string] = id
        return id
    }

    /// The id of `string`, or `nil` when the pool has never seen it.
    public func id(of string: String) -> Int32? { index[string] }

    @inlinable
    public subscript(id: Int32) -> String { strings[Int(id)] }
}
