/// A PromQL expression pulled from a Prometheus server's HTTP API
/// (`GET /api/v1/query_range`), one request per `PullPlan` chunk.
///
/// It builds the request URLs, repeats failed requests under a `RetryPolicy` through any
/// `PullTransport`, and reads each matrix response with the same reader as a saved
/// `query_range` file, so a pulled series and an ingested file of the same response are
/// stored alike. The network itself belongs to the caller's transport.
public struct PrometheusRangeQuery: Sendable {
    /// The server's base URL, e.g. `http://prometheus:9090` (a trailing `/` is ignored).
    public let server: String
    /// The PromQL expression.
    public let query: String

    public init(server: String, query: String) {
        self.server = server
        self.query = query
    }

    /// The request for one chunk: `server/api/v1/query_range?query=…&start=…&end=…&step=…`,
    /// times in decimal seconds with millisecond precision (Prometheus's resolution).
    public func url(for chunk: PullPlan.Chunk, step: Int64) -> String {
        var base = Substring(server)
        while base.hasSuffix("/") { base = base.dropLast() }
        return "\(base)/api/v1/query_range?query=\(Self.percentEncoded(query))"
            + "&start=\(Self.seconds(chunk.start))&end=\(Self.seconds(chunk.end))&step=\(Self.seconds(step))"
    }

    /// The body of a successful answer to `url`, trying again under `retry`.
    ///
    /// - Parameters:
    ///   - url: From `url(for:step:)`.
    ///   - transport: Performs the GET.
    ///   - retry: Attempts and delays.
    ///   - random: Draws the jitter.
    ///   - sleep: Waits the given nanoseconds (the caller's clock, so tests need not wait).
    ///   - willRetry: Told the retry number (1 before the second attempt), the wait and the
    ///     reason, before each wait.
    /// - Throws: `PullError.rejected` at once for a status that is not retried, with
    ///   Prometheus's `error` text; `PullError.unavailable` once the attempts are spent.
    public func fetch(_ url: String, over transport: some PullTransport, retry: RetryPolicy,
                      random: inout some RandomNumberGenerator, sleep: (Int64) -> Void,
                      willRetry: (_ retry: Int, _ delay: Int64, _ reason: String) -> Void = { _, _, _ in })
        throws(PullError) -> [UInt8] {
        var attempt = 1
        while true {
            let reason: String
            var status: Int? = nil
            switch Result(catching: { () throws(PullTransportError) in try transport.get(url) }) {
            case .success(let response):
                if response.status == 200 { return response.body }
                status = response.status
                let text = Self.errorText(response.body)
                guard RetryPolicy.isRetryable(status: response.status) else {
                    throw .rejected(server, status: response.status, message: text)
                }
                reason = "HTTP \(response.status): \(text)"
            case .failure(let error):
                reason = error.message
            }
            guard attempt < retry.attempts else {
                throw PullError.unavailable(server, status: status, attempts: attempt, message: reason)
            }
            let delay = retry.delay(beforeRetry: attempt, using: &random)
            willRetry(attempt, delay, reason)
            sleep(delay)
            attempt += 1
        }
    }

    /// Reads one `query_range` response body into `sink`.
    ///
    /// A series is named by its `__name__` label, else by `options.metric`; when neither
    /// exists (an expression such as `rate(…)` without the option) the body is refused.
    /// `NaN` values are missing; `±Inf` are bad points (skipped and reported only with
    /// `options.skipBadRows`), as in a saved response file.
    /// - Returns: The counts, and the series that received points.
    /// - Throws: `IngestError` located at the server URL, or what the sink throws.
    public func read(_ body: [UInt8], options: IngestOptions,
                     into sink: inout some RecordSink) throws -> (report: IngestReport, series: Set<SeriesKey>) {
        var context = IngestContext(path: server, options: options, format: .prometheusJSON)
        let document: JSONValue
        switch JSONValue.parse(body) {
        case .success(let value): document = value
        case .failure(let error): throw context.formatError("the answer is not json: \(error.message)")
        }
        let series = try JSONDocumentReader.readPrometheus(document, context: &context, unnamed: options.metric,
                                                           sink: &sink)
        return (context.report, series)
    }

    /// Prometheus's `error` member of an error body, else the start of the body as text.
    static func errorText(_ body: [UInt8]) -> String {
        if case .success(let document) = JSONValue.parse(body), case .string(let message)? = document["error"] {
            return message
        }
        let text = String(decoding: body.prefix(300), as: UTF8.self)
            .split(whereSeparator: \.isNewline).joined(separator: " ")
        return text.isEmpty ? "empty response" : text
    }

    /// Nanoseconds as decimal seconds to the millisecond: `1732700000.5`, `60`, `-1.25`.
    static func seconds(_ nanoseconds: Int64) -> String {
        let milliseconds = nanoseconds / 1_000_000
        let sign = milliseconds < 0 ? "-" : ""
        let whole = milliseconds.magnitude / 1000, fraction = milliseconds.magnitude % 1000
        guard fraction != 0 else { return sign + String(whole) }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 3 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(sign)\(whole).\(digits)"
    }

    /// `text` with every byte outside RFC 3986's unreserved set percent-encoded (so `+`,
    /// which a form parser would read as a space, travels as `%2B`).
    static func percentEncoded(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(byte)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
