import InsightsAnalysis
import Testing

/// Fingerprints, ranking and deduplication of recommendations.
struct RecommendationTests {
    static func make(rule: String = "capacity", identity: String = "disk_usage_ratio{instance=\"db-1\"}",
                     severity: Severity = .warning, confidence: Double = 0.8, impact: Double = 1,
                     title: String = "t") -> Recommendation {
        Recommendation(rule: rule, alertName: "InsightsTest", kind: "test", identity: identity, severity: severity,
                       subject: .init(selector: identity, labels: [(key: "instance", value: "db-1")], series: [identity]),
                       title: title, description: "", evidence: [.init("x", confidence, unit: "ratio")],
                       confidence: confidence, impact: impact, action: "", window: 0...1, statement: "")
    }

    /// FNV-1a 64 (offset basis 0xcbf29ce484222325, prime 0x100000001b3) of "capacity", a 0 byte and
    /// the identity, computed by an independent six-line Python implementation of FNV-1a (which
    /// gives the published vectors: "" → cbf29ce484222325, "a" → af63dc4c8601ec8c).
    @Test func fingerprintIsFNV1aOfRuleZeroByteAndIdentity() {
        #expect(Recommendation.fingerprint(rule: "capacity", identity: "disk_usage_ratio{instance=\"db-1\"}") == "fbecf01b7eef34d2")
        #expect(Recommendation.fingerprint(rule: "a", identity: "").count == 16)
    }

    @Test func fingerprintDependsOnRuleAndSubjectButNotOnNumbers() {
        let a = Self.make(severity: .warning, confidence: 0.6, title: "disk full in 4 days")
        let b = Self.make(severity: .critical, confidence: 0.99, title: "disk full in 9 hours")
        #expect(a.fingerprint == b.fingerprint)
        #expect(Self.make(rule: "data_quality").fingerprint != a.fingerprint)
        #expect(Self.make(identity: "disk_usage_ratio{instance=\"db-2\"}").fingerprint != a.fingerprint)
        // The zero byte separates rule and identity: moving a character across does not collide.
        #expect(Recommendation.fingerprint(rule: "ab", identity: "c") != Recommendation.fingerprint(rule: "a", identity: "bc"))
    }

    @Test func rankingIsSeverityWeightTimesConfidenceTimesImpact() {
        let critical = Self.make(identity: "a", severity: .critical, confidence: 0.5, impact: 0.5)  // 9 × 0.25 = 2.25
        let warning = Self.make(identity: "b", severity: .warning, confidence: 0.9, impact: 1)     // 3 × 0.9 = 2.7
        let info = Self.make(identity: "c", severity: .info, confidence: 1, impact: 1)             // 1
        let weakCritical = Self.make(identity: "d", severity: .critical, confidence: 0.1, impact: 0.5)  // 0.45
        #expect(abs(critical.score - 2.25) < 1e-12 && abs(warning.score - 2.7) < 1e-12)
        let ranked = Recommendation.ranked([info, weakCritical, critical, warning])
        #expect(ranked.map(\.subject.selector) == ["b", "a", "c", "d"])
    }

    @Test func rankingKeepsTheStrongestOfOneFingerprint() {
        let weak = Self.make(severity: .warning, confidence: 0.6, title: "weak")
        let strong = Self.make(severity: .warning, confidence: 0.9, title: "strong")
        let ranked = Recommendation.ranked([weak, strong, weak])
        #expect(ranked.count == 1)
        #expect(ranked.first?.title == "strong")
    }

    @Test func confidenceAndImpactAreClampedToProbabilities() {
        let r = Self.make(confidence: 1.3, impact: -2)
        #expect(r.confidence == 1 && r.impact == 0)
    }

    @Test func capacityLimitsFromMetricNames() {
        #expect(CapacityThresholds.limit(for: "disk_usage_ratio") == .init(value: 0.9, resource: "disk"))
        #expect(CapacityThresholds.limit(for: "node_filesystem_used_percent") == .init(value: 90, resource: "disk"))
        #expect(CapacityThresholds.limit(for: "memory_usage_ratio") == .init(value: 0.9, resource: "memory"))
        #expect(CapacityThresholds.limit(for: "cpu_usage_ratio") == .init(value: 0.95, resource: "cpu"))
        #expect(CapacityThresholds.limit(for: "memory_usage_bytes") == nil)
        #expect(CapacityThresholds.limit(for: "cache_hit_ratio") == nil)
    }
}
