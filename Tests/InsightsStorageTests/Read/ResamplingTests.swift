import InsightsNumerics
import InsightsStorage
import Testing
import TestSupport

/// Resampling against pandas 3.1.1 / numpy 2.4.6 on the same points:
///
/// ```python
/// s = pd.Series(values, index=pd.to_datetime(timestamps, unit="ns"))
/// r = s.resample("10s", origin="epoch", closed="left", label="left")
/// r.mean(); r.sum(min_count=1); r.min(); r.max(); r.first(); r.last(); r.count()
/// r.quantile(0.9); r.quantile(0.25)
/// r.mean().ffill(); r.mean().interpolate(limit_area="inside"); r.mean().fillna(0)
/// r.mean().reindex(wider_grid) then .ffill() / .interpolate(limit_area="inside")
/// ```
///
/// `sum(min_count=1)` because pandas' plain `sum` gives an empty bucket 0, where an empty
/// bucket is a gap here. The data has irregular spacing, points exactly on bucket edges,
/// equal timestamps (ties for `first` and `last`), a NaN on an edge, a bucket holding only
/// a NaN, two empty buckets, and times before 1970.
struct ResamplingTests {
    static let second: Int64 = 1_000_000_000
    static let nan = Double.nan

    static let points: [(Timestamp, Double)] = [
        (-25 * second, 4.0),
        (-20 * second, 1.0), (-20 * second, 0.5), (-11 * second, 3.0),
        (-10 * second, nan), (-1 * second, 2.5),
        (0, 7.0), (3 * second, 5.0), (3 * second, 6.0), (10 * second - 1, -1.0),
        (10 * second, nan),
        (30 * second, 8.0),
        (41 * second, 2.0), (45 * second, 4.0), (47 * second, 10.0), (49 * second, 1.0), (49 * second, 1.5),
    ]
    static let timestamps = points.map(\.0)
    static let values = points.map(\.1)
    /// Buckets starting at −30 s, −20 s, …, 40 s.
    static let grid = RegularGrid(aligning: -25 * second..<50 * second, step: 10 * second)
    /// Buckets starting at −60 s, …, 70 s: three empty buckets before the data and three after.
    static let wideGrid = RegularGrid(aligning: -60 * second..<80 * second, step: 10 * second)

    static let aggregationCases: [(aggregation: Resampling.Aggregation, expected: [Double])] = [
        (.avg, [4.0, 1.5, 2.5, 4.25, nan, nan, 8.0, 3.7]),
        (.sum, [4.0, 4.5, 2.5, 17.0, nan, nan, 8.0, 18.5]),
        (.min, [4.0, 0.5, 2.5, -1.0, nan, nan, 8.0, 1.0]),
        (.max, [4.0, 3.0, 2.5, 7.0, nan, nan, 8.0, 10.0]),
        (.first, [4.0, 1.0, 2.5, 7.0, nan, nan, 8.0, 2.0]),
        (.last, [4.0, 3.0, 2.5, -1.0, nan, nan, 8.0, 1.5]),
        (.count, [1.0, 3.0, 1.0, 4.0, 0.0, 0.0, 1.0, 5.0]),
        (.quantile(0.9), [4.0, 2.6, 2.5, 6.7, nan, nan, 8.0, 7.6000000000000005]),
        (.quantile(0.25), [4.0, 0.75, 2.5, 3.5, nan, nan, 8.0, 1.5]),
    ]

    @Test(arguments: aggregationCases)
    func aggregatesLikePandas(aggregation: Resampling.Aggregation, expected: [Double]) {
        #expect(Self.grid.count == 8 && Self.grid.start == -30 * Self.second)
        let result = Resampling.resample(timestamps: Self.timestamps, values: Self.values, grid: Self.grid,
                                         aggregation: aggregation, gapFill: .missing)
        expectClose(result, expected)
    }

    static let gapFillCases: [(aggregation: Resampling.Aggregation, gapFill: Resampling.GapFill, expected: [Double])] = [
        (.avg, .missing, [4.0, 1.5, 2.5, 4.25, nan, nan, 8.0, 3.7]),
        (.avg, .previous, [4.0, 1.5, 2.5, 4.25, 4.25, 4.25, 8.0, 3.7]),
        (.avg, .linear, [4.0, 1.5, 2.5, 4.25, 5.5, 6.75, 8.0, 3.7]),
        (.avg, .zero, [4.0, 1.5, 2.5, 4.25, 0.0, 0.0, 8.0, 3.7]),
        (.last, .previous, [4.0, 3.0, 2.5, -1.0, -1.0, -1.0, 8.0, 1.5]),
        (.max, .linear, [4.0, 3.0, 2.5, 7.0, 7.333333333333333, 7.666666666666667, 8.0, 10.0]),
        // Count is 0 in an empty bucket whatever the gap fill.
        (.count, .previous, [1.0, 3.0, 1.0, 4.0, 0.0, 0.0, 1.0, 5.0]),
        (.count, .linear, [1.0, 3.0, 1.0, 4.0, 0.0, 0.0, 1.0, 5.0]),
    ]

    @Test(arguments: gapFillCases)
    func fillsGapsLikePandas(aggregation: Resampling.Aggregation, gapFill: Resampling.GapFill, expected: [Double]) {
        let result = Resampling.resample(timestamps: Self.timestamps, values: Self.values, grid: Self.grid,
                                         aggregation: aggregation, gapFill: gapFill)
        expectClose(result, expected)
    }

    static let edgeGapCases: [(aggregation: Resampling.Aggregation, gapFill: Resampling.GapFill, expected: [Double])] = [
        (.avg, .previous, [nan, nan, nan, 4.0, 1.5, 2.5, 4.25, 4.25, 4.25, 8.0, 3.7, 3.7, 3.7, 3.7]),
        (.avg, .linear, [nan, nan, nan, 4.0, 1.5, 2.5, 4.25, 5.5, 6.75, 8.0, 3.7, nan, nan, nan]),
        (.avg, .zero, [0, 0, 0, 4.0, 1.5, 2.5, 4.25, 0, 0, 8.0, 3.7, 0, 0, 0]),
        (.count, .missing, [0, 0, 0, 1, 3, 1, 4, 0, 0, 1, 5, 0, 0, 0]),
    ]

    @Test(arguments: edgeGapCases)
    func leadingAndTrailingGaps(aggregation: Resampling.Aggregation, gapFill: Resampling.GapFill, expected: [Double]) {
        #expect(Self.wideGrid.count == 14 && Self.wideGrid.start == -60 * Self.second)
        let result = Resampling.resample(timestamps: Self.timestamps, values: Self.values, grid: Self.wideGrid,
                                         aggregation: aggregation, gapFill: gapFill)
        expectClose(result, expected)
    }

    /// Hand-worked: points before the grid start and at its end are ignored.
    @Test func pointsOutsideTheGridAreIgnored() {
        let grid = RegularGrid(start: 0, step: 10, count: 2)
        let result = Resampling.resample(timestamps: [-1, 0, 9, 10, 19, 20, 25], values: [100, 1, 2, 3, 4, 100, 100],
                                         grid: grid, aggregation: .sum, gapFill: .missing)
        expectClose(result, [3, 7])
    }

    /// Hand-worked: no points at all, and only NaN points, leave every bucket empty.
    @Test func emptyInput() {
        let grid = RegularGrid(start: 0, step: 10, count: 3)
        for (timestamps, values) in [([Timestamp](), [Double]()), ([0, 15], [Self.nan, Self.nan])] {
            expectClose(Resampling.resample(timestamps: timestamps, values: values, grid: grid,
                                            aggregation: .avg, gapFill: .previous), [Self.nan, Self.nan, Self.nan])
            expectClose(Resampling.resample(timestamps: timestamps, values: values, grid: grid,
                                            aggregation: .count, gapFill: .missing), [0, 0, 0])
            expectClose(Resampling.resample(timestamps: timestamps, values: values, grid: grid,
                                            aggregation: .sum, gapFill: .zero), [0, 0, 0])
        }
    }

    /// The compensated sum keeps what a naive sum loses: 1e16 + 1 + 1 − 1e16 is 2 exactly.
    @Test func sumIsCompensated() {
        let grid = RegularGrid(start: 0, step: 10, count: 1)
        let result = Resampling.resample(timestamps: [0, 1, 2, 3], values: [1e16, 1, 1, -1e16], grid: grid,
                                         aggregation: .sum, gapFill: .missing)
        #expect(result == [2])
        let mean = Resampling.resample(timestamps: [0, 1, 2, 3], values: [1e16, 1, 1, -1e16], grid: grid,
                                       aggregation: .avg, gapFill: .missing)
        #expect(mean == [0.5])
    }

    /// The batch form stacks the single-series results as matrix columns.
    @Test func batchIsColumnMajor() {
        let grid = RegularGrid(start: 0, step: 10, count: 3)
        let matrix = Resampling.resample(
            series: [
                (timestamps: [0, 5, 20], values: [1, 3, 6]),
                (timestamps: [12], values: [4]),
            ],
            grid: grid, aggregation: .avg, gapFill: .missing)
        #expect(matrix.rows == 3 && matrix.columns == 2)
        expectClose(matrix.storage, [2, Self.nan, 6, Self.nan, 4, Self.nan])
        expectClose(matrix.column(0), Resampling.resample(timestamps: [0, 5, 20], values: [1, 3, 6], grid: grid,
                                                          aggregation: .avg, gapFill: .missing))
    }

    /// Values equal where both are NaN, else within 1e-14 relative (the pandas references are
    /// printed with `repr`, so exact but for the last-bit differences of summation order).
    private func expectClose(_ computed: [Double], _ expected: [Double],
                             sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(computed.count == expected.count, sourceLocation: sourceLocation)
        for (index, (a, b)) in zip(computed, expected).enumerated() {
            let close = (a.isNaN && b.isNaN) || Accuracy.relativeError(a, b) <= 1e-14 || (b == 0 && a == 0)
            #expect(close, "bucket \(index): \(a), expected \(b)", sourceLocation: sourceLocation)
        }
    }
}
