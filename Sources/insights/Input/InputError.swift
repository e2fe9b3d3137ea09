/// A problem with an input file, located as precisely as the reader knows.
struct InputError: Error, CustomStringConvertible {
    /// `file:line:column: message`, compiler style.
    let description: String

    static func unreadable(path: String, reason: String) -> Self {
        .init(description: "\(path): cannot read file: \(reason)")
    }

    static func at(path: String, line: Int, column: Int?, _ message: String) -> Self {
        let location = column.map { "\(path):\(line):\($0)" } ?? "\(path):\(line)"
        return .init(description: "\(location): \(message)")
    }

    static func file(_ path: String, _ message: String) -> Self {
        .init(description: "\(path): \(message)")
    }
}
