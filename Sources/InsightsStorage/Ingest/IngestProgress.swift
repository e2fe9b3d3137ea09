import Synchronization

/// How many bytes of a file the reader has consumed, readable from any thread while it runs.
public final class IngestProgress: Sendable {
    private let bytes = Atomic<Int>(0)

    public init() {}

    /// Bytes read so far.
    public var bytesRead: Int { bytes.load(ordering: .relaxed) }

    func add(_ count: Int) {
        bytes.add(count, ordering: .relaxed)
    }
}
