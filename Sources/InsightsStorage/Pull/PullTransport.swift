/// Something that can perform an HTTP GET: the network in the command-line tool, a script
/// of answers in tests. The storage layer never opens a connection itself.
public protocol PullTransport {
    /// The response to `GET url`, whatever its status.
    /// - Throws: `PullTransportError` when no response arrived (refused, unreachable,
    ///   timed out); such failures are retried.
    func get(_ url: String) throws(PullTransportError) -> PullResponse
}

/// An HTTP response: status and body.
public struct PullResponse: Sendable, Equatable {
    public let status: Int
    public let body: [UInt8]

    public init(status: Int, body: [UInt8]) {
        self.status = status
        self.body = body
    }
}

/// A request that got no response, with a short reason ("connection refused").
public struct PullTransportError: Error, Sendable, Equatable {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }
}
