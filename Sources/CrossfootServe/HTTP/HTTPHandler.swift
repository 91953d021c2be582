/// What answers the server's requests, in two steps so that a request can be refused before its
/// body is read.
public protocol HTTPHandler: Sendable {
    /// A response refusing the request from its head alone (no body byte read yet), or `nil` to
    /// let the body in.
    func refusal(head: HTTPRequest) -> HTTPResponse?

    /// The response to a whole request.
    func respond(to request: HTTPRequest) -> HTTPResponse

    /// Adds what every response carries (security headers), refusals from the server included.
    func finish(_ response: HTTPResponse) -> HTTPResponse
}
