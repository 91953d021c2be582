extension RuleLowering {
    /// What one check kind lowers to. The rule's filter, its written join and the columns it
    /// reads are common to every kind and lowered around it.
    struct Lowered {
        var assertions: [IRAssertion]
        var group: IRGroup? = nil
        /// The same table's row one step earlier in the series, for kinds that compare with it;
        /// it takes the place of a written join, which those kinds do not allow.
        var previous: IRJoin? = nil
        var setCheck: IRSetCheck? = nil
        /// The text of the rule's expression, for `expect` messages.
        var sourceText: String? = nil
        /// Columns the kind reads outside its assertions and group.
        var extraColumns: [String] = []
    }
}
