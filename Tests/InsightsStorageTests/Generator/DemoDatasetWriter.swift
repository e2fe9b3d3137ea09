import Foundation
import InsightsStorage
import Testing

/// Regenerates the committed `datasets/demo/` when `INSIGHTS_WRITE_DEMO=1`:
/// `INSIGHTS_WRITE_DEMO=1 swift test --filter DemoDatasetWriter`.
struct DemoDatasetWriter {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["INSIGHTS_WRITE_DEMO"] == "1"))
    func writeDemoDataset() throws {
        let repository = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let directory = repository.appendingPathComponent("datasets/demo")
        try DatasetGenerator().writeFiles(to: directory)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("metrics.csv").path))
    }
}
