import CrossfootBase
import CrossfootRules

extension TableHeader {
    /// A header with most but not all of a known table's columns (`indicators` less
    /// `baseline`, `target` and `actual`): most likely that table with headers of its own.
    /// "Most" is at least half, counting the columns the header names and those one of its
    /// other names likely stands for (`likelyNames`).
    public struct NearMiss: Sendable, Hashable {
        /// The known table: `indicators` or `financials`.
        public var table: String
        /// How many of its columns the header has, and how many it has in all.
        public var matched: Int
        public var columns: Int
        /// Its columns the header lacks, in the table's order.
        public var missing: [String]
        /// The header's names, as written, that stand for none of its columns, in header order.
        public var unmatched: [String]

        public init(table: String, matched: Int, columns: Int, missing: [String], unmatched: [String]) {
            self.table = table
            self.matched = matched
            self.columns = columns
            self.missing = missing
            self.unmatched = unmatched
        }

        /// The header names that most likely stand for the missing columns: for each missing
        /// column in turn, the first name not yet taken that contains the column's name
        /// (compared as header names are: `Baseline value` for `baseline`, `Country/Territory`
        /// for `country`).
        public var likelyNames: [(column: String, header: String)] {
            var free = unmatched
            var pairs: [(column: String, header: String)] = []
            for column in missing {
                let key = TableSchema.headerKey(column)
                if let i = free.firstIndex(where: { TableSchema.headerKey($0).contains(key) }) {
                    pairs.append((column, free[i]))
                    free.remove(at: i)
                }
            }
            return pairs
        }
    }
}
