import InsightsStorage
import Testing

struct SeriesKeyTests {
    @Test func labelsAreSortedAndPrintedAsPromQL() {
        let key = SeriesKey(metric: "http_latency_p95", labels: ["region": "eu", "service": "check\"out"])
        #expect(key.labels.map(\.key) == ["region", "service"])
        #expect(key.description == #"http_latency_p95{region="eu", service="check\"out"}"#)
        #expect(key == SeriesKey(metric: "http_latency_p95", labels: ["service": "check\"out", "region": "eu"]))
        #expect(SeriesKey(metric: "up").description == "up")
    }
}
