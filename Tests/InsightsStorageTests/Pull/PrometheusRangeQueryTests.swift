import InsightsNumerics
import InsightsStorage
import Testing

/// A transport that plays back a script of answers and records the requests.
final class ScriptedTransport: PullTransport {
    enum Answer {
        case status(Int, String)
        case noResponse(String)
    }

    private var script: [Answer]
    private(set) var requests: [String] = []

    init(_ script: [Answer]) {
        self.script = script
    }

    func get(_ url: String) throws(PullTransportError) -> PullResponse {
        requests.append(url)
        // The last answer repeats once the script runs out.
        let answer = script.count > 1 ? script.removeFirst() : script[0]
        switch answer {
        case .status(let status, let body): return PullResponse(status: status, body: Array(body.utf8))
        case .noResponse(let reason): throw PullTransportError(reason)
        }
    }
}

/// Requests, retries and answers of a pull, without a network.
struct PrometheusRangeQueryTests {
    static let second: Int64 = 1_000_000_000
    static let server = "http://prometheus.test:9090"
    static let success = #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"up","job":"node"},"values":[[1700000000,"1"],[1700000015.5,"0"],[1700000030,"NaN"]]}]}}"#
    static let badQuery = #"{"status":"error","errorType":"bad_data","error":"1:9: parse error: unexpected end of input"}"#

    struct Fetched {
        var body: [UInt8]?
        var error: PullError?
        var sleeps: [Int64] = []
        var notices: [(retry: Int, delay: Int64, reason: String)] = []
    }

    func fetch(_ transport: ScriptedTransport, attempts: Int = 5) -> Fetched {
        let range = PrometheusRangeQuery(server: Self.server, query: "up")
        var random = SplitMix64(seed: 7)
        var fetched = Fetched()
        var sleeps: [Int64] = []
        var notices: [(retry: Int, delay: Int64, reason: String)] = []
        do {
            fetched.body = try range.fetch("\(Self.server)/api/v1/query_range?query=up", over: transport,
                                           retry: RetryPolicy(attempts: attempts), random: &random,
                                           sleep: { sleeps.append($0) },
                                           willRetry: { notices.append(($0, $1, $2)) })
        } catch {
            fetched.error = error
        }
        fetched.sleeps = sleeps
        fetched.notices = notices
        return fetched
    }

    @Test func retriesConnectionFailuresAndServerErrorsThenSucceeds() {
        let transport = ScriptedTransport([.noResponse("connection refused"), .status(503, "overloaded"),
                                           .status(429, #"{"status":"error","error":"too many"}"#),
                                           .status(200, Self.success)])
        let fetched = fetch(transport)
        #expect(fetched.body == Array(Self.success.utf8))
        #expect(transport.requests.count == 4)
        // Waits before retries 1, 2, 3 within [bound/2, bound] of 0.5 s, 1 s, 2 s.
        #expect(fetched.sleeps.count == 3)
        for (index, (sleep, bound)) in zip(fetched.sleeps, [500_000_000, 1_000_000_000, 2_000_000_000] as [Int64]).enumerated() {
            #expect(sleep >= bound / 2 && sleep <= bound, "retry \(index + 1): \(sleep) ns")
        }
        #expect(fetched.notices.map(\.reason) == ["connection refused", "HTTP 503: overloaded", "HTTP 429: too many"])
        #expect(fetched.notices.map(\.delay) == fetched.sleeps)
    }

    @Test func aRejectedQueryFailsAtOnceWithPrometheusMessage() throws {
        let transport = ScriptedTransport([.status(400, Self.badQuery), .status(200, Self.success)])
        let fetched = fetch(transport)
        let error = try #require(fetched.error)
        #expect(error.kind == .rejected && error.status == 400 && error.attempts == 1)
        #expect(error.message == "1:9: parse error: unexpected end of input")
        #expect(error.description == "\(Self.server): prometheus rejected the query (HTTP 400): 1:9: parse error: unexpected end of input")
        #expect(transport.requests.count == 1 && fetched.sleeps.isEmpty)
        // A body that is not Prometheus's JSON is quoted instead.
        let notFound = fetch(ScriptedTransport([.status(404, "404 page not found\n")]))
        #expect(notFound.error?.message == "404 page not found")
    }

    @Test func givesUpAfterTheLastAttemptNamingTheServer() throws {
        let transport = ScriptedTransport([.noResponse("connection refused")])
        let fetched = fetch(transport, attempts: 3)
        let error = try #require(fetched.error)
        #expect(error.kind == .unavailable && error.status == nil && error.attempts == 3)
        #expect(error.description == "\(Self.server): no answer after 3 attempts: connection refused")
        #expect(transport.requests.count == 3 && fetched.sleeps.count == 2)
        let overloaded = fetch(ScriptedTransport([.status(502, "bad gateway")]), attempts: 1)
        #expect(overloaded.error?.kind == .unavailable && overloaded.error?.status == 502)
        #expect(overloaded.sleeps.isEmpty)
    }

    @Test func requestURLsEncodeTheQueryAndGiveSecondsToTheMillisecond() {
        let range = PrometheusRangeQuery(server: "http://localhost:9090//", query: #"sum(rate(x{a="b c"}[5m])) + 1"#)
        let chunk = PullPlan(from: 1_700_000_000 * Self.second + 250_000_000, to: 1_700_000_100 * Self.second,
                             step: 500_000_000, watermark: nil)!.chunks[0]
        #expect(range.url(for: chunk, step: 500_000_000)
                == "http://localhost:9090/api/v1/query_range?query=sum%28rate%28x%7Ba%3D%22b%20c%22%7D%5B5m%5D%29%29%20%2B%201"
                + "&start=1700000000.5&end=1700000100&step=0.5")
    }

    @Test func readsTheMatrixLikeASavedResponse() throws {
        let range = PrometheusRangeQuery(server: Self.server, query: "up")
        var sink = CollectingSink()
        let read = try range.read(Array(Self.success.utf8), options: IngestOptions(), into: &sink)
        let key = SeriesKey(metric: "up", labels: ["job": "node"])
        #expect(sink.metrics == [MetricSample(series: key, timestamp: 1_700_000_000 * Self.second, value: 1),
                                 MetricSample(series: key, timestamp: 1_700_000_015_500_000_000, value: 0)])
        #expect(read.report.metrics == 2 && read.report.missingValues == 1 && read.series == [key])
    }

    @Test func aSeriesWithoutANameNeedsTheMetricOption() throws {
        let body = Array(#"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"job":"node"},"values":[[1700000000,"0.5"]]}]}}"#.utf8)
        let range = PrometheusRangeQuery(server: Self.server, query: "rate(x[5m])")
        var sink = CollectingSink()
        let error = try #require(throws: IngestError.self) { try range.read(body, options: IngestOptions(), into: &sink) }
        #expect(error.kind == .format && error.location.file == Self.server)
        #expect(error.message.contains(#"result[0] {job="node"} has no '__name__' label"#) && error.message.contains("--metric NAME"))
        #expect(sink.metrics.isEmpty)
        _ = try range.read(body, options: IngestOptions(metric: "x_rate"), into: &sink)
        #expect(sink.metrics == [MetricSample(series: SeriesKey(metric: "x_rate", labels: ["job": "node"]),
                                              timestamp: 1_700_000_000 * Self.second, value: 0.5)])
    }

    @Test func anAnswerThatIsNotJSONIsAFormatError() throws {
        let range = PrometheusRangeQuery(server: Self.server, query: "up")
        var sink = CollectingSink()
        let error = try #require(throws: IngestError.self) {
            try range.read(Array("<html>".utf8), options: IngestOptions(), into: &sink)
        }
        #expect(error.kind == .format && error.message.hasPrefix("the answer is not json"))
    }
}
