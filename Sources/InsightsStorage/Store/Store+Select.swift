import InsightsNumerics

extension Store {
    /// The series a PromQL selector picks, ordered like `series(metric:)`.
    ///
    /// Every matcher is applied to the series keys (the series and label tables; no point is
    /// read), then only the series that match are measured (count, first and last time) on the
    /// clustered `(series, timestamp)` key. Measuring every series of the metric first made a
    /// one-series statement scan the whole point table.
    public func series(matching selector: SeriesSelector) throws(StorageError) -> [SeriesInfo] {
        let matched = try seriesKeys().filter { selector.matches($0.key) }
        let statement = try connection.prepare("SELECT count(*), min(ts), max(ts) FROM point WHERE series_id = ?1")
        var result: [SeriesInfo] = []
        result.reserveCapacity(matched.count)
        for (id, key) in matched {
            defer { statement.reset() }
            try statement.bind(id, at: 1)
            _ = try statement.step()
            result.append(SeriesInfo(id: id, key: key, pointCount: Int(statement.int64(0)),
                                     first: statement.isNull(1) ? nil : statement.int64(1),
                                     last: statement.isNull(2) ? nil : statement.int64(2)))
        }
        return result
    }


    /// Series picked by `selector`, aggregated onto one regular grid: the columns of a
    /// column-major matrix ready for the numerical core.
    /// - Parameters:
    ///   - range: The time range; nil spans the selected data.
    ///   - step: The grid step in nanoseconds.
    /// - Returns: The grid, the series in column order, and the `grid.count × k` matrix.
    public func grid(matching selector: SeriesSelector, range: Range<Timestamp>?, step: Int64,
                     aggregation: Resampling.Aggregation,
                     gapFill: Resampling.GapFill) throws(StorageError) -> (grid: RegularGrid, series: [SeriesKey], values: Matrix) {
        let selected = try series(matching: selector)
        let firsts = selected.compactMap(\.first), lasts = selected.compactMap(\.last)
        let span = range ?? ((firsts.min() ?? 0)..<((lasts.max() ?? -1) + 1))
        let grid = RegularGrid(aligning: span, step: step)
        var columns: [(timestamps: [Timestamp], values: [Double])] = []
        for info in selected {
            columns.append(try points(seriesID: info.id, from: grid.start, to: grid.end - 1))
        }
        let matrix = Resampling.resample(series: columns, grid: grid, aggregation: aggregation, gapFill: gapFill)
        return (grid, selected.map(\.key), matrix)
    }

    /// Deletes the series `selector` picks, with their points and annotations, in one transaction.
    /// - Returns: How many series and points were deleted.
    @discardableResult
    public func drop(matching selector: SeriesSelector) throws -> (series: Int, points: Int) {
        let selected = try series(matching: selector)
        return try connection.transaction {
            let deletePoints = try connection.prepare("DELETE FROM point WHERE series_id = ?")
            let deleteLabels = try connection.prepare("DELETE FROM series_label WHERE series_id = ?")
            let deleteAnnotations = try connection.prepare("DELETE FROM annotation WHERE series_id = ?")
            let deleteSeries = try connection.prepare("DELETE FROM series WHERE id = ?")
            for info in selected {
                for statement in [deletePoints, deleteLabels, deleteAnnotations, deleteSeries] {
                    try statement.bind(info.id, at: 1)
                    try statement.step()
                    statement.reset()
                }
            }
            try connection.execute("DELETE FROM metric WHERE id NOT IN (SELECT metric_id FROM series)")
            return (selected.count, selected.reduce(0) { $0 + $1.pointCount })
        }
    }

    /// Deletes points and events older than `cutoff`, in one transaction.
    /// - Returns: How many points and events were deleted.
    @discardableResult
    public func compact(before cutoff: Timestamp) throws -> (points: Int, events: Int) {
        try connection.transaction {
            let points = try connection.prepare("DELETE FROM point WHERE ts < ?")
            try points.bind(cutoff, at: 1)
            try points.step()
            let deletedPoints = Int(connection.changes)
            let events = try connection.prepare("DELETE FROM event WHERE ts < ?")
            try events.bind(cutoff, at: 1)
            try events.step()
            return (deletedPoints, Int(connection.changes))
        }
    }

    /// The latest timestamp of any point or event, nil in an empty store.
    public func latestTimestamp() throws(StorageError) -> Timestamp? {
        try summary().last
    }
}
