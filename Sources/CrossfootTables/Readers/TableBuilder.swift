import CrossfootBase
import CrossfootRules

/// A table being built row by row, with each cell's span.
package struct TableBuilder {
    package var names: [String]
    package var columns: [Column]
    package var spans: [[CellSpan]]

    package init(schema: TableSchema) {
        names = schema.columns
        columns = schema.columns.map { Column(name: $0) }
        spans = Array(repeating: [], count: schema.columns.count)
    }

    package var rowCount: Int { columns.first?.count ?? 0 }

    package mutating func append(_ values: [CellValue], _ cellSpans: [CellSpan]) {
        for i in columns.indices {
            columns[i].append(values[i])
            spans[i].append(cellSpans[i])
        }
    }

    package func table(file: SourceFile, schema: TableSchema) -> Table {
        Table(name: schema.name, path: file.path, columns: columns, rowCount: rowCount, origins: .spans(file, spans))
    }
}
