/// One thing the engine suggests doing, with the numbers behind it.
///
/// Its identity is the ``fingerprint``: a hash of the rule and the subject only, never of the
/// numbers, so the same condition on the same subject keeps its fingerprint from run to run
/// while its title, evidence and confidence change (the state table and Alertmanager both key
/// on it).
public struct Recommendation: Sendable, Equatable {
    /// What a recommendation is about: series (a selector and the labels they share), or a
    /// named behavior object (a funnel, an experiment).
    public struct Subject: Sendable, Equatable {
        /// A PromQL selector that picks the subject's series, e.g. `disk_usage_ratio{instance="db-1"}`.
        public let selector: String
        /// The labels that identify the subject, sorted by key; they become Alertmanager labels.
        public let labels: [Label]
        /// The series involved, as PromQL text (one for a single-series rule).
        public let series: [String]

        public struct Label: Sendable, Equatable {
            public let key: String
            public let value: String
            public init(key: String, value: String) {
                self.key = key
                self.value = value
            }
        }

        /// - Parameter labels: Sorted by key here; a later duplicate key is dropped.
        public init(selector: String, labels: [(key: String, value: String)], series: [String]) {
            self.selector = selector
            var seen = Set<String>()
            self.labels = labels.sorted { $0.key < $1.key }.filter { seen.insert($0.key).inserted }
                .map { Label(key: $0.key, value: $0.value) }
            self.series = series
        }

        /// The value of label `key`, if the subject has it.
        public func label(_ key: String) -> String? { labels.first { $0.key == key }?.value }
    }

    /// One number behind a recommendation, with its unit (`ratio`, `probability`, `hours`,
    /// `count`, `steps`, a metric's own unit) or a time (`time`: seconds since the Unix epoch, UTC).
    public struct Evidence: Sendable, Equatable {
        public let name: String
        public let value: Double
        public let unit: String
        public init(_ name: String, _ value: Double, unit: String) {
            self.name = name
            self.value = value
            self.unit = unit
        }
    }

    /// A stable hash of the rule and the subject's identity (16 hex digits, FNV-1a 64).
    public let fingerprint: String
    /// The rule that made it, e.g. `capacity`.
    public let rule: String
    /// The Alertmanager `alertname`, e.g. `InsightsCapacityBreach`.
    public let alertName: String
    /// What kind of problem: `capacity`, `anomaly`, `data_quality`.
    public let kind: String
    public var severity: Severity
    public let subject: Subject
    /// One line a person reads first.
    public var title: String
    /// A paragraph: what was measured and how.
    public var description: String
    public var evidence: [Evidence]
    /// A probability in [0, 1] whose meaning each rule documents (docs/RECOMMEND.md).
    public var confidence: Double
    /// How much it matters if true, in (0, 1], by each rule's documented scale.
    public var impact: Double
    /// What to do about it.
    public var action: String
    /// The time window the evidence comes from, nanoseconds since the Unix epoch (inclusive).
    public var window: ClosedRange<Int64>
    /// The shell statement that reproduces the analysis.
    public var statement: String

    /// - Parameter identity: What distinguishes this subject for this rule (e.g. the series'
    ///   PromQL text); hashed with `rule` into the fingerprint.
    public init(rule: String, alertName: String, kind: String, identity: String, severity: Severity, subject: Subject,
                title: String, description: String, evidence: [Evidence], confidence: Double, impact: Double,
                action: String, window: ClosedRange<Int64>, statement: String) {
        self.fingerprint = Self.fingerprint(rule: rule, identity: identity)
        self.rule = rule
        self.alertName = alertName
        self.kind = kind
        self.severity = severity
        self.subject = subject
        self.title = title
        self.description = description
        self.evidence = evidence
        self.confidence = min(max(confidence, 0), 1)
        self.impact = min(max(impact, 0), 1)
        self.action = action
        self.window = window
        self.statement = statement
    }

    /// The ranking score: severity weight × confidence × impact (docs/RECOMMEND.md).
    public var score: Double { severity.weight * confidence * impact }

    /// FNV-1a 64 over the UTF-8 bytes of `rule`, a 0 byte and `identity`, as 16 lowercase hex
    /// digits. (Fowler–Noll–Vo: offset basis 0xcbf29ce484222325, prime 0x100000001b3.)
    public static func fingerprint(rule: String, identity: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        rule.utf8.forEach(mix)
        mix(0)
        identity.utf8.forEach(mix)
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

extension Recommendation {
    /// Best first: by ``score``, then severity, then fingerprint (so equal scores keep one order).
    /// Recommendations sharing a fingerprint are merged first, keeping the highest-scoring one.
    public static func ranked(_ recommendations: [Recommendation]) -> [Recommendation] {
        var best: [String: Recommendation] = [:]
        for recommendation in recommendations {
            if let kept = best[recommendation.fingerprint], kept.score >= recommendation.score { continue }
            best[recommendation.fingerprint] = recommendation
        }
        return best.values.sorted { a, b in
            if a.score != b.score { return a.score > b.score }
            if a.severity != b.severity { return a.severity > b.severity }
            return a.fingerprint < b.fingerprint
        }
    }
}
