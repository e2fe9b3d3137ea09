extension DatasetGenerator {
    /// A recurring error of a service: fingerprint suffix, level, message, relative weight.
    private static let recurringErrors: [(suffix: String, level: String, message: String, weight: Double)] = [
        ("TimeoutError:upstream", "error", "TimeoutError: upstream did not answer within 2s", 0.5),
        ("ConnectionResetError:cache", "warning", "ConnectionResetError: cache connection reset by peer", 0.3),
        ("ValueError:parse_request", "error", "ValueError: invalid literal for int() with base 10: 'abc'", 0.2),
    ]

    /// Sentry-like `$exception` events: each service's three recurring errors at a Poisson
    /// rate of 0.5 × load per 15 minutes (scaled to the step), plus the new-error burst:
    /// ``burstEventCount`` events of a fingerprint never seen before, spread uniformly over
    /// the ``Truth/Kind/newErrorBurst`` window. Users are drawn uniformly.
    func exceptionEvents() -> [EventDraft] {
        var random = GeneratorRandom(seed: options.seed, stream: 400)
        let stepSeconds = options.step / Self.nanosPerSecond
        let perStep = 0.5 * Double(stepSeconds) / 900
        var drafts: [EventDraft] = []
        func user() -> String {
            options.users > 0 ? Self.userID(random.int(in: 0...(options.users - 1))) : "anonymous"
        }
        func draft(_ t: Timestamp, _ service: String, _ fingerprint: String, _ level: String, _ message: String)
            -> EventDraft {
            var properties = CanonicalJSONObject()
            properties.set("fingerprint", string: fingerprint)
            properties.set("level", string: level)
            properties.set("message", string: message)
            properties.set("service", string: service)
            return EventDraft(timestamp: t, distinctID: user(), event: "$exception", properties: properties.text)
        }

        for service in 0..<options.services {
            let name = serviceName(service)
            for point in 0..<pointsPerSeries {
                let t0 = timestamp(ofPoint: point)
                for _ in 0..<random.poisson(perStep * load(at: t0)) {
                    let t = t0 + Timestamp(random.int(in: 0...Int(stepSeconds - 1))) * Self.nanosPerSecond
                    var pick = random.uniform()
                    var chosen = Self.recurringErrors[Self.recurringErrors.count - 1]
                    for error in Self.recurringErrors {
                        if pick < error.weight { chosen = error; break }
                        pick -= error.weight
                    }
                    drafts.append(draft(t, name, name + ":" + chosen.suffix, chosen.level, chosen.message))
                }
            }
        }

        let burst = truth(.newErrorBurst)
        let service = burst.service!
        let span = (burst.end + options.step - burst.start) / Self.nanosPerSecond
        for _ in 0..<Self.burstEventCount {
            let t = burst.start + Timestamp(random.int(in: 0...Int(span - 1))) * Self.nanosPerSecond
            drafts.append(draft(t, service, Self.burstFingerprint(service: service), "error",
                                "KeyError: 'promo_code' in apply_discount"))
        }
        return drafts
    }
}
