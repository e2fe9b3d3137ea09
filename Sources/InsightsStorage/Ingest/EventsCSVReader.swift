/// Reads behavior events from a CSV file.
///
/// The timestamp, actor and event columns are found by the options or by name (see
/// `IngestOptions`); every other column becomes a property. Properties are written as a
/// JSON object with sorted keys: a cell that is a JSON number is written as a number,
/// anything else as a string, and an empty cell is left out.
enum EventsCSVReader {
    static func read(_ tokenizer: inout CSVTokenizer, header: CSVHeader,
                     context: inout IngestContext, sink: inout some RecordSink) throws {
        let options = context.options
        let columns = header.names.joined(separator: ", ")
        guard let timeIndex = try header.index(of: options.timestampColumn, candidates: IngestOptions.timestampCandidates,
                                               role: "timestamp", context: context) else {
            throw context.formatError("no timestamp column in header (columns: \(columns))", line: header.line)
        }
        guard let actorIndex = try header.index(of: options.actorColumn, candidates: IngestOptions.actorCandidates,
                                                role: "actor", context: context) else {
            throw context.formatError("no actor column (distinct_id, user_id) in header (columns: \(columns))",
                                      line: header.line)
        }
        guard let eventIndex = try header.index(of: options.eventColumn, candidates: IngestOptions.eventCandidates,
                                                role: "event", context: context) else {
            throw context.formatError("no event column in header (columns: \(columns))", line: header.line)
        }
        let propertyIndexes = header.names.indices
            .filter { $0 != timeIndex && $0 != actorIndex && $0 != eventIndex }
            .sorted { header.names[$0] < header.names[$1] }
        var propertyKeys: [String] = []
        for index in propertyIndexes {
            var key = ""
            JSONText.appendQuoted(header.names[index], to: &key)
            propertyKeys.append(key)
        }
        var record = CSVRecord()
        var rows = 0
        while try tokenizer.next(into: &record) {
            rows += 1
            guard let timestamp = try MetricsCSVReader.checkRow(record, header: header, timeIndex: timeIndex,
                                                                context: &context) else { continue }
            let actor = record.string(actorIndex)
            guard !actor.isEmpty else {
                try context.badRow("missing actor ('\(header.names[actorIndex])')", line: record.lines[actorIndex],
                                   column: record.columns[actorIndex])
                continue
            }
            let event = record.string(eventIndex)
            guard !event.isEmpty else {
                try context.badRow("missing event name ('\(header.names[eventIndex])')", line: record.lines[eventIndex],
                                   column: record.columns[eventIndex])
                continue
            }
            var properties = "{"
            var first = true
            for (slot, index) in propertyIndexes.enumerated() where !record.isEmpty(index) {
                if !first { properties += "," }
                first = false
                properties += propertyKeys[slot]
                properties += ":"
                let cell = record.string(index)
                if ValueParser.isJSONNumber(cell) {
                    properties += cell
                } else {
                    JSONText.appendQuoted(cell, to: &properties)
                }
            }
            properties += "}"
            try sink.event(BehaviorEvent(timestamp: timestamp, distinctID: actor, event: event,
                                         propertiesJSON: properties),
                           at: context.location(record.line))
            context.report.events += 1
        }
        guard rows > 0 else { throw context.formatError("no data rows after the header") }
    }
}
