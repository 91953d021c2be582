// `import Crossfoot` brings every layer of the library.
@_exported import CrossfootBase
@_exported import CrossfootEngine
@_exported import CrossfootFindings
@_exported import CrossfootReports
@_exported import CrossfootRules
@_exported import CrossfootTables
