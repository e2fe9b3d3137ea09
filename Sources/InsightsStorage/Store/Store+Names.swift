extension Store {
    // Names only, for completion and did-you-mean: each query reads one index range and no
    // points or event rows, so it stays fast with 100,000 series or millions of events.

    /// Every metric name, sorted.
    /// - Complexity: one scan of the `metric` table.
    public func metricNames() throws(StorageError) -> [String] {
        try strings("SELECT name FROM metric ORDER BY name")
    }

    // With a metric, CROSS JOIN fixes the order: the metric's series first, then each one's
    // labels by primary key. Left to itself the planner starts from the (key, value) index and
    // visits every series carrying the key (100,000 on a large catalog: 36 ms instead of < 1).

    /// The label keys used by series of `metric` (by any series when nil), sorted.
    /// - Complexity: with a metric, the metric's series only (`UNIQUE (metric_id, labels)` then
    ///   the label primary key); without, one pass over the `(key, value)` index.
    public func labelKeys(metric: String?) throws(StorageError) -> [String] {
        guard let metric else { return try strings("SELECT DISTINCT key FROM series_label ORDER BY key") }
        return try strings("""
            SELECT DISTINCT l.key FROM series s CROSS JOIN series_label l ON l.series_id = s.id
            WHERE s.metric_id = (SELECT id FROM metric WHERE name = ?1) ORDER BY l.key
            """, metric)
    }

    /// The values label `key` takes on series of `metric` (on any series when nil), sorted.
    public func labelValues(key: String, metric: String?) throws(StorageError) -> [String] {
        guard let metric else {
            return try strings("SELECT DISTINCT value FROM series_label WHERE key = ?1 ORDER BY value", key)
        }
        return try strings("""
            SELECT DISTINCT l.value FROM series s CROSS JOIN series_label l ON l.series_id = s.id AND l.key = ?2
            WHERE s.metric_id = (SELECT id FROM metric WHERE name = ?1) ORDER BY l.value
            """, metric, key)
    }

    /// Every event name, sorted (no counts: ``eventNames()`` scans the events for those).
    public func eventNameList() throws(StorageError) -> [String] {
        try strings("SELECT name FROM event_name ORDER BY name")
    }

    /// The top-level property keys of the latest `sample` events named `name` (of any name
    /// when nil), sorted: a property that only much older events carry is not offered.
    public func eventPropertyKeys(named name: String?, sample: Int = 10_000) throws(StorageError) -> [String] {
        let events = name == nil
            ? "SELECT properties FROM event ORDER BY ts DESC LIMIT ?2"
            : """
              SELECT properties FROM event WHERE name_id = (SELECT id FROM event_name WHERE name = ?1)
              ORDER BY ts DESC LIMIT ?2
              """
        let statement = try connection.prepare("""
            SELECT DISTINCT j.key FROM (\(events)) e, json_each(e.properties) j ORDER BY j.key
            """)
        // ?1 is bound even when unused: the parameter count is the highest index, 2.
        try statement.bind(name, at: 1)
        try statement.bind(Int64(sample), at: 2)
        var result: [String] = []
        while try statement.step() { result.append(statement.string(0) ?? "") }
        return result
    }

    /// The first column of every row of `sql`, with `parameters` bound to ?1, ?2, ….
    private func strings(_ sql: String, _ parameters: String...) throws(StorageError) -> [String] {
        let statement = try connection.prepare(sql)
        for (index, parameter) in parameters.enumerated() { try statement.bind(parameter, at: Int32(index + 1)) }
        var result: [String] = []
        while try statement.step() { result.append(statement.string(0) ?? "") }
        return result
    }
}
