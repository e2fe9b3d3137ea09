/// The database schema and its migrations, versioned with `PRAGMA user_version`.
///
/// Migration `i` takes a database from version `i` to `i + 1`; each runs in the
/// same transaction as the version bump, so a crash leaves the old version intact.
enum Schema {
    /// The newest version this build writes and reads.
    static var currentVersion: Int32 { Int32(migrations.count) }

    /// The oldest version a read-only connection may read without migrating: every migration
    /// after it only adds tables or changes indexes, so the tables readers of older files use
    /// are unchanged.
    /// Raise it with any migration that changes an existing table.
    static let oldestReadableVersion: Int32 = 1

    static let migrations: [String] = [
        // Version 1.
        """
        CREATE TABLE metric (
            id    INTEGER PRIMARY KEY,
            name  TEXT NOT NULL UNIQUE
        );
        -- One row per series: a metric plus a label set. `labels` is the canonical
        -- PromQL text of the set ({k="v", ...} sorted by key) and makes it unique.
        CREATE TABLE series (
            id         INTEGER PRIMARY KEY,
            metric_id  INTEGER NOT NULL REFERENCES metric(id),
            labels     TEXT NOT NULL,
            UNIQUE (metric_id, labels)
        );
        CREATE TABLE series_label (
            series_id  INTEGER NOT NULL REFERENCES series(id),
            key        TEXT NOT NULL,
            value      TEXT NOT NULL,
            PRIMARY KEY (series_id, key)
        ) WITHOUT ROWID;
        CREATE INDEX series_label_by_pair ON series_label (key, value);
        -- Points clustered by (series, time): a range read is one sequential scan.
        -- Timestamps are nanoseconds since the Unix epoch, UTC.
        CREATE TABLE point (
            series_id  INTEGER NOT NULL,
            ts         INTEGER NOT NULL,
            value      REAL NOT NULL,
            PRIMARY KEY (series_id, ts)
        ) WITHOUT ROWID;
        CREATE TABLE event_name (
            id    INTEGER PRIMARY KEY,
            name  TEXT NOT NULL UNIQUE
        );
        CREATE TABLE actor (
            id           INTEGER PRIMARY KEY,
            distinct_id  TEXT NOT NULL UNIQUE
        );
        CREATE TABLE event (
            id          INTEGER PRIMARY KEY,
            ts          INTEGER NOT NULL,
            actor_id    INTEGER NOT NULL REFERENCES actor(id),
            name_id     INTEGER NOT NULL REFERENCES event_name(id),
            properties  TEXT NOT NULL DEFAULT '{}',
            uuid        TEXT UNIQUE
        );
        CREATE INDEX event_by_time ON event (ts);
        CREATE INDEX event_by_actor ON event (actor_id, ts);
        CREATE INDEX event_by_name ON event (name_id, ts);
        -- Labelled windows: incidents, deploys, ground-truth anomalies. Bound to a
        -- series, or to a dataset (a source path or name) when not to one series.
        CREATE TABLE annotation (
            id         INTEGER PRIMARY KEY,
            kind       TEXT NOT NULL,
            series_id  INTEGER REFERENCES series(id),
            dataset    TEXT,
            start_ts   INTEGER NOT NULL,
            end_ts     INTEGER NOT NULL,
            note       TEXT
        );
        CREATE INDEX annotation_by_series ON annotation (series_id, start_ts);
        """,
        // Version 2: where pulled data came from (incremental Prometheus pulls), and the
        // history of recommendations (so a repeated run updates instead of duplicating, and a
        // condition that clears is resolved).
        """
        CREATE TABLE pull_source (
            url        TEXT NOT NULL,
            query      TEXT NOT NULL,
            step_ns    INTEGER NOT NULL,
            last_end   INTEGER NOT NULL,  -- the end of the last range pulled, ns since the epoch
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (url, query, step_ns)
        ) WITHOUT ROWID;
        CREATE TABLE recommendation (
            fingerprint  TEXT PRIMARY KEY,
            rule         TEXT NOT NULL,
            kind         TEXT NOT NULL,
            severity     TEXT NOT NULL,
            title        TEXT NOT NULL,
            subject      TEXT NOT NULL,      -- JSON: selector and labels, or a funnel/experiment
            evidence     TEXT NOT NULL,      -- JSON: the numbers behind it
            confidence   REAL NOT NULL,
            action       TEXT NOT NULL,
            statement    TEXT NOT NULL,      -- the REPL statement that reproduces it
            window_start INTEGER,
            window_end   INTEGER,
            status       TEXT NOT NULL CHECK (status IN ('firing', 'resolved')),
            first_seen   INTEGER NOT NULL,
            last_seen    INTEGER NOT NULL,
            resolved_at  INTEGER,
            last_sent    INTEGER
        );
        CREATE INDEX recommendation_by_status ON recommendation (status, last_seen);
        """,
        // Version 3: the by-name index also holds the actor, so reading one event's
        // (time, actor) columns for behavior analyses visits no table rows.
        """
        DROP INDEX event_by_name;
        CREATE INDEX event_by_name ON event (name_id, ts, actor_id);
        """,
    ]
}
