import Foundation

/// A fresh path for a test database in its own temporary directory.
public enum TemporaryDatabase {
    public static func path(_ name: String = "test.db") throws -> String {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("insights-db-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent(name).path
    }
}
