import Foundation

/// Locates the reference data that lives beside the project in `../shared/data`.
public enum SharedData {
    /// The project root, found from this file's location (`Tests/TestSupport/`).
    public static let projectRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `../shared/data` relative to the project root.
    public static let root: URL = projectRoot
        .deletingLastPathComponent()
        .appendingPathComponent("shared")
        .appendingPathComponent("data")

    /// The URL of `relativePath` under `../shared/data`.
    public static func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }

    /// Reads and decodes a JSON file under `../shared/data`.
    public static func decode<T: Decodable>(_ type: T.Type, from relativePath: String) throws -> T {
        let data = try Data(contentsOf: url(relativePath))
        return try JSONDecoder().decode(type, from: data)
    }
}
