extension DatasetGenerator {
    /// Product behavior of ``Options/users`` users, in user order (merged by time later).
    ///
    /// Each user arrives once, at a time drawn in proportion to traffic (``load(at:)``) in
    /// the dataset minus its last 6 hours (so every funnel completes inside it), and:
    /// - views `/` (`$pageview`);
    /// - with probability 0.6 starts signing up (`signup_started`) 1–10 minutes later;
    /// - completes (`signed_up`) 1–5 minutes later with probability 0.70, or 0.35 when
    ///   `signup_started` falls on the funnel-regression day;
    /// - is then exposed to the experiment flag (`$feature_flag_called`), variant `control`
    ///   or `test` with probability ½ each;
    /// - walks onboarding steps 1, 2, 3 (`onboarding_step`), continuing with probability 0.8;
    /// - buys (`purchase`) 10–120 minutes later with probability 0.20 (control) or 0.30 (test);
    /// - returns for 0–3 later page views, 6–72 hours apart, those before the dataset's end.
    func behaviorEvents() -> [EventDraft] {
        guard options.users > 0 else { return [] }
        var random = GeneratorRandom(seed: options.seed, stream: 300)
        let seconds = Self.nanosPerSecond
        let arrivalSpan = (end - options.start - 6 * Self.nanosPerHour) / seconds
        let maxLoad = 1.45 * (1 + 0.03 * Double(options.days) / 7)
        let regression = truth(.funnelRegression)
        let sources = ["google", "direct", "newsletter", "twitter"]
        let paths = ["/", "/pricing", "/docs", "/products"]
        let amounts = [19.0, 49.0, 99.0]
        var drafts: [EventDraft] = []
        drafts.reserveCapacity(options.users * 6)

        for user in 0..<options.users {
            let id = Self.userID(user)
            func emit(_ event: String, _ t: Timestamp, _ build: (inout CanonicalJSONObject) -> Void) {
                var properties = CanonicalJSONObject()
                build(&properties)
                drafts.append(EventDraft(timestamp: t, distinctID: id, event: event, properties: properties.text))
            }
            var arrival: Timestamp
            repeat {
                arrival = options.start + Timestamp(random.uniform() * Double(arrivalSpan)) * seconds
            } while random.uniform() * maxLoad > load(at: arrival)
            let source = sources[random.int(in: 0...3)]
            emit("$pageview", arrival) { $0.set("$pathname", string: "/"); $0.set("source", string: source) }

            var t = arrival
            if random.bernoulli(0.6) {
                t += Timestamp(random.int(in: 60...600)) * seconds
                emit("signup_started", t) { $0.set("source", string: source) }
                let regressed = regression.start <= t && t <= regression.end
                if random.bernoulli(regressed ? Self.regressedSignupCompletion : Self.signupCompletion) {
                    t += Timestamp(random.int(in: 60...300)) * seconds
                    emit("signed_up", t) { $0.set("plan", string: "free") }
                    let variant = random.bernoulli(0.5) ? "test" : "control"
                    t += Timestamp(random.int(in: 5...60)) * seconds
                    emit("$feature_flag_called", t) {
                        $0.set("$feature_flag", string: Self.experimentFlag)
                        $0.set("$feature_flag_response", string: variant)
                    }
                    for step in 1...3 {
                        t += Timestamp(random.int(in: 120...1200)) * seconds
                        emit("onboarding_step", t) { $0.set("step", int: step) }
                        if !random.bernoulli(0.8) { break }
                    }
                    let conversion = variant == "test" ? Self.testConversion : Self.controlConversion
                    if random.bernoulli(conversion) {
                        t += Timestamp(random.int(in: 600...7200)) * seconds
                        let amount = amounts[random.int(in: 0...2)]
                        emit("purchase", t) {
                            $0.set("$feature/" + Self.experimentFlag, string: variant)
                            // Whole amounts are written as JSON integers, the canonical form ingest stores.
                            $0.set("amount", number: amount, decimals: 0)
                            $0.set("currency", string: "EUR")
                        }
                    }
                }
            }
            let visits = random.int(in: 0...3)
            for _ in 0..<visits {
                t += Timestamp(random.int(in: 6 * 3600...72 * 3600)) * seconds
                let path = paths[random.int(in: 0...3)]
                guard t < end else { break }
                emit("$pageview", t) { $0.set("$pathname", string: path); $0.set("source", string: "direct") }
            }
        }
        return drafts
    }
}
