/// Why a pull from a Prometheus server failed; names the server.
public struct PullError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure, for callers that choose an exit code.
    public enum Kind: Sendable, Equatable {
        /// The server answered with a status that is not retried (a 4xx other than 429):
        /// usually a query Prometheus cannot parse or run.
        case rejected
        /// No usable answer after every attempt: connection failures, 429 or 5xx.
        case unavailable
    }

    public let kind: Kind
    /// The server's base URL as given.
    public let url: String
    /// The last HTTP status, nil when no response arrived.
    public let status: Int?
    /// Requests made.
    public let attempts: Int
    /// The reason: Prometheus's own `error` text when it sent one.
    public let message: String

    static func rejected(_ url: String, status: Int, message: String) -> PullError {
        PullError(kind: .rejected, url: url, status: status, attempts: 1, message: message)
    }

    static func unavailable(_ url: String, status: Int?, attempts: Int, message: String) -> PullError {
        PullError(kind: .unavailable, url: url, status: status, attempts: attempts, message: message)
    }

    /// `url: what happened`, one line.
    public var description: String {
        switch kind {
        case .rejected:
            "\(url): prometheus rejected the query (HTTP \(status ?? 0)): \(message)"
        case .unavailable:
            "\(url): no answer after \(attempts) attempt\(attempts == 1 ? "" : "s"): \(message)"
        }
    }
}
