/// Reads metric samples from a CSV file, long or wide.
///
/// - Long: a timestamp column, a value column, a `metric` column (or the `metric` option)
///   and any other columns as labels (empty label cells are left out, as in Prometheus).
/// - Wide: a timestamp column and one column per series. Every series gets a `source`
///   label with the file's relative path; a lone `value` column is named after the file
///   stem (or the `metric` option), other columns after their header.
///
/// An empty value cell is a missing value: skipped and counted. A row with any bad cell is
/// a bad row as a whole; none of its samples reach the sink.
enum MetricsCSVReader {
    static func read(_ tokenizer: inout CSVTokenizer, header: CSVHeader, long: Bool,
                     context: inout IngestContext, sink: inout some RecordSink) throws {
        let options = context.options
        guard let timeIndex = try header.index(of: options.timestampColumn, candidates: IngestOptions.timestampCandidates,
                                               role: "timestamp", context: context) else {
            throw context.formatError("no timestamp column in header (columns: \(header.names.joined(separator: ", ")))",
                                      line: header.line)
        }
        if long {
            try readLong(&tokenizer, header: header, timeIndex: timeIndex, context: &context, sink: &sink)
        } else {
            try readWide(&tokenizer, header: header, timeIndex: timeIndex, context: &context, sink: &sink)
        }
    }

    private static func readWide(_ tokenizer: inout CSVTokenizer, header: CSVHeader, timeIndex: Int,
                                 context: inout IngestContext, sink: inout some RecordSink) throws {
        let valueIndexes = header.names.indices.filter { $0 != timeIndex }
        guard !valueIndexes.isEmpty else {
            throw context.formatError("no value columns beside '\(header.names[timeIndex])'", line: header.line)
        }
        let source = context.relativePath
        let keys = valueIndexes.map { index in
            let name = header.names[index]
            let metric = valueIndexes.count == 1 && name == (context.options.valueColumn ?? "value")
                ? (context.options.metric ?? context.stem) : name
            return SeriesKey(metric: metric, labels: ["source": source])
        }
        var record = CSVRecord()
        var values = [Double?](repeating: nil, count: valueIndexes.count)
        var rows = 0
        rows: while try tokenizer.next(into: &record) {
            rows += 1
            guard let timestamp = try checkRow(record, header: header, timeIndex: timeIndex, context: &context) else {
                continue
            }
            for (slot, index) in valueIndexes.enumerated() {
                do {
                    values[slot] = try record.withField(index) { (b) throws(FieldError) in try ValueParser.parse(b) }
                } catch {
                    try context.badRow(error.message, line: record.lines[index], column: record.columns[index])
                    continue rows
                }
            }
            let location = context.location(record.line)
            for slot in values.indices {
                guard let value = values[slot] else {
                    context.report.missingValues += 1
                    continue
                }
                try sink.metric(MetricSample(series: keys[slot], timestamp: timestamp, value: value), at: location)
                context.report.metrics += 1
            }
        }
        guard rows > 0 else { throw context.formatError("no data rows after the header") }
    }

    private static func readLong(_ tokenizer: inout CSVTokenizer, header: CSVHeader, timeIndex: Int,
                                 context: inout IngestContext, sink: inout some RecordSink) throws {
        let options = context.options
        guard let valueIndex = try header.index(of: options.valueColumn, candidates: ["value"], role: "value",
                                                context: context) else {
            throw context.formatError("no value column in header (columns: \(header.names.joined(separator: ", ")))",
                                      line: header.line)
        }
        let metricIndex = header.names.firstIndex(of: "metric") ?? header.names.firstIndex(of: "name")
        guard metricIndex != nil || options.metric != nil else {
            throw context.formatError("a long metrics CSV needs a 'metric' column or the metric option",
                                      line: header.line)
        }
        let labelIndexes = header.names.indices.filter { $0 != timeIndex && $0 != valueIndex && $0 != metricIndex }
        var record = CSVRecord()
        var rows = 0
        // Series keys are looked up by the raw bytes of the metric and label cells, so a row
        // of a series already seen allocates nothing. 0xFF (never in UTF-8) separates cells;
        // the cache is emptied when it grows past `maxCachedKeys` to keep memory bounded.
        let identityIndexes = (metricIndex.map { [$0] } ?? []) + labelIndexes
        var identity: [UInt8] = []
        var keys: [[UInt8]: SeriesKey] = [:]
        // Files usually list a series' rows together: the previous row's identity and key
        // answer most rows without hashing.
        var previous: (identity: [UInt8], key: SeriesKey)?
        let maxCachedKeys = 100_000
        while try tokenizer.next(into: &record) {
            rows += 1
            guard let timestamp = try checkRow(record, header: header, timeIndex: timeIndex, context: &context) else {
                continue
            }
            let value: Double?
            do {
                value = try record.withField(valueIndex) { (b) throws(FieldError) in try ValueParser.parse(b) }
            } catch {
                try context.badRow(error.message, line: record.lines[valueIndex], column: record.columns[valueIndex])
                continue
            }
            if let metricIndex, record.isEmpty(metricIndex) {
                try context.badRow("missing metric name", line: record.lines[metricIndex],
                                   column: record.columns[metricIndex])
                continue
            }
            guard let value else {
                context.report.missingValues += 1
                continue
            }
            identity.removeAll(keepingCapacity: true)
            for index in identityIndexes {
                identity.append(contentsOf: record.bytes[record.range(index)])
                identity.append(0xFF)
            }
            let key: SeriesKey
            if let previous, previous.identity == identity {
                key = previous.key
            } else if let known = keys[identity] {
                key = known
                previous = (identity, known)
            } else {
                var labels: [String: String] = [:]
                for index in labelIndexes where !record.isEmpty(index) {
                    labels[header.names[index]] = record.string(index)
                }
                key = SeriesKey(metric: metricIndex.map { record.string($0) } ?? options.metric ?? "", labels: labels)
                if keys.count >= maxCachedKeys { keys.removeAll(keepingCapacity: true) }
                keys[identity] = key
                previous = (identity, key)
            }
            try sink.metric(MetricSample(series: key, timestamp: timestamp, value: value),
                            at: context.location(record.line))
            context.report.metrics += 1
        }
        guard rows > 0 else { throw context.formatError("no data rows after the header") }
    }

    /// Checks a record's syntax and width and parses its timestamp; nil when the row was bad
    /// (and skipped).
    static func checkRow(_ record: CSVRecord, header: CSVHeader, timeIndex: Int,
                         context: inout IngestContext) throws(IngestError) -> Timestamp? {
        if let problem = record.problem {
            try context.badRow(problem.message, line: problem.line, column: problem.column)
            return nil
        }
        guard record.count == header.names.count else {
            try context.badRow("expected \(header.names.count) fields, found \(record.count)", line: record.line)
            return nil
        }
        do {
            return try record.withField(timeIndex) { (b) throws(FieldError) in try context.timestamps.parse(b) }
        } catch {
            try context.badRow(error.message, line: record.lines[timeIndex], column: record.columns[timeIndex])
            return nil
        }
    }
}
