import Foundation

/// Scratch files for tests that feed the binary.
public enum TemporaryFiles {
    /// Writes `contents` to a new file in a fresh temporary directory and returns its path.
    public static func write(_ contents: String, name: String = "data.csv") throws -> String {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("insights-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try contents.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }
}
