/// The ingest entry point: detects a file's format and streams its records into a sink.
///
/// ```swift
/// var sink = CollectingSink()
/// let report = try FileReader.read("nab/realKnownCause/nyc_taxi.csv",
///                                  options: IngestOptions(root: "nab"), into: &sink)
/// ```
public enum FileReader {
    /// Reads every record of the file at `path` into `sink`, in file order.
    ///
    /// CSV and NDJSON are streamed in `options.chunkSize` chunks (constant memory);
    /// Prometheus responses and NAB windows are parsed as one document.
    ///
    /// - Parameters:
    ///   - path: The file; error locations quote it as given.
    ///   - options: Format, column mapping, time rules and bad-row policy.
    ///   - sink: Receives the records. Records of a row that turns out bad are never sent.
    /// - Returns: Counts of what was read, missing values skipped, and the bad rows skipped.
    /// - Throws: `IngestError` (`.unreadable`, `.format`, or `.badRow` for the first bad
    ///   row unless `options.skipBadRows`), or whatever the sink throws. Records sent
    ///   before the error are not taken back: the store rolls the file's transaction back.
    /// - Complexity: O(file size) time; O(chunk size + widest row) memory for CSV/NDJSON.
    @discardableResult
    public static func read(_ path: String, options: IngestOptions = IngestOptions(),
                            into sink: inout some RecordSink) throws -> IngestReport {
        let (format, parsed) = try detect(path, options: options)
        var context = IngestContext(path: path, options: options, format: format)
        switch format {
        case .metricsLongCSV, .metricsWideCSV, .eventsCSV:
            var tokenizer = CSVTokenizer(file: try ChunkedFile(path: path, chunkSize: options.chunkSize,
                                                                   progress: options.progress))
            var record = CSVRecord()
            guard try tokenizer.next(into: &record) else { throw context.formatError("file is empty") }
            let header = try CSVHeader(record, context: context)
            if format == .eventsCSV {
                try EventsCSVReader.read(&tokenizer, header: header, context: &context, sink: &sink)
            } else {
                try MetricsCSVReader.read(&tokenizer, header: header, long: format == .metricsLongCSV,
                                          context: &context, sink: &sink)
            }
        case .metricsNDJSON, .eventsNDJSON:
            var reader = NDJSONReader(file: try ChunkedFile(path: path, chunkSize: options.chunkSize,
                                                            progress: options.progress))
            try reader.read(events: format == .eventsNDJSON, context: &context, sink: &sink)
        case .prometheusJSON, .nabWindows, .annotationsJSON:
            let document = try parsed ?? parseDocument(path, context: context)
            switch format {
            case .prometheusJSON:
                try JSONDocumentReader.readPrometheus(document, context: &context,
                                                      unnamed: options.metric ?? context.stem, sink: &sink)
            case .nabWindows: try JSONDocumentReader.readNABWindows(document, context: &context, sink: &sink)
            default: try JSONDocumentReader.readAnnotations(document, context: &context, sink: &sink)
            }
        }
        return context.report
    }

    /// The format `read` would use for `path`: `options.format` when set, else detected from
    /// the extension (`.csv`, `.ndjson`/`.jsonl`, `.json`) and the first line or document.
    ///
    /// - Throws: `IngestError.format` naming the file and what was seen when no format fits;
    ///   `.unreadable` when it cannot be read.
    public static func detectFormat(_ path: String, options: IngestOptions = IngestOptions()) throws(IngestError) -> IngestFormat {
        try detect(path, options: options).format
    }

    /// The format, and the parsed document when detection had to parse one (so `read`
    /// does not parse it twice).
    private static func detect(_ path: String,
                               options: IngestOptions) throws(IngestError) -> (format: IngestFormat, document: JSONValue?) {
        if let format = options.format { return (format, nil) }
        let context = IngestContext(path: path, options: options, format: .metricsWideCSV)
        let file = try ChunkedFile(path: path, chunkSize: options.chunkSize)
        var chunk: [UInt8] = []
        try file.next(into: &chunk)
        guard let first = chunk.firstIndex(where: { !Self.isSpace($0) }) else {
            throw context.formatError("file is empty")
        }
        let lineEnd = chunk[first...].firstIndex { $0 == 0x0A || $0 == 0x0D } ?? chunk.endIndex
        let firstLine = Array(chunk[first..<lineEnd])
        let seen = String(decoding: firstLine.prefix(60), as: UTF8.self)
        let ext = path.split(separator: "/").last.flatMap { name in
            name.contains(".") ? name.split(separator: ".").last.map { $0.lowercased() } : nil
        } ?? ""
        let looksJSON = chunk[first] == UInt8(ascii: "{") || chunk[first] == UInt8(ascii: "[")

        if ext == "csv" || (!looksJSON && ext != "json" && ext != "ndjson" && ext != "jsonl" && firstLine.contains(UInt8(ascii: ","))) {
            var tokenizer = CSVTokenizer(file: try ChunkedFile(path: path, chunkSize: options.chunkSize))
            var record = CSVRecord()
            guard try tokenizer.next(into: &record) else { throw context.formatError("file is empty") }
            return (csvFormat(try CSVHeader(record, context: context), options: options), nil)
        }
        if looksJSON || ["json", "ndjson", "jsonl"].contains(ext) {
            // One object on the first line that has a timestamp is NDJSON; otherwise the
            // file is one document.
            if case .success(let object) = JSONValue.parse(firstLine), case .object = object,
               object["status"] == nil, Self.hasTimestamp(object, options: options) {
                return (NDJSONReader.isEvents(object, options: options) ? .eventsNDJSON : .metricsNDJSON, nil)
            }
            if ext == "ndjson" || ext == "jsonl" {
                let line = 1 + chunk[..<first].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                throw context.formatError("first line is not a json object with a timestamp: '\(seen)'", line: line)
            }
            let document = try parseDocument(path, context: context)
            if document["status"] != nil { return (.prometheusJSON, document) }
            if case .object(let members) = document,
               members.values.allSatisfy({ if case .array = $0 { true } else { false } }) {
                return (.nabWindows, document)
            }
            if case .array(let items) = document, let first = items.first, first["kind"] != nil, first["start"] != nil {
                return (.annotationsJSON, document)
            }
            throw context.formatError("unrecognised json document (\(document.typeName) starting '\(seen)'); "
                                      + "expected a prometheus response, nab windows, an annotations array or ndjson")
        }
        let shownExt = ext.isEmpty ? "no extension" : "extension '.\(ext)'"
        throw context.formatError("cannot detect the format (\(shownExt), first line '\(seen)'); set the format option")
    }

    /// Long or wide metrics, or events, from a CSV header.
    static func csvFormat(_ header: CSVHeader, options: IngestOptions) -> IngestFormat {
        let names = Set(header.names)
        let hasEvent = (options.eventColumn.map { [$0] } ?? IngestOptions.eventCandidates).contains(where: names.contains)
        let hasActor = (options.actorColumn.map { [$0] } ?? IngestOptions.actorCandidates).contains(where: names.contains)
        if options.kind == .events || (options.kind == nil && hasEvent && hasActor) { return .eventsCSV }
        if names.contains("metric") { return .metricsLongCSV }
        if options.metric != nil, names.contains(options.valueColumn ?? "value"), names.count > 2 {
            return .metricsLongCSV
        }
        return .metricsWideCSV
    }

    private static func hasTimestamp(_ object: JSONValue, options: IngestOptions) -> Bool {
        (options.timestampColumn.map { [$0] } ?? IngestOptions.timestampCandidates).contains { object[$0] != nil }
    }

    private static func isSpace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D
    }

    private static func parseDocument(_ path: String, context: IngestContext) throws(IngestError) -> JSONValue {
        let bytes = try ChunkedFile.readAll(path)
        guard bytes.contains(where: { !isSpace($0) }) else { throw context.formatError("file is empty") }
        switch JSONValue.parse(bytes) {
        case .success(let document): return document
        case .failure(let error): throw context.formatError(error.message)
        }
    }
}
