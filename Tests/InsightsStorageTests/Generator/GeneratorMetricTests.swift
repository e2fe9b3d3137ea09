import InsightsStorage
import Testing

/// The default dataset's metrics: counts, sane ranges, seasonality, and every injected
/// incident visible where `datasets/README.md` says it is.
struct GeneratorMetricTests {
    typealias Metric = DatasetGenerator.Metric
    let generator = DefaultDataset.generator
    var points: Int { generator.pointsPerSeries }

    @Test func everySeriesHasOnePointPerStep() {
        let records = DefaultDataset.records
        #expect(points == 14 * 96)
        #expect(generator.seriesKeys.count == 4 * Metric.allCases.count)
        #expect(records.metrics.count == generator.seriesKeys.count * points)
        for (number, key) in generator.seriesKeys.enumerated() {
            let series = records.metrics[(number * points)..<((number + 1) * points)]
            #expect(series.allSatisfy { $0.series == key })
            #expect(series.map(\.timestamp) == (0..<points).map(generator.timestamp(ofPoint:)))
        }
    }

    @Test func valuesAreInTheirRanges() {
        for service in 0..<generator.options.services {
            for metric in Metric.allCases {
                let values = DefaultDataset.values(metric, service: service)
                #expect(values.allSatisfy { $0.isFinite && $0 >= 0 }, "\(metric) \(service)")
                switch metric {
                case .errorRatio, .availability, .cpu, .disk, .cacheHitRatio:
                    #expect(values.allSatisfy { $0 <= 1 }, "\(metric) \(service)")
                default: break
                }
            }
            let p50 = DefaultDataset.values(.latencyP50, service: service)
            let p95 = DefaultDataset.values(.latencyP95, service: service)
            let p99 = DefaultDataset.values(.latencyP99, service: service)
            #expect(zip(p50, p95).allSatisfy { $0 <= $1 } && zip(p95, p99).allSatisfy { $0 <= $1 })
            let errors = DefaultDataset.values(.errorRatio, service: service)
            let availability = DefaultDataset.values(.availability, service: service)
            let rates = DefaultDataset.values(.requestRate, service: service)
            for index in 0..<points where rates[index] > 0 {
                #expect(abs(availability[index] - (1 - errors[index])) <= 1e-5)
            }
        }
    }

    /// Daily peak at 15:00 UTC against the trough at 03:00 (load 1.45 vs 0.55 on weekdays),
    /// weekends at 0.72 of weekdays.
    @Test func requestRateHasDailyAndWeeklySeasonality() {
        let rates = DefaultDataset.values(.requestRate, service: 1)
        let perDay = 96
        let peaks = (0..<5).map { rates[$0 * perDay + 60] }  // Mon–Fri 15:00
        let troughs = (0..<5).map { rates[$0 * perDay + 12] }  // Mon–Fri 03:00
        #expect(abs(mean(peaks) / mean(troughs) - 1.45 / 0.55) < 0.2)
        let weekday = mean(rates[0..<(5 * perDay)])
        let weekend = mean(rates[(5 * perDay)..<(7 * perDay)])
        #expect(abs(weekend / weekday - 0.72) < 0.03)
    }

    @Test func spikeMultipliesP99ByFive() {
        let truth = DefaultDataset.truth(.spike)
        let service = DefaultDataset.service(of: truth)
        let p99 = DefaultDataset.values(.latencyP99, service: service)
        let first = DefaultDataset.index(truth.start), last = DefaultDataset.index(truth.end)
        #expect(last - first + 1 == 2)
        let baseline = median(p99[(first - 16)..<first] + p99[(last + 1)...(last + 16)])
        for index in first...last {
            // Noise on p99 is log-normal with SD ≈ 0.14; 5 × e^(±3.5·0.14) spans 3.1…8.1.
            #expect(p99[index] / baseline > 3.1 && p99[index] / baseline < 8.1, "ratio \(p99[index] / baseline)")
        }
        #expect(p99[(first - 16)..<first].allSatisfy { $0 < 2.5 * baseline })
    }

    @Test func varianceBurstRaisesRequestRateNoise() {
        let truth = DefaultDataset.truth(.varianceBurst)
        let rates = DefaultDataset.values(.requestRate, service: DefaultDataset.service(of: truth))
        let first = DefaultDataset.index(truth.start), last = DefaultDataset.index(truth.end)
        func relativeJumps(_ range: ClosedRange<Int>) -> [Double] {
            range.dropFirst().map { (rates[$0] - rates[$0 - 1]) / rates[$0 - 1] }
        }
        let inside = standardDeviation(relativeJumps(first...last))
        let before = standardDeviation(relativeJumps((first - 24)...(first - 1)))
        // SD ×8; with 11 differences the sample SD ratio stays well above 3.
        #expect(inside / before > 3, "ratio \(inside / before)")
    }

    @Test func levelShiftAddsTwentyPointsOfCPU() {
        let truth = DefaultDataset.truth(.levelShift)
        let cpu = DefaultDataset.values(.cpu, service: DefaultDataset.service(of: truth))
        let first = DefaultDataset.index(truth.start)
        #expect(DefaultDataset.index(truth.end) == points - 1)
        // Against the same hours one week earlier: the same daily and weekly load, 3% less growth.
        let after = mean(cpu[first..<(first + 96)])
        let weekBefore = mean(cpu[(first - 7 * 96)..<(first - 6 * 96)])
        #expect(abs(after - weekBefore - 0.20) < 0.03, "shift \(after - weekBefore)")
    }

    @Test func dropToZeroZeroesRequestRateAndAvailability() {
        let truth = DefaultDataset.truth(.dropToZero)
        let service = DefaultDataset.service(of: truth)
        let first = DefaultDataset.index(truth.start), last = DefaultDataset.index(truth.end)
        #expect(last - first + 1 == 3)
        for metric in [Metric.requestRate, .availability] {
            let values = DefaultDataset.values(metric, service: service)
            #expect(values[first...last].allSatisfy { $0 == 0 })
            #expect(values[first - 1] > 0.5 * (metric == .availability ? 1 : values[first - 2]))
            #expect(values[last + 1] > 0)
        }
    }

    @Test func gradualDegradationRampsLatencyToThreeTimes() {
        let truth = DefaultDataset.truth(.gradualDegradation)
        let service = DefaultDataset.service(of: truth)
        let first = DefaultDataset.index(truth.start), last = DefaultDataset.index(truth.end)
        for metric in [Metric.latencyP50, .latencyP95, .latencyP99] {
            let values = DefaultDataset.values(metric, service: service)
            // Against the same time of day one day earlier (no incident there).
            func ratio(_ range: ClosedRange<Int>) -> Double {
                mean(values[range]) / mean(values[(range.lowerBound - 96)...(range.upperBound - 96)])
            }
            let start = ratio(first...(first + 3))
            let end = ratio((last - 3)...last)
            #expect(start > 0.8 && start < 1.4, "\(metric) start \(start)")
            #expect(end > 2.3 && end < 3.4, "\(metric) end \(end)")
            #expect(ratio((last + 1)...(last + 8)) < 1.3, "\(metric) recovered")
        }
    }

    @Test func newErrorBurstRaisesErrorRatio() {
        let truth = DefaultDataset.truth(.newErrorBurst)
        let errors = DefaultDataset.values(.errorRatio, service: DefaultDataset.service(of: truth))
        let first = DefaultDataset.index(truth.start), last = DefaultDataset.index(truth.end)
        let baseline = mean(errors[(first - 96)..<first])
        #expect(baseline < 0.003)
        #expect(abs(mean(errors[first...last]) - baseline - 0.04) < 0.006)
    }

    /// 16 MiB/hour between restarts every 72 hours at 03:00 UTC.
    @Test func memoryLeaksAndResetsOnRestart() {
        let truth = DefaultDataset.truth(.memoryLeak)
        let memory = DefaultDataset.values(.memory, service: DefaultDataset.service(of: truth))
        let mib = 1_048_576.0
        #expect(truth.magnitude == 16 * mib)
        let restart = 3 * 96 + 12  // day 3, 03:00
        let drop = memory[restart - 1] - memory[restart]
        // 71.75 hours of leak; base noise SD 1% of 768 MiB on each side.
        #expect(abs(drop - 71.75 * 16 * mib) < 60 * mib, "drop \(drop / mib) MiB")
        let cycle = Array(memory[(restart + 1)..<(restart + 287)])
        let slope = leastSquaresSlope(cycle) * 4  // per point → per hour
        #expect(abs(slope / mib - 16) < 0.3, "slope \(slope / mib) MiB/h")
        let steady = DefaultDataset.values(.memory, service: 1)
        #expect(abs(leastSquaresSlope(steady)) * 4 / mib < 0.1)
    }

    @Test func annotationsCoverEveryTruthAndSeries() {
        let annotations = DefaultDataset.records.annotations
        let expected = generator.truths.reduce(0) { $0 + max(1, $1.series.count) }
        #expect(annotations.count == expected)
        #expect(Set(generator.truths.map(\.kind)) == Set(DatasetGenerator.Truth.Kind.allCases))
        for truth in generator.truths {
            let matching = annotations.filter { $0.note == truth.note && $0.start == truth.start && $0.end == truth.end }
            #expect(matching.count == max(1, truth.series.count))
            #expect(matching.allSatisfy { $0.kind == truth.annotationKind })
            #expect(matching.compactMap(\.series) == truth.series)
        }
    }
}

/// Ordinary least-squares slope of `values` against 0, 1, 2, …, by the centred two-pass form.
func leastSquaresSlope(_ values: [Double]) -> Double {
    let n = Double(values.count)
    let xMean = (n - 1) / 2
    let yMean = mean(values)
    var sxy = 0.0, sxx = 0.0
    for (index, value) in values.enumerated() {
        sxy += (Double(index) - xMean) * (value - yMean)
        sxx += (Double(index) - xMean) * (Double(index) - xMean)
    }
    return sxy / sxx
}
