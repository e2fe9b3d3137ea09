import Foundation

/// Expected outputs kept as files under `Tests/<Target>/Snapshots/`.
///
/// A snapshot is re-recorded only on purpose: run the tests with
/// `INSIGHTS_RECORD_SNAPSHOTS=1`, then review the diff before committing.
public enum Snapshot {
    /// Compares `actual` with the stored snapshot `name`; returns nil when they match, else a diff summary.
    /// When recording, writes `actual` and returns nil.
    public static func check(_ actual: String, named name: String, target: String) throws -> String? {
        let url = SharedData.projectRoot
            .appendingPathComponent("Tests/\(target)/Snapshots/\(name)")
        if ProcessInfo.processInfo.environment["INSIGHTS_RECORD_SNAPSHOTS"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return nil
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            return "no snapshot at \(url.path); record it with INSIGHTS_RECORD_SNAPSHOTS=1"
        }
        if expected == actual { return nil }
        let expectedLines = expected.components(separatedBy: "\n")
        let actualLines = actual.components(separatedBy: "\n")
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let left = index < expectedLines.count ? expectedLines[index] : "<end>"
            let right = index < actualLines.count ? actualLines[index] : "<end>"
            if left != right { return "line \(index + 1):\n  expected: \(left)\n  actual:   \(right)" }
        }
        return "outputs differ"
    }
}
