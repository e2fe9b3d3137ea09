import InsightsAnalysis

/// Glue between M4 files and `ForecastEvaluation`.
enum M4Evaluation {
    /// Every training series with its test values, matched by id, cut to `horizon` test values.
    /// - Throws: `CommandFailure.data` naming file and line for a series missing from either
    ///   file or with fewer than `horizon` test values.
    static func pairs(train: M4File, test: M4File, horizon: Int) throws -> [ForecastEvaluation.Series] {
        var tests: [String: M4File.Series] = [:]
        for series in test.series { tests[series.id] = series }
        let trainIDs = Set(train.series.map(\.id))
        if let extra = test.series.first(where: { !trainIDs.contains($0.id) }) {
            throw CommandFailure.data("\(test.path):\(extra.line): series '\(extra.id)' is not in \(train.path)")
        }
        return try train.series.map { series in
            guard let future = tests[series.id] else {
                throw CommandFailure.data("\(train.path):\(series.line): series '\(series.id)' is not in \(test.path)")
            }
            guard future.values.count >= horizon else {
                throw CommandFailure.data("\(test.path):\(future.line): series '\(series.id)' has "
                                          + "\(future.values.count) test values, --horizon is \(horizon)")
            }
            return ForecastEvaluation.Series(id: series.id, history: series.values,
                                             actual: Array(future.values.prefix(horizon)))
        }
    }
}
