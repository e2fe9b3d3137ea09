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
            conditions.append("n.name IN (\(names.map { parameter($0) }.joined(separator: ", ")))")
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
        var columns = ["e.ts", "e.actor_id", "a.distinct_id", "e.name_id", "n.name"]
        for key in query.properties {
            columns.append(Self.propertyJSONText(path: try path(key)))
        }
        let statement = try connection.prepare("""
            SELECT \(columns.joined(separator: ", "))
            FROM event e JOIN actor a ON a.id = e.actor_id JOIN event_name n ON n.id = e.name_id
            WHERE \(conditions.joined(separator: " AND "))
            ORDER BY e.ts, e.id
            """)
        try statement.bind(query.from ?? Int64.min, at: 1)
        try statement.bind(query.to ?? Int64.max, at: 2)
        for (offset, text) in bindings.enumerated() { try statement.bind(text, at: Int32(offset + 3)) }

        var result = EventColumns()
        var actorIndex: [Int64: Int32] = [:], nameIndex: [Int64: Int32] = [:]
        var propertyColumns = [[String?]](repeating: [], count: query.properties.count)
        while try statement.step() {
            result.timestamps.append(statement.int64(0))
            let actor = statement.int64(1)
            if let index = actorIndex[actor] {
                result.actors.append(index)
            } else {
                let index = Int32(result.actorIDs.count)
                actorIndex[actor] = index
                result.actorIDs.append(statement.string(2) ?? "")
                result.actors.append(index)
            }
            let name = statement.int64(3)
            if let index = nameIndex[name] {
                result.names.append(index)
            } else {
                let index = Int32(result.eventNames.count)
                nameIndex[name] = index
                result.eventNames.append(statement.string(4) ?? "")
                result.names.append(index)
            }
            for column in propertyColumns.indices {
                let position = Int32(5 + column)
                propertyColumns[column].append(statement.isNull(position) ? nil : statement.string(position))
            }
        }
        for (key, column) in zip(query.properties, propertyColumns) { result.properties[key] = column }
        return result
    }
}
