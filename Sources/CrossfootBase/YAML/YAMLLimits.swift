/// Hard caps that keep a hostile rule file from exhausting memory or the stack.
public struct YAMLLimits: Sendable, Hashable {
    /// The deepest nesting of mappings and lists.
    public var maxDepth: Int
    /// The most nodes that aliases may add by expansion (a "billion laughs" file needs billions).
    public var maxAliasExpansion: Int
    /// The largest rule file, in bytes.
    public var maxFileSize: Int

    public init(maxDepth: Int = 256, maxAliasExpansion: Int = 10_000, maxFileSize: Int = 64 << 20) {
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
        self.maxFileSize = maxFileSize
    }

    public static let `default` = YAMLLimits()
}
