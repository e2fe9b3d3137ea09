import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A loopback HTTP/1.1 server that answers requests with a scripted list of status codes (the
/// last one repeats) and records each request's first line and body: for testing what a client
/// does with 503 or 429. One connection at a time, `Connection: close`.
final class ScriptedHTTPServer: Sendable {
    struct Failure: Error, CustomStringConvertible { let description: String }

    let port: UInt16
    private let listener: Int32
    private let statuses: [Int]
    private let log = Mutex<[(line: String, body: String)]>([])

    init(statuses: [Int]) throws {
        precondition(!statuses.isEmpty, "at least one status")
        self.statuses = statuses
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket() failed: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0 && listen(descriptor, 8) == 0
            }
        }
        guard listening else {
            close(descriptor)
            throw Failure(description: "listening on a loopback port failed: errno \(errno)")
        }
        listener = descriptor
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    /// The requests so far: first line and body.
    var requests: [(line: String, body: String)] { log.withLock { $0 } }

    /// Stops accepting (the serving thread ends on the failed accept).
    func stop() { shutdown(listener, Int32(SHUT_RDWR)); close(listener) }

    private func serve() {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            let request = Self.readRequest(connection)
            let index = log.withLock { entries in
                entries.append(request)
                return entries.count - 1
            }
            let status = statuses[min(index, statuses.count - 1)]
            let response = "HTTP/1.1 \(status) Scripted\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            _ = response.utf8CString.withUnsafeBufferPointer { send(connection, $0.baseAddress, $0.count - 1, 0) }
            close(connection)
        }
    }

    /// Reads the head and a `Content-Length` body.
    private static func readRequest(_ connection: Int32) -> (line: String, body: String) {
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var expected: Int?
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            data.append(contentsOf: buffer[0..<count])
            let text = String(decoding: data, as: UTF8.self)
            guard let headEnd = text.range(of: "\r\n\r\n") else { continue }
            if expected == nil {
                let head = text[..<headEnd.lowerBound].lowercased()
                let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                expected = text.utf8.distance(from: text.utf8.startIndex, to: headEnd.upperBound) + length
            }
            if let expected, data.count >= expected { break }
        }
        let text = String(decoding: data, as: UTF8.self)
        let line = text.split(separator: "\r\n", maxSplits: 1).first.map(String.init) ?? ""
        let body = text.range(of: "\r\n\r\n").map { String(text[$0.upperBound...]) } ?? ""
        return (line, body)
    }
}
