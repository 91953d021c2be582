import CrossfootBase
import CrossfootRules

/// A table's header as a reader found it: where it is, and how close its columns came to a
/// known table's, for the finding that says no rule reads the table.
public struct TableHeader: Sendable, Hashable {
    /// The table's name.
    public var table: String
    /// The header's first cell.
    public var location: SourceLocation
    /// The known table most of whose columns the header has, when it lacks some of them.
    public var nearMiss: NearMiss?

    public init(table: String, location: SourceLocation, nearMiss: NearMiss? = nil) {
        self.table = table
        self.location = location
        self.nearMiss = nearMiss
    }
}
