extension StoreWriter {
    /// The last evaluation time stored by an earlier pull of `query` from `url` at `step`
    /// (table `pull_source`), or nil before the first one.
    ///
    /// Read inside the writer's transaction, so a concurrent pull of the same source waits
    /// for this one and then starts after it.
    public func pullWatermark(url: String, query: String, step: Int64) throws(StorageError) -> Timestamp? {
        try Self.pullWatermark(on: connection, url: url, query: query, step: step)
    }

    /// The watermark read on `connection` (inside a write or not).
    static func pullWatermark(on connection: Connection, url: String, query: String,
                              step: Int64) throws(StorageError) -> Timestamp? {
        let statement = try connection.prepare(
            "SELECT last_end FROM pull_source WHERE url = ? AND query = ? AND step_ns = ?")
        try statement.bind(url, at: 1)
        try statement.bind(query, at: 2)
        try statement.bind(step, at: 3)
        return try statement.step() ? statement.int64(0) : nil
    }

    /// Records that `query` from `url` at `step` has been pulled up to `end`, in the same
    /// transaction as its points, so the watermark never runs ahead of the data.
    public func recordPull(url: String, query: String, step: Int64, end: Timestamp,
                           at now: Timestamp) throws(StorageError) {
        let statement = try connection.prepare("""
            INSERT INTO pull_source (url, query, step_ns, last_end, updated_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (url, query, step_ns) DO UPDATE SET last_end = excluded.last_end, updated_at = excluded.updated_at
            """)
        try statement.bind(url, at: 1)
        try statement.bind(query, at: 2)
        try statement.bind(step, at: 3)
        try statement.bind(end, at: 4)
        try statement.bind(now, at: 5)
        _ = try statement.step()
    }
}

extension Store {
    /// The watermark of a pulled source (see `StoreWriter.pullWatermark`), outside a write.
    public func pullWatermark(url: String, query: String, step: Int64) throws(StorageError) -> Timestamp? {
        try StoreWriter.pullWatermark(on: connection, url: url, query: query, step: step)
    }
}
