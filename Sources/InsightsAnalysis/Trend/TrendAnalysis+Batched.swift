import InsightsNumerics

extension TrendAnalysis {
    /// Fits the trend of k series that share one grid, with one factorisation of the design.
    ///
    /// Complete series (no NaN) go through `BatchedRegression`: one pivoted QR of the design,
    /// GEMMs for the coefficients and residuals, and HAC variances by moving sums; series with
    /// missing values have their own design rows and are fitted one by one with ``fit(_:options:)``.
    /// Both give the same numbers as ``fit(_:options:)`` up to rounding (checked to 1e-10).
    ///
    /// - Parameters:
    ///   - values: n×k, one series per column, NaN missing.
    ///   - options: As for ``fit(_:options:)``; the automatic HAC lag uses each series' observed count.
    /// - Returns: One result per column: the estimate, or the error that series met (too few
    ///   values, singular design), so one bad series does not hide the others.
    /// - Complexity: O(n·p² + n·p·k).
    public static func fitBatched(_ values: Matrix, options: TrendOptions = TrendOptions())
        -> [Result<TrendEstimate, TrendError>] {
        let n = values.rows, k = values.columns
        var results = [Result<TrendEstimate, TrendError>?](repeating: nil, count: k)
        var complete: [Int] = []
        for c in 0..<k {
            // Checked in place: copying every column out first cost more than the fit.
            let hasGap = values.storage.withUnsafeBufferPointer { all in
                all[(c * n)..<((c + 1) * n)].contains { !$0.isFinite }
            }
            if hasGap {
                let column = values.column(c)
                results[c] = Result { () throws(TrendError) in try fit(column, options: options).estimate }
            } else {
                complete.append(c)
            }
        }
        if !complete.isEmpty {
            let design = designMatrix(times: (0..<n).map(Double.init), seasonal: options.seasonal)
            let names = termNames(options.seasonal)
            let batched = Result { () throws(LeastSquaresError) in
                let regression = try BatchedRegression(design: design, columnNames: names)
                return try regression.fit(complete.count == k ? values : values.selectingColumns(complete), hacLags: options.hacLags)
            }
            switch batched {
            case .success(let fitted):
                for (position, c) in complete.enumerated() {
                    results[c] = .success(TrendEstimate(
                        coefficients: fitted.coefficients.column(position),
                        standardErrors: fitted.hacStandardErrors.column(position), termNames: names,
                        observationCount: n, length: n, hacLags: fitted.hacLags, level: options.level))
                }
            case .failure(let error):
                let failure: TrendError = n > design.columns
                    ? .fitFailed(error)
                    : .tooFewPoints("a trend fit with \(design.columns) coefficients", observed: n,
                                    required: design.columns + 1)
                for c in complete { results[c] = .failure(failure) }
            }
        }
        return results.compactMap { $0 }
    }
}
