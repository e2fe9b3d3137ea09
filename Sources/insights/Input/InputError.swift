/// A problem with an input file, located as precisely as the reader knows.
struct InputError: Error, CustomStringConvertible {
    /// `file:line:column: message`, compiler style.
    let description: String
    /// True when the file could not be read at all (as opposed to read and found bad).
    var isUnreadable = false

    static func unreadable(path: String, reason: String) -> Self {
        .init(description: "\(path): cannot read file: \(reason)", isUnreadable: true)
    }

    static func at(path: String, line: Int, column: Int?, _ message: String) -> Self {
        let location = column.map { "\(path):\(line):\($0)" } ?? "\(path):\(line)"
        return .init(description: "\(location): \(message)")
    }
}
