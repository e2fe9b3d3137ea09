import InsightsStorage

/// The default dataset, generated once for all generator tests.
enum DefaultDataset {
    static let generator = DatasetGenerator()
    static let records: CollectingSink = {
        var sink = CollectingSink()
        try! generator.generate(into: &sink)
        return sink
    }()

    /// Values of `metric` for `service`, in time order (one per point).
    static func values(_ metric: DatasetGenerator.Metric, service: Int) -> [Double] {
        let key = generator.seriesKey(metric, service: service)
        return records.metrics.filter { $0.series == key }.map(\.value)
    }

    /// The point index of `timestamp`.
    static func index(_ timestamp: Timestamp) -> Int {
        Int((timestamp - generator.options.start) / generator.options.step)
    }

    static func truth(_ kind: DatasetGenerator.Truth.Kind) -> DatasetGenerator.Truth {
        generator.truths.first { $0.kind == kind }!
    }

    /// The service index of a truth's service.
    static func service(of truth: DatasetGenerator.Truth) -> Int {
        DatasetGenerator.serviceNames.firstIndex(of: truth.service!)!
    }
}

func median(_ values: some Collection<Double>) -> Double {
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

func mean(_ values: some Collection<Double>) -> Double { values.reduce(0, +) / Double(values.count) }

func standardDeviation(_ values: [Double]) -> Double {
    let m = mean(values)
    return (values.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(values.count - 1)).squareRoot()
}

/// 64-bit FNV-1a of a text's UTF-8 bytes.
func fnv1a(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in text.utf8 {
        hash ^= UInt64(byte)
        hash &*= 0x0000_0100_0000_01B3
    }
    return hash
}
