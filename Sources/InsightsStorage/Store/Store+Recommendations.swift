/// One recommendation as the store keeps it: the fields a run produces (subject and evidence as
/// JSON text the engine writes) and the history the store adds.
public struct StoredRecommendation: Sendable, Equatable {
    /// What a run found: everything but the history.
    public struct Finding: Sendable, Equatable {
        public var fingerprint: String
        public var rule: String
        public var kind: String
        public var severity: String
        public var title: String
        /// JSON: the subject (selector, labels, series).
        public var subject: String
        /// JSON: the numbers behind it.
        public var evidence: String
        public var confidence: Double
        public var action: String
        public var statement: String
        public var windowStart: Timestamp?
        public var windowEnd: Timestamp?

        public init(fingerprint: String, rule: String, kind: String, severity: String, title: String, subject: String,
                    evidence: String, confidence: Double, action: String, statement: String,
                    windowStart: Timestamp?, windowEnd: Timestamp?) {
            self.fingerprint = fingerprint
            self.rule = rule
            self.kind = kind
            self.severity = severity
            self.title = title
            self.subject = subject
            self.evidence = evidence
            self.confidence = confidence
            self.action = action
            self.statement = statement
            self.windowStart = windowStart
            self.windowEnd = windowEnd
        }
    }

    public enum Status: String, Sendable { case firing, resolved }

    public var finding: Finding
    public var status: Status
    /// When the current firing episode began (a resolved recommendation that fires again starts a new one).
    public var firstSeen: Timestamp
    /// The last run that found it.
    public var lastSeen: Timestamp
    /// When a run first missed it (nil while firing).
    public var resolvedAt: Timestamp?
    /// When it was last delivered to an alert receiver.
    public var lastSent: Timestamp?
}

/// What a run did to one stored recommendation.
public struct RecommendationTransition: Sendable, Equatable {
    public enum Change: String, Sendable {
        /// Not stored before: now firing, first seen now.
        case opened
        /// Firing before and found again: last seen and fields updated.
        case continued
        /// Resolved before and found again: firing, a new episode from now.
        case reopened
        /// Firing before and not found now: resolved now.
        case resolved
    }

    public let change: Change
    /// The row after the run.
    public let recommendation: StoredRecommendation
    /// The row before the run (nil for `opened`).
    public let previous: StoredRecommendation?

    public init(change: Change, recommendation: StoredRecommendation, previous: StoredRecommendation?) {
        self.change = change
        self.recommendation = recommendation
        self.previous = previous
    }
}

extension Store {
    /// What recording `findings` at `now` over the stored rows `existing` does, without writing:
    /// a new fingerprint opens (firing, first and last seen `now`); a firing one found again
    /// continues (`last_seen = now`, the run's fields, first seen and last sent kept); a resolved one
    /// found again reopens (a new episode from `now`); a firing one not found resolves at `now`.
    /// Findings that repeat a fingerprint keep the first.
    /// - Returns: One transition per finding (in order), then one per resolution (by fingerprint).
    public static func planRecommendations(_ findings: [StoredRecommendation.Finding], existing: [StoredRecommendation],
                                           at now: Timestamp) -> [RecommendationTransition] {
        let stored = Dictionary(existing.map { ($0.finding.fingerprint, $0) }, uniquingKeysWith: { a, _ in a })
        var transitions: [RecommendationTransition] = []
        var found = Set<String>()
        for finding in findings where found.insert(finding.fingerprint).inserted {
            let before = stored[finding.fingerprint]
            let change: RecommendationTransition.Change = before == nil ? .opened : before!.status == .firing ? .continued : .reopened
            let after = StoredRecommendation(finding: finding, status: .firing,
                                             firstSeen: change == .continued ? before!.firstSeen : now, lastSeen: now,
                                             resolvedAt: nil, lastSent: change == .continued ? before!.lastSent : nil)
            transitions.append(RecommendationTransition(change: change, recommendation: after, previous: before))
        }
        for row in existing.sorted(by: { $0.finding.fingerprint < $1.finding.fingerprint })
        where row.status == .firing && !found.contains(row.finding.fingerprint) {
            var resolved = row
            resolved.status = .resolved
            resolved.resolvedAt = now
            transitions.append(RecommendationTransition(change: .resolved, recommendation: resolved, previous: row))
        }
        return transitions
    }

    /// Records one run's findings at time `now` in one transaction, as
    /// ``planRecommendations(_:existing:at:)`` describes: a repeated run updates rows instead of
    /// adding them, and a condition that cleared is resolved.
    /// - Returns: The transitions written.
    /// - Throws: `StorageError`; nothing is written then.
    public func recordRecommendations(_ findings: [StoredRecommendation.Finding],
                                      at now: Timestamp) throws -> [RecommendationTransition] {
        try connection.transaction {
            let transitions = Self.planRecommendations(findings, existing: try recommendations(), at: now)
            let upsert = try connection.prepare("""
                INSERT INTO recommendation (fingerprint, rule, kind, severity, title, subject, evidence, confidence, action,
                                            statement, window_start, window_end, status, first_seen, last_seen, resolved_at, last_sent)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
                ON CONFLICT (fingerprint) DO UPDATE SET
                    rule = excluded.rule, kind = excluded.kind, severity = excluded.severity, title = excluded.title,
                    subject = excluded.subject, evidence = excluded.evidence, confidence = excluded.confidence,
                    action = excluded.action, statement = excluded.statement, window_start = excluded.window_start,
                    window_end = excluded.window_end, status = excluded.status, first_seen = excluded.first_seen,
                    last_seen = excluded.last_seen, resolved_at = excluded.resolved_at, last_sent = excluded.last_sent
                """)
            for transition in transitions {
                let row = transition.recommendation, finding = row.finding
                defer { upsert.reset() }
                func bind(_ value: Timestamp?, at index: Int32) throws(StorageError) {
                    if let value { try upsert.bind(value, at: index) } else { try upsert.bindNull(at: index) }
                }
                try upsert.bind(finding.fingerprint, at: 1)
                try upsert.bind(finding.rule, at: 2)
                try upsert.bind(finding.kind, at: 3)
                try upsert.bind(finding.severity, at: 4)
                try upsert.bind(finding.title, at: 5)
                try upsert.bind(finding.subject, at: 6)
                try upsert.bind(finding.evidence, at: 7)
                try upsert.bind(finding.confidence, at: 8)
                try upsert.bind(finding.action, at: 9)
                try upsert.bind(finding.statement, at: 10)
                try bind(finding.windowStart, at: 11)
                try bind(finding.windowEnd, at: 12)
                try upsert.bind(row.status.rawValue, at: 13)
                try upsert.bind(row.firstSeen, at: 14)
                try upsert.bind(row.lastSeen, at: 15)
                try bind(row.resolvedAt, at: 16)
                try bind(row.lastSent, at: 17)
                _ = try upsert.step()
            }
            return transitions
        }
    }

    /// Every stored recommendation, optionally only those with `status`, ordered by fingerprint.
    public func recommendations(status: StoredRecommendation.Status? = nil) throws(StorageError) -> [StoredRecommendation] {
        let statement = try connection.prepare("""
            SELECT fingerprint, rule, kind, severity, title, subject, evidence, confidence, action, statement,
                   window_start, window_end, status, first_seen, last_seen, resolved_at, last_sent
            FROM recommendation \(status == nil ? "" : "WHERE status = ?1 ") ORDER BY fingerprint
            """)
        if let status { try statement.bind(status.rawValue, at: 1) }
        var rows: [StoredRecommendation] = []
        while try statement.step() {
            func optional(_ column: Int32) -> Timestamp? { statement.isNull(column) ? nil : statement.int64(column) }
            let finding = StoredRecommendation.Finding(
                fingerprint: statement.string(0) ?? "", rule: statement.string(1) ?? "", kind: statement.string(2) ?? "",
                severity: statement.string(3) ?? "", title: statement.string(4) ?? "", subject: statement.string(5) ?? "{}",
                evidence: statement.string(6) ?? "[]", confidence: statement.double(7), action: statement.string(8) ?? "",
                statement: statement.string(9) ?? "", windowStart: optional(10), windowEnd: optional(11))
            rows.append(StoredRecommendation(finding: finding, status: StoredRecommendation.Status(rawValue: statement.string(12) ?? "") ?? .resolved,
                                             firstSeen: statement.int64(13), lastSeen: statement.int64(14),
                                             resolvedAt: optional(15), lastSent: optional(16)))
        }
        return rows
    }

    /// Sets `last_sent = at` for `fingerprints` (after a delivery succeeded), in one transaction.
    public func markRecommendationsSent(_ fingerprints: [String], at time: Timestamp) throws {
        try connection.transaction {
            let update = try connection.prepare("UPDATE recommendation SET last_sent = ?2 WHERE fingerprint = ?1")
            for fingerprint in fingerprints {
                defer { update.reset() }
                try update.bind(fingerprint, at: 1)
                try update.bind(time, at: 2)
                _ = try update.step()
            }
        }
    }
}
