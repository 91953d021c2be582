/// A problem starting the server, in words for the person who started it.
public struct ServeError: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}
