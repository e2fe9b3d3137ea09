/// Why a file, or one row of it, could not be ingested; always located.
public struct IngestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem, for callers that branch on it.
    public enum Kind: Sendable, Equatable {
        /// The file cannot be opened or read.
        case unreadable
        /// The format cannot be detected, or the forced format does not fit the file.
        case format
        /// One row or record is malformed (skippable with `--skip-bad-rows`).
        case badRow
    }

    public let kind: Kind
    /// Where: `file:line:column` (line 0 when the whole file is at fault).
    public let location: SourceLocation
    /// A lowercase, one-line explanation quoting the offending text.
    public let message: String

    public init(_ kind: Kind, at location: SourceLocation, _ message: String) {
        self.kind = kind
        self.location = location
        self.message = message
    }

    /// `file:line:column: message`, compiler style.
    public var description: String {
        location.line == 0 ? "\(location.file): \(message)" : "\(location): \(message)"
    }
}
