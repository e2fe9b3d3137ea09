extension DatasetGenerator {
    /// One fact the generator put into the data on purpose, for tests and detector evaluation.
    public struct Truth: Sendable, Equatable {
        /// What was injected.
        public enum Kind: String, Sendable, CaseIterable {
            /// Values multiplied by ``Truth/magnitude`` for a short window.
            case spike
            /// ``Truth/magnitude`` added from the window start to the dataset's end.
            case levelShift = "level_shift"
            /// Noise standard deviation multiplied by ``Truth/magnitude`` in the window.
            case varianceBurst = "variance_burst"
            /// Values exactly 0 in the window.
            case dropToZero = "drop_to_zero"
            /// Values multiplied by a ramp from 1 to ``Truth/magnitude`` across the window.
            case gradualDegradation = "gradual_degradation"
            /// A never-before-seen `$exception` fingerprint fires ``Truth/magnitude`` events in the
            /// window while the service's error ratio rises by 0.04.
            case newErrorBurst = "new_error_burst"
            /// Memory grows by ``Truth/magnitude`` bytes per hour between restarts.
            case memoryLeak = "memory_leak"
            /// Purchase conversion of the `test` variant exceeds `control` by ``Truth/magnitude``.
            case experiment = "ab_experiment"
            /// Sign-up completion (signed_up / signup_started) falls by ``Truth/magnitude`` that day.
            case funnelRegression = "funnel_regression"
        }

        /// What was injected.
        public let kind: Kind
        /// The series it shows in; empty for a dataset-wide (behavior) truth.
        public let series: [SeriesKey]
        /// The service it belongs to, when it belongs to one.
        public let service: String?
        /// The first instant of the window.
        public let start: Timestamp
        /// The last instant of the window (inclusive): the last affected sample for metrics.
        public let end: Timestamp
        /// The size of the effect; the unit depends on ``kind``.
        public let magnitude: Double
        /// A one-line human description naming the shape and the magnitude.
        public let note: String

        /// `incident` for the incident shapes, `truth` for the rest.
        public var annotationKind: String {
            switch kind {
            case .spike, .levelShift, .varianceBurst, .dropToZero, .gradualDegradation, .newErrorBurst: "incident"
            case .memoryLeak, .experiment, .funnelRegression: "truth"
            }
        }
    }

    /// The A/B experiment: feature flag, variants' true purchase conversion.
    static let experimentFlag = "new-checkout-flow"
    static let controlConversion = 0.20
    static let testConversion = 0.30
    /// Sign-up completion normally and on the regression day.
    static let signupCompletion = 0.70
    static let regressedSignupCompletion = 0.35
    /// Memory leak rate of service 0, bytes per hour, and the restart period.
    static let leakBytesPerHour = 16.0 * 1_048_576
    static let restartPeriodHours: Timestamp = 72
    static let restartHourOfDay: Timestamp = 3
    /// The new error's fingerprint suffix and burst size.
    static let burstEventCount = 150
    static let burstErrorRatio = 0.04

    /// Every injected ground truth, in a fixed order; the same list ``generate(into:)`` annotates.
    public var truths: [Truth] {
        let services = options.services
        let last = end - options.step
        func at(_ fraction: Double) -> Timestamp {
            let points = Double(pointsPerSeries)
            return min(last, options.start + Timestamp((fraction * points).rounded(.down)) * options.step)
        }
        func window(_ fraction: Double, hours: Double) -> (Timestamp, Timestamp) {
            let start = at(fraction)
            let length = Timestamp(hours * Double(Self.nanosPerHour))
            return (start, max(start, min(last, start + length - options.step)))
        }
        var truths: [Truth] = []
        let spike = window(0.30, hours: 0.5)
        truths.append(Truth(kind: .spike, series: [seriesKey(.latencyP99, service: 0)], service: serviceName(0),
                            start: spike.0, end: spike.1, magnitude: 5,
                            note: "spike: p99 latency ×5 for 30 minutes"))
        let burst = window(0.40, hours: 3)
        truths.append(Truth(kind: .varianceBurst, series: [seriesKey(.requestRate, service: 2 % services)],
                            service: serviceName(2 % services), start: burst.0, end: burst.1, magnitude: 8,
                            note: "variance burst: request-rate noise SD ×8 (3% → 24%) for 3 hours"))
        let shift = at(0.55)
        truths.append(Truth(kind: .levelShift, series: [seriesKey(.cpu, service: 1 % services)],
                            service: serviceName(1 % services), start: shift, end: last, magnitude: 0.20,
                            note: "level shift: CPU usage +0.20 from here to the end (a deploy)"))
        let drop = window(0.65, hours: 0.75)
        let dropService = 3 % services
        truths.append(Truth(kind: .dropToZero,
                            series: [seriesKey(.requestRate, service: dropService), seriesKey(.availability, service: dropService)],
                            service: serviceName(dropService), start: drop.0, end: drop.1, magnitude: 0,
                            note: "drop to zero: request rate and availability 0 for 45 minutes (outage)"))
        let errors = window(0.70, hours: 1)
        let errorService = 1 % services
        truths.append(Truth(kind: .newErrorBurst,
                            series: [seriesKey(.errorRatio, service: errorService), seriesKey(.availability, service: errorService)],
                            service: serviceName(errorService), start: errors.0, end: errors.1,
                            magnitude: Double(Self.burstEventCount),
                            note: "new error burst: \(Self.burstEventCount) $exception events of new fingerprint "
                                + "\(Self.burstFingerprint(service: serviceName(errorService))), error ratio +0.04 for 1 hour"))
        let degradation = window(0.80, hours: 12)
        truths.append(Truth(kind: .gradualDegradation,
                            series: [.latencyP50, .latencyP95, .latencyP99].map { seriesKey($0, service: 0) },
                            service: serviceName(0), start: degradation.0, end: degradation.1, magnitude: 3,
                            note: "gradual degradation: latency ramps ×1 → ×3 over 12 hours, then recovers"))
        truths.append(Truth(kind: .memoryLeak, series: [seriesKey(.memory, service: 0)], service: serviceName(0),
                            start: options.start, end: last, magnitude: Self.leakBytesPerHour,
                            note: "memory leak: +16 MiB/hour, restart every 72 hours at 03:00 UTC"))
        truths.append(Truth(kind: .experiment, series: [], service: nil, start: options.start, end: end - Self.nanosPerSecond,
                            magnitude: Self.testConversion - Self.controlConversion,
                            note: "A/B experiment \(Self.experimentFlag): purchase conversion of exposed users "
                                + "control 0.20, test 0.30 (true effect +0.10)"))
        let regressionDay = options.start + Timestamp(options.days / 2) * Self.nanosPerDay
        truths.append(Truth(kind: .funnelRegression, series: [], service: nil,
                            start: regressionDay, end: regressionDay + Self.nanosPerDay - Self.nanosPerSecond,
                            magnitude: Self.signupCompletion - Self.regressedSignupCompletion,
                            note: "funnel regression on \(GeneratorText.iso8601(regressionDay).prefix(10)): "
                                + "signed_up / signup_started 0.70 → 0.35"))
        return truths
    }

    /// The annotations for ``truths``: one per truth and affected series, or one dataset-wide.
    func annotations() -> [Annotation] {
        truths.flatMap { truth -> [Annotation] in
            if truth.series.isEmpty {
                return [Annotation(kind: truth.annotationKind, series: nil, start: truth.start, end: truth.end,
                                   note: truth.note)]
            }
            return truth.series.map {
                Annotation(kind: truth.annotationKind, series: $0, start: truth.start, end: truth.end, note: truth.note)
            }
        }
    }

    /// The truth of `kind` (each kind is injected once).
    func truth(_ kind: Truth.Kind) -> Truth { truths.first { $0.kind == kind }! }

    /// The fingerprint of the new error that bursts.
    static func burstFingerprint(service: String) -> String { "\(service):KeyError:apply_discount" }
}
