extension DatasetGenerator {
    /// Per-service constants: base request rate (req/s), base p50 latency (s), bytes per
    /// response, base memory (bytes), initial disk usage.
    private struct Profile {
        let rate: Double
        let latency: Double
        let responseBytes: Double
        let memory: Double
        let disk: Double
    }

    private static let profiles = [
        Profile(rate: 120, latency: 0.045, responseBytes: 18_000, memory: 768 * 1_048_576, disk: 0.31),
        Profile(rate: 300, latency: 0.080, responseBytes: 42_000, memory: 1536 * 1_048_576, disk: 0.44),
        Profile(rate: 80, latency: 0.030, responseBytes: 2_500, memory: 384 * 1_048_576, disk: 0.22),
        Profile(rate: 200, latency: 0.060, responseBytes: 26_000, memory: 1024 * 1_048_576, disk: 0.52),
        Profile(rate: 60, latency: 0.110, responseBytes: 4_000, memory: 640 * 1_048_576, disk: 0.27),
        Profile(rate: 150, latency: 0.050, responseBytes: 9_000, memory: 896 * 1_048_576, disk: 0.38),
    ]

    /// Traffic relative to the weekly-average level at `timestamp`: a daily cycle peaking at
    /// 15:00 UTC (±45%), weekends at 72%, and 3% growth per week.
    func load(at timestamp: Timestamp) -> Double {
        let daysSinceEpoch = (timestamp - timestamp.modulo(Self.nanosPerDay)) / Self.nanosPerDay
        let dayOfWeek = Int((daysSinceEpoch + 3).modulo(7))  // 1970-01-01 was a Thursday; 0 = Monday
        let hourOfDay = Double(timestamp.modulo(Self.nanosPerDay)) / Double(Self.nanosPerHour)
        let daily = 1 + 0.45 * DeterministicMath.cos(turns: (hourOfDay - 15) / 24)
        let weekly = dayOfWeek >= 5 ? 0.72 : 1.0
        let weeks = Double(timestamp - options.start) / Double(7 * Self.nanosPerDay)
        return daily * weekly * (1 + 0.03 * weeks)
    }

    /// Hours since the last restart of a leaking service (restarts every 72 h at 03:00 UTC,
    /// counted from the dataset's first day; the process started at the dataset's start).
    func hoursSinceRestart(at timestamp: Timestamp) -> Double {
        let firstRestart = options.start + Self.restartHourOfDay * Self.nanosPerHour
        guard timestamp >= firstRestart else { return Double(timestamp - options.start) / Double(Self.nanosPerHour) }
        let period = Self.restartPeriodHours * Self.nanosPerHour
        return Double((timestamp - firstRestart) % period) / Double(Self.nanosPerHour)
    }

    /// All metrics of one service: `table[metric.index][point]`, values already rounded to
    /// each metric's ``Metric/decimals``.
    ///
    /// Noise comes from two streams per service (continuous noise, and Poisson error counts
    /// whose number of draws varies), so an incident never shifts the noise of later points.
    func metricTable(service: Int) -> [[Double]] {
        let profile = Self.profiles[service]
        var noise = GeneratorRandom(seed: options.seed, stream: 100 + UInt64(service))
        var counts = GeneratorRandom(seed: options.seed, stream: 200 + UInt64(service))
        let truths = truths
        func window(_ kind: Truth.Kind, _ metric: Metric) -> (Timestamp, Timestamp)? {
            let truth = truths.first { $0.kind == kind }!
            return truth.series.contains(seriesKey(metric, service: service)) ? (truth.start, truth.end) : nil
        }
        let spike = window(.spike, .latencyP99)
        let burst = window(.varianceBurst, .requestRate)
        let shift = window(.levelShift, .cpu)
        let drop = window(.dropToZero, .requestRate)
        let errorBurst = window(.newErrorBurst, .errorRatio)
        let degradation = window(.gradualDegradation, .latencyP50)
        let leaks = service == 0
        let stepSeconds = Double(options.step / Self.nanosPerSecond)

        var table = Array(repeating: [Double](), count: Metric.allCases.count)
        for index in table.indices { table[index].reserveCapacity(pointsPerSeries) }
        func put(_ metric: Metric, _ value: Double) {
            table[metric.index].append(GeneratorText.round(value, decimals: metric.decimals))
        }
        func inside(_ window: (Timestamp, Timestamp)?, _ t: Timestamp) -> Bool {
            window.map { $0.0 <= t && t <= $0.1 } ?? false
        }

        for point in 0..<pointsPerSeries {
            let t = timestamp(ofPoint: point)
            let load = load(at: t)
            // Draw every noise term each step, used or not, so the stream stays aligned.
            let z = (0..<10).map { _ in noise.normal() }

            let rateSD = inside(burst, t) ? 0.24 : 0.03
            var rate = max(0, profile.rate * load * (1 + rateSD * z[0]))
            if inside(drop, t) { rate = 0 }
            put(.requestRate, rate)

            var slowdown = 1.0
            if let degradation, inside(degradation, t) {
                let progress = Double(t - degradation.0) / Double(max(1, degradation.1 - degradation.0))
                slowdown = 1 + 2 * progress
            }
            let p50 = profile.latency * (0.8 + 0.25 * load) * DeterministicMath.exp(0.06 * z[1]) * slowdown
            let p95 = p50 * 2.4 * DeterministicMath.exp(0.08 * z[2])
            var p99 = max(p95, p95 * 1.7 * DeterministicMath.exp(0.10 * z[3]))
            if inside(spike, t) { p99 *= 5 }
            put(.latencyP50, p50)
            put(.latencyP95, max(p50, p95))
            put(.latencyP99, p99)

            let requests = rate * stepSeconds
            var errorProbability = 0.0015 * (0.7 + 0.3 * load)
            if inside(errorBurst, t) { errorProbability += Self.burstErrorRatio }
            let errors = min(requests, Double(counts.poisson(requests * errorProbability)))
            let errorRatio = requests > 0 ? errors / requests : 0
            put(.errorRatio, errorRatio)
            put(.availability, inside(drop, t) ? 0 : 1 - errorRatio)

            var cpu = 0.12 + 0.35 * load + 0.02 * z[4]
            if inside(shift, t) { cpu += 0.20 }
            put(.cpu, min(1, max(0, cpu)))

            var memory = profile.memory * (1 + 0.01 * z[5])
            if leaks { memory += Self.leakBytesPerHour * hoursSinceRestart(at: t) }
            put(.memory, memory)

            let daysElapsed = Double(t - options.start) / Double(Self.nanosPerDay)
            put(.disk, min(1, max(0, profile.disk + 0.008 * daysElapsed + 0.002 * z[6])))
            put(.network, max(0, rate * profile.responseBytes * (1 + 0.05 * z[7])))
            put(.cacheHitRatio, min(1, max(0, 0.93 - 0.05 * (load - 1) + 0.01 * z[8])))
            put(.healthCheck, 0.004 * (0.9 + 0.15 * load) * DeterministicMath.exp(0.1 * z[9]))
        }
        return table
    }
}

extension Int64 {
    /// The non-negative remainder.
    fileprivate func modulo(_ divisor: Int64) -> Int64 {
        let remainder = self % divisor
        return remainder < 0 ? remainder + divisor : remainder
    }
}
