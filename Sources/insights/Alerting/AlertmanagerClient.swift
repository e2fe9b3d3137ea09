import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// Posts alerts to an Alertmanager (`POST {base}/api/v2/alerts`, a JSON array of alerts).
///
/// A connection error, a 5xx answer or 429 is retried `retries` times, waiting `backoff`,
/// 2·`backoff`, 4·`backoff`… between attempts; any other non-2xx answer fails at once with its
/// status and the start of the body (Alertmanager explains a 400 or 422 there).
struct AlertmanagerClient {
    let base: URL
    var retries = 3
    var backoff: TimeInterval = 0.5
    var timeout: TimeInterval = 10
    /// Waits before a retry; returns false when a stop request cut the wait short, which ends
    /// the delivery as failed.
    var pause: (TimeInterval) -> Bool = { Thread.sleep(forTimeInterval: $0); return true }

    /// A failure to deliver, with what the last attempt saw.
    struct DeliveryError: Error, CustomStringConvertible {
        let description: String
    }

    /// The endpoint alerts go to.
    var endpoint: URL { base.appendingPathComponent("api").appendingPathComponent("v2").appendingPathComponent("alerts") }

    /// Posts `body` (a JSON array); returns the number of attempts it took.
    /// - Throws: `DeliveryError` after the last retry, or at once for a refusal that a retry cannot fix.
    @discardableResult
    func post(_ body: String) throws -> Int {
        var request = URLRequest(url: endpoint, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(body.utf8)
        var lastProblem = ""
        for attempt in 0...retries {
            if attempt > 0, !pause(backoff * Double(1 << (attempt - 1))) {
                throw DeliveryError(description: "gave up delivering to \(endpoint.absoluteString) on a stop request after \(attempt) attempt\(attempt == 1 ? "" : "s"): \(lastProblem)")
            }
            switch send(request) {
            case .success(let (status, data)):
                if (200..<300).contains(status) { return attempt + 1 }
                let text = String(decoding: data.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                lastProblem = "HTTP \(status)\(text.isEmpty ? "" : ": \(text)")"
                guard status >= 500 || status == 429 else {
                    throw DeliveryError(description: "\(endpoint.absoluteString) refused the alerts: \(lastProblem)")
                }
            case .failure(let error):
                lastProblem = error.localizedDescription
            }
        }
        throw DeliveryError(description: "could not deliver to \(endpoint.absoluteString) after \(retries + 1) attempts: \(lastProblem)")
    }

    /// One request, waited for.
    private func send(_ request: URLRequest) -> Result<(Int, Data), Error> {
        let outcome = Mutex<Result<(Int, Data), Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let task = URLSession.shared.dataTask(with: request) { data, response, error in
            let result: Result<(Int, Data), Error>
            if let error {
                result = .failure(error)
            } else if let http = response as? HTTPURLResponse {
                result = .success((http.statusCode, data ?? Data()))
            } else {
                result = .failure(DeliveryError(description: "no HTTP response"))
            }
            outcome.withLock { $0 = result }
            done.signal()
        }
        task.resume()
        done.wait()
        return outcome.withLock { $0 } ?? .failure(DeliveryError(description: "no response"))
    }
}
