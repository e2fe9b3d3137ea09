import Dispatch
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import InsightsStorage
import Synchronization

/// Performs the GET requests of a Prometheus pull with Foundation's `URLSession`, one at
/// a time, waiting for each answer (the ingest command is synchronous).
///
/// Failures to get any response become `PullTransportError`s with a short reason, which
/// the pull retries; every HTTP status is handed back as it is.
struct PrometheusClient: PullTransport {
    private let session: URLSession
    private let timeout: TimeInterval

    /// A client whose requests give up after `timeout` seconds without an answer.
    init(timeout: TimeInterval) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        session = URLSession(configuration: configuration)
        self.timeout = timeout
    }

    func get(_ url: String) throws(PullTransportError) -> PullResponse {
        guard let address = URL(string: url) else { throw PullTransportError("'\(url)' is not a valid url") }
        var request = URLRequest(url: address, timeoutInterval: timeout)
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        request.setValue("insights/\(InsightsVersion.string)", forHTTPHeaderField: "User-Agent")
        let answer = Answer()
        let task = session.dataTask(with: request) { data, response, error in
            if let error {
                answer.finish(.failure(PullTransportError(Self.reason(error))))
            } else if let http = response as? HTTPURLResponse {
                answer.finish(.success(PullResponse(status: http.statusCode, body: Array(data ?? Data()))))
            } else {
                answer.finish(.failure(PullTransportError("the answer is not http")))
            }
        }
        task.resume()
        return try answer.wait().get()
    }

    /// A short reason for a request that got no response.
    private static func reason(_ error: any Error) -> String {
        guard let error = error as? URLError else { return String(describing: error) }
        switch error.code {
        case .cannotConnectToHost: return "connection refused"
        case .timedOut: return "timed out"
        case .cannotFindHost, .dnsLookupFailed: return "unknown host"
        case .networkConnectionLost: return "connection lost"
        case .notConnectedToInternet: return "no network"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
             .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot:
            return "tls handshake failed"
        default: return "network error \(error.code.rawValue)"
        }
    }
}

/// The one answer to a request, handed from URLSession's delegate queue to the waiting
/// thread: a mutex guards it and a semaphore says it is there.
private final class Answer: Sendable {
    private let result = Mutex<Result<PullResponse, PullTransportError>?>(nil)
    private let ready = DispatchSemaphore(value: 0)

    func finish(_ outcome: Result<PullResponse, PullTransportError>) {
        result.withLock { $0 = outcome }
        ready.signal()
    }

    func wait() -> Result<PullResponse, PullTransportError> {
        ready.wait()
        return result.withLock { $0 } ?? .failure(PullTransportError("no answer"))
    }
}
