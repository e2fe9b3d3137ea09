import Foundation

extension FileReader {
    /// Parses one timestamp as the readers do; a white-box hook for the timestamp tests.
    /// - Throws: The parser's message as an `IngestError.badRow` at `test:1`.
    package static func parseTimestamp(_ text: String, unit: TimestampUnit? = nil,
                                       timeZone: TimeZone = TimeZone(identifier: "UTC")!) throws(IngestError) -> Timestamp {
        do {
            return try TimestampParser(unit: unit, timeZone: timeZone).parse(text)
        } catch {
            throw IngestError(.badRow, at: SourceLocation(file: "test", line: 1), error.message)
        }
    }
}
