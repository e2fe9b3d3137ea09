#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open file read in fixed-size chunks with `read(2)`, so memory stays constant
/// however large the file is. A UTF-8 byte order mark at the start is dropped.
final class ChunkedFile {
    private let descriptor: Int32
    private let chunkSize: Int
    private var atStart = true
    private let progress: IngestProgress?
    /// The path as given, for error locations.
    let path: String

    /// Opens `path` for reading.
    /// - Throws: `IngestError.unreadable` naming the path and the system's reason.
    init(path: String, chunkSize: Int, progress: IngestProgress? = nil) throws(IngestError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw Self.failure(path, "cannot open") }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw IngestError(.unreadable, at: SourceLocation(file: path, line: 0), "is a directory")
        }
        self.descriptor = fd
        self.chunkSize = chunkSize
        self.path = path
        self.progress = progress
    }

    deinit { close(descriptor) }

    /// Replaces `buffer` with the next chunk; leaves it empty at end of file.
    func next(into buffer: inout [UInt8]) throws(IngestError) {
        var got = 0
        var error: Int32 = 0
        let size = chunkSize
        buffer = [UInt8](unsafeUninitializedCapacity: size) { raw, count in
            repeat {
                got = read(descriptor, raw.baseAddress, size)
            } while got < 0 && errno == EINTR
            if got < 0 { error = errno }
            count = max(got, 0)
        }
        guard got >= 0 else {
            throw IngestError(.unreadable, at: SourceLocation(file: path, line: 0),
                              "read failed: \(String(cString: strerror(error)).lowercased())")
        }
        progress?.add(buffer.count)
        if atStart {
            atStart = false
            if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF {
                buffer.removeFirst(3)
            }
        }
    }

    private static func failure(_ path: String, _ what: String) -> IngestError {
        let reason = String(cString: strerror(errno))
        return IngestError(.unreadable, at: SourceLocation(file: path, line: 0), "\(what): \(reason.lowercased())")
    }

    /// The whole file, for the JSON formats that are parsed as one document.
    static func readAll(_ path: String) throws(IngestError) -> [UInt8] {
        let file = try ChunkedFile(path: path, chunkSize: 1 << 20)
        var all: [UInt8] = []
        var chunk: [UInt8] = []
        repeat {
            try file.next(into: &chunk)
            all.append(contentsOf: chunk)
        } while !chunk.isEmpty
        return all
    }
}

@available(*, unavailable)
extension ChunkedFile: Sendable {}

/// Splits a chunked file into lines (`\n` or `\r\n`), numbering them from 1.
struct LineReader {
    private let file: ChunkedFile
    private var chunk: [UInt8] = []
    private var position = 0
    private var finished = false
    /// The line number of the line last returned.
    private(set) var lineNumber = 0

    init(file: ChunkedFile) {
        self.file = file
    }

    /// Puts the next line, without its terminator, into `line`; false at end of file.
    mutating func next(into line: inout [UInt8]) throws(IngestError) -> Bool {
        line.removeAll(keepingCapacity: true)
        var sawAny = false
        while true {
            if position == chunk.count {
                if finished { break }
                try file.next(into: &chunk)
                position = 0
                if chunk.isEmpty {
                    finished = true
                    break
                }
            }
            sawAny = true
            let rest = chunk[position...]
            if let newline = rest.firstIndex(of: 0x0A) {
                line.append(contentsOf: chunk[position..<newline])
                position = newline + 1
                lineNumber += 1
                if line.last == 0x0D { line.removeLast() }
                return true
            }
            line.append(contentsOf: rest)
            position = chunk.count
        }
        guard sawAny else { return false }
        lineNumber += 1
        if line.last == 0x0D { line.removeLast() }
        return true
    }
}
