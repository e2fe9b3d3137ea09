/// A deterministic, realistic production dataset for demos, tests and detector evaluation.
///
/// It simulates a few services (per-service latency quantiles, request rate, error ratio,
/// availability, CPU, memory, disk, network, cache hit ratio, health-check time) with daily
/// and weekly seasonality, growth, a slow memory leak and injected incidents of five shapes;
/// Sentry-like `$exception` events including a new-error burst; and product behavior for a
/// population of users (page views, a sign-up funnel, onboarding, purchases, feature-flag
/// exposures of an A/B experiment with a known true effect, and a funnel regression on a known
/// day). Every injected fact is listed in ``truths`` and emitted as an ``Annotation``.
/// `datasets/README.md` documents names, labels, defaults and truths.
///
/// Determinism: everything is drawn from `SplitMix64` streams fixed by ``Options/seed``, and
/// all arithmetic is `+ − × ÷` and `sqrt` (the generator carries its own `exp`, `log` and
/// `cos` built from those), so the same options give the same records and the same file
/// bytes on every IEEE 754 machine, whatever its libm.
public struct DatasetGenerator: Sendable {
    /// What to generate.
    public struct Options: Sendable, Equatable {
        /// Fixes every random draw.
        public var seed: UInt64
        /// Length of the dataset in days, at least 1.
        public var days: Int
        /// Number of simulated services, 1 through ``DatasetGenerator/serviceNames``.count.
        public var services: Int
        /// Number of simulated users of the product, at least 0.
        public var users: Int
        /// The first sample's instant (default 2026-01-05T00:00:00Z, a Monday).
        public var start: Timestamp
        /// Spacing of metric samples in nanoseconds: whole seconds dividing a day (default 15 minutes).
        public var step: Timestamp

        /// Options with the documented defaults (see `datasets/README.md`).
        public init(seed: UInt64 = 42, days: Int = 14, services: Int = 4, users: Int = 2000,
                    start: Timestamp = 1_767_571_200 * 1_000_000_000, step: Timestamp = 15 * 60 * 1_000_000_000) {
            self.seed = seed
            self.days = days
            self.services = services
            self.users = users
            self.start = start
            self.step = step
        }
    }

    /// One metric every service reports.
    public enum Metric: String, CaseIterable, Sendable {
        case latencyP50 = "http_request_duration_seconds_p50"
        case latencyP95 = "http_request_duration_seconds_p95"
        case latencyP99 = "http_request_duration_seconds_p99"
        case requestRate = "http_requests_per_second"
        case errorRatio = "http_error_ratio"
        case availability = "availability_ratio"
        case cpu = "cpu_usage_ratio"
        case memory = "memory_usage_bytes"
        case disk = "disk_usage_ratio"
        case network = "network_transmit_bytes_per_second"
        case cacheHitRatio = "cache_hit_ratio"
        case healthCheck = "healthcheck_duration_seconds"

        /// Decimal places the value is rounded to (in records and in files alike).
        public var decimals: Int {
            switch self {
            case .latencyP50, .latencyP95, .latencyP99, .healthCheck: 6
            case .requestRate: 3
            case .errorRatio, .availability, .cpu, .disk, .cacheHitRatio: 5
            case .memory, .network: 0
            }
        }
    }

    /// Service names in order; ``Options/services`` takes a prefix.
    public static let serviceNames = ["checkout", "search", "auth", "catalog", "payments", "inventory"]
    /// Regions, assigned to services round robin.
    public static let regionNames = ["eu-west", "us-east"]

    static let nanosPerSecond: Timestamp = 1_000_000_000
    static let nanosPerHour: Timestamp = 3600 * nanosPerSecond
    static let nanosPerDay: Timestamp = 24 * nanosPerHour

    /// The options this generator was made with.
    public let options: Options

    /// A generator for `options`.
    ///
    /// Preconditions (programmer errors): `days ≥ 1`, `1 ≤ services ≤ serviceNames.count`,
    /// `users ≥ 0`, `step` a whole number of seconds dividing a day.
    public init(options: Options = Options()) {
        precondition(options.days >= 1, "days must be at least 1")
        precondition((1...Self.serviceNames.count).contains(options.services),
                     "services must be in 1...\(Self.serviceNames.count)")
        precondition(options.users >= 0, "users must not be negative")
        precondition(options.step > 0 && Self.nanosPerDay % options.step == 0 && options.step % Self.nanosPerSecond == 0,
                     "step must be whole seconds dividing a day")
        self.options = options
    }

    /// The first instant after the dataset (exclusive end).
    public var end: Timestamp { options.start + Timestamp(options.days) * Self.nanosPerDay }

    /// Samples per metric series.
    public var pointsPerSeries: Int { Int(Timestamp(options.days) * Self.nanosPerDay / options.step) }

    /// The instant of sample `index`.
    public func timestamp(ofPoint index: Int) -> Timestamp { options.start + Timestamp(index) * options.step }

    /// The service name of service `index`.
    public func serviceName(_ index: Int) -> String { Self.serviceNames[index] }

    /// The key of `metric` for service `service`: labels `service` and `region`.
    public func seriesKey(_ metric: Metric, service: Int) -> SeriesKey {
        SeriesKey(metric: metric.rawValue,
                  labels: ["service": Self.serviceNames[service], "region": Self.regionNames[service % Self.regionNames.count]])
    }

    /// Every series, in emission order: by service, then by ``Metric`` declaration order.
    public var seriesKeys: [SeriesKey] {
        (0..<options.services).flatMap { service in Metric.allCases.map { seriesKey($0, service: service) } }
    }

    /// Emits the whole dataset to `sink` in a fixed order: every metric sample (series by
    /// series, each in time order), then every event (time order), then one annotation per
    /// truth and affected series.
    ///
    /// Locations name the file and line the record has in ``writeFiles(to:)``'s output.
    /// - Throws: whatever `sink` throws; generation stops there.
    /// - Complexity: O(series × points + users + events · log events).
    public func generate(into sink: inout some RecordSink) throws {
        var line = 2  // metrics.csv line 1 is the header
        for service in 0..<options.services {
            let table = metricTable(service: service)
            for metric in Metric.allCases {
                let key = seriesKey(metric, service: service)
                for (index, value) in table[metric.index].enumerated() {
                    try sink.metric(MetricSample(series: key, timestamp: timestamp(ofPoint: index), value: value),
                                    at: SourceLocation(file: "metrics.csv", line: line))
                    line += 1
                }
            }
        }
        for (index, event) in events().enumerated() {
            try sink.event(event, at: SourceLocation(file: "events.ndjson", line: index + 1))
        }
        for (index, annotation) in annotations().enumerated() {
            try sink.annotation(annotation, at: SourceLocation(file: "labels.json", line: index + 2))
        }
    }

    /// Behavior and `$exception` events merged in time order (ties keep generation order),
    /// each with a deterministic UUID.
    func events() -> [BehaviorEvent] {
        var drafts = behaviorEvents()
        drafts += exceptionEvents()
        let order = drafts.indices.sorted {
            drafts[$0].timestamp != drafts[$1].timestamp ? drafts[$0].timestamp < drafts[$1].timestamp : $0 < $1
        }
        var ids = GeneratorRandom(seed: options.seed, stream: 900)
        return order.map { index in
            let draft = drafts[index]
            return BehaviorEvent(timestamp: draft.timestamp, distinctID: draft.distinctID, event: draft.event,
                                 propertiesJSON: draft.properties, uuid: GeneratorText.uuid(ids.next(), ids.next()))
        }
    }

    /// An event before it has its place in the merged order and its UUID.
    struct EventDraft {
        var timestamp: Timestamp
        var distinctID: String
        var event: String
        var properties: String
    }

    /// The distinct id of user `index`: `user-00042`.
    public static func userID(_ index: Int) -> String { "user-" + GeneratorText.pad(Int64(index), 5) }
}

extension DatasetGenerator.Metric {
    /// Position in `allCases`.
    var index: Int { Self.allCases.firstIndex(of: self)! }
}
