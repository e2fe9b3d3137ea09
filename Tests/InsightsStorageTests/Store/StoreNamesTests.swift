import InsightsStorage
import Testing
import TestSupport

/// The name-only lookups completion uses, on a store with two metrics and two events.
struct StoreNamesTests {
    static let here = SourceLocation(file: "test", line: 1)

    static func store() throws -> Store {
        let store = try Store(path: try TemporaryDatabase.path())
        try store.write { writer in
            let keys = [
                SeriesKey(metric: "latency_p95", labels: ["service": "checkout", "region": "eu"]),
                SeriesKey(metric: "latency_p95", labels: ["service": "search", "region": "us"]),
                SeriesKey(metric: "cpu_usage", labels: ["host": "db-1"]),
            ]
            for key in keys { try writer.metric(MetricSample(series: key, timestamp: 0, value: 1), at: here) }
            try writer.event(BehaviorEvent(timestamp: 1, distinctID: "u1", event: "signup",
                                           propertiesJSON: #"{"plan": "pro", "source": "ad"}"#), at: here)
            try writer.event(BehaviorEvent(timestamp: 2, distinctID: "u1", event: "purchase",
                                           propertiesJSON: #"{"amount": 9}"#), at: here)
        }
        return store
    }

    @Test func metricAndEventNamesAreSorted() throws {
        let store = try Self.store()
        #expect(try store.metricNames() == ["cpu_usage", "latency_p95"])
        #expect(try store.eventNameList() == ["purchase", "signup"])
    }

    @Test func labelKeysAndValuesPerMetricOrOverall() throws {
        let store = try Self.store()
        #expect(try store.labelKeys(metric: "latency_p95") == ["region", "service"])
        #expect(try store.labelKeys(metric: "cpu_usage") == ["host"])
        #expect(try store.labelKeys(metric: nil) == ["host", "region", "service"])
        #expect(try store.labelKeys(metric: "no_such_metric") == [])
        #expect(try store.labelValues(key: "service", metric: "latency_p95") == ["checkout", "search"])
        #expect(try store.labelValues(key: "service", metric: "cpu_usage") == [])
        #expect(try store.labelValues(key: "host", metric: nil) == ["db-1"])
    }

    @Test func propertyKeysPerEventOrOverall() throws {
        let store = try Self.store()
        #expect(try store.eventPropertyKeys(named: "signup") == ["plan", "source"])
        #expect(try store.eventPropertyKeys(named: nil) == ["amount", "plan", "source"])
        // Only the latest event is sampled: the signup's keys are older.
        #expect(try store.eventPropertyKeys(named: nil, sample: 1) == ["amount"])
        #expect(try store.eventPropertyKeys(named: "no_such_event") == [])
    }
}
