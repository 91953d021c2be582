import CrossfootTables

/// A table with rows that no loaded rule reads.
package struct UncheckedTableFacts: Sendable {
    /// The file's name, without its folders.
    package var file: String
    package var table: String
    package var rows: Int
    /// The known table most of whose columns its header has, when it lacks some of them.
    package var nearMiss: TableHeader.NearMiss?
}
