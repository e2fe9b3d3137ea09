extension Store {
    /// A condition on one top-level event property.
    ///
    /// A value matches a property that is the JSON string with that text or the JSON
    /// literal spelled that way (a number, `true`, `false`, `null`): `"99"` matches both
    /// `"99"` and `99`. `notEquals` also matches events without the property.
    public struct PropertyFilter: Sendable, Equatable {
        public enum Condition: Sendable, Equatable {
            case equals(String)
            case notEquals(String)
            case exists
            case absent
        }

        public let key: String
        public let condition: Condition

        public init(_ key: String, _ condition: Condition) {
            self.key = key
            self.condition = condition
        }
    }

    /// Which events to read, and which properties to bring along as columns.
    public struct EventQuery: Sendable, Equatable {
        /// Event names (any of them); nil for every name.
        public var names: [String]?
        /// Inclusive time bounds; nil ends are open.
        public var from: Timestamp?
        public var to: Timestamp?
        /// All must hold.
        public var filters: [PropertyFilter]
        /// Property keys to return as columns.
        public var properties: [String]

        public init(names: [String]? = nil, from: Timestamp? = nil, to: Timestamp? = nil,
                    filters: [PropertyFilter] = [], properties: [String] = []) {
            self.names = names
            self.from = from
            self.to = to
            self.filters = filters
            self.properties = properties
        }
    }

    /// Events as columns, in time order (ties in storage order), ready for counting
    /// funnels and cohorts without touching strings per row.
    public struct EventColumns: Sendable, Equatable {
        public var timestamps: [Timestamp] = []
        /// Per event, an index into `actorIDs` (dense, in order of first appearance).
        public var actors: [Int32] = []
        /// Per event, an index into `eventNames` (dense, in order of first appearance).
        public var names: [Int32] = []
        /// The actors' `distinct_id`s.
        public var actorIDs: [String] = []
        public var eventNames: [String] = []
        /// One column per requested property: the value's JSON text (`"pro"`, `99`, `true`),
        /// nil where the event lacks it.
        public var properties: [String: [String?]] = [:]

        public var count: Int { timestamps.count }
    }

    /// SQL for the JSON text of the property at the JSON path in parameter `path` (NULL when
    /// absent): strings quoted, `true`/`false`/`null` spelled out (SQLite's extract would give
    /// 1, 0 and NULL), numbers as SQLite prints them.
    private static func propertyJSONText(path: String) -> String {
        let type = "json_type(e.properties, \(path))", value = "json_extract(e.properties, \(path))"
        return "(CASE \(type) WHEN 'text' THEN json_quote(\(value)) WHEN 'true' THEN 'true' "
            + "WHEN 'false' THEN 'false' WHEN 'null' THEN 'null' ELSE CAST(\(value) AS TEXT) END)"
    }

    /// Reads the events `query` selects into columns. Names and property keys and values
    /// are bound parameters; a key may not contain `"` (SQLite's JSON paths cannot spell it).
    /// - Throws: `StorageError` (`.invalidArgument` for such a key).
    public func eventColumns(_ query: EventQuery) throws(StorageError) -> EventColumns {
        var conditions = ["e.ts >= ?1", "e.ts <= ?2"]
        var bindings: [String] = []
        func parameter(_ text: String) -> String {
            bindings.append(text)
            return "?\(bindings.count + 2)"
        }
        func path(_ key: String) throws(StorageError) -> String {
            guard !key.contains("\"") else {
                throw .invalidArgument("property key '\(key)' contains a double quote, which JSON paths cannot address")
            }
            return parameter("$.\"\(key)\"")
        }
        if let names = query.names {
            let list = names.map { parameter($0) }.joined(separator: ", ")
            conditions.append("e.name_id IN (SELECT id FROM event_name WHERE name IN (\(list)))")
        }
        for filter in query.filters {
            let p = try path(filter.key)
            let type = "json_type(e.properties, \(p))"
            switch filter.condition {
            case .exists: conditions.append("\(type) IS NOT NULL")
            case .absent: conditions.append("\(type) IS NULL")
            case .equals(let text), .notEquals(let text):
                // The property's JSON text, compared with the value as a string and as a literal.
                let json = Self.propertyJSONText(path: p)
                let a = parameter(JSONText.quoted(text)), b = parameter(text)
                if case .equals = filter.condition {
                    conditions.append("\(json) IN (\(a), \(b))")
                } else {
                    conditions.append("(\(type) IS NULL OR \(json) NOT IN (\(a), \(b)))")
                }
            }
        }
        // Ids only: without properties, (name_id, ts, actor_id) is covered by the event_by_name
        // index, so no table row is visited; names and distinct_ids are read once each below
        // instead of joined per event, and the order is restored here rather than by a sort
        // in SQLite (one name's rows come in (ts, actor) order; ties need the id).
        var columns = ["e.ts", "e.id", "e.actor_id", "e.name_id"]
        for key in query.properties {
            columns.append(Self.propertyJSONText(path: try path(key)))
        }
        let statement = try connection.prepare("""
            SELECT \(columns.joined(separator: ", ")) FROM event e WHERE \(conditions.joined(separator: " AND "))
            """)
        try statement.bind(query.from ?? Int64.min, at: 1)
        try statement.bind(query.to ?? Int64.max, at: 2)
        for (offset, text) in bindings.enumerated() { try statement.bind(text, at: Int32(offset + 3)) }

        var timestamps: [Int64] = [], ids: [Int64] = [], actors: [Int64] = [], names: [Int64] = []
        var propertyColumns = [[String?]](repeating: [], count: query.properties.count)
        while try statement.step() {
            timestamps.append(statement.int64(0))
            ids.append(statement.int64(1))
            actors.append(statement.int64(2))
            names.append(statement.int64(3))
            for column in propertyColumns.indices {
                let position = Int32(4 + column)
                propertyColumns[column].append(statement.isNull(position) ? nil : statement.string(position))
            }
        }
        // Time order, ties in storage order.
        var order = Array(timestamps.indices)
        if zip(order, order.dropFirst()).contains(where: { (timestamps[$0], ids[$0]) > (timestamps[$1], ids[$1]) }) {
            order.sort { (timestamps[$0], ids[$0]) < (timestamps[$1], ids[$1]) }
        }
        var result = EventColumns()
        result.timestamps = order.map { timestamps[$0] }
        // Dense ids in order of first appearance, through arrays indexed by the stored ids.
        let actorDense = try denseIndex(order.map { actors[$0] }, into: &result.actors)
        let nameDense = try denseIndex(order.map { names[$0] }, into: &result.names)
        result.actorIDs = try texts("SELECT id, distinct_id FROM actor", ids: actorDense)
        result.eventNames = try texts("SELECT id, name FROM event_name", ids: nameDense)
        for (key, column) in zip(query.properties, propertyColumns) { result.properties[key] = order.map { column[$0] } }
        return result
    }

    /// Numbers the stored ids 0, 1, … in order of first appearance; `dense` gets one number
    /// per id. - Returns: The stored ids in dense order.
    private func denseIndex(_ stored: [Int64], into dense: inout [Int32]) throws(StorageError) -> [Int64] {
        guard let largest = stored.max() else { return [] }
        var index = [Int32](repeating: -1, count: Int(largest) + 1)
        var ids: [Int64] = []
        dense.reserveCapacity(stored.count)
        for id in stored {
            if index[Int(id)] < 0 {
                index[Int(id)] = Int32(ids.count)
                ids.append(id)
            }
            dense.append(index[Int(id)])
        }
        return ids
    }

    /// The text of each of `ids` from `sql` (`SELECT id, text FROM …`), in the order given: a
    /// scan of the table, or a lookup per id when few of its rows are wanted.
    private func texts(_ sql: String, ids: [Int64]) throws(StorageError) -> [String] {
        guard let largest = ids.max() else { return [] }
        var position = [Int32](repeating: -1, count: Int(largest) + 1)
        for (k, id) in ids.enumerated() { position[Int(id)] = Int32(k) }
        var result = [String](repeating: "", count: ids.count)
        if ids.count < 64 {
            let statement = try connection.prepare(sql + " WHERE id = ?1")
            for (k, id) in ids.enumerated() {
                try statement.bind(id, at: 1)
                if try statement.step() { result[k] = statement.string(1) ?? "" }
                statement.reset()
            }
            return result
        }
        let statement = try connection.prepare(sql + " WHERE id <= ?1")
        try statement.bind(largest, at: 1)
        while try statement.step() {
            let k = position[Int(statement.int64(0))]
            if k >= 0 { result[Int(k)] = statement.string(1) ?? "" }
        }
        return result
    }
}
