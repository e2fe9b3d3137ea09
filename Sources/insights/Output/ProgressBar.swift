import Foundation
import InsightsStorage

/// A one-line progress display on standard error, only when it is a terminal.
///
/// Shows the share of the file read and the records stored, redrawn at most ten times a
/// second; `clear` erases it before the command prints its summary.
final class ProgressBar {
    let progress = IngestProgress()
    private let file: String
    private let size: Int
    private let start = Date()
    private var lastDraw = Date.distantPast

    /// Nil when standard error is not a terminal or the file size is unknown.
    init?(file: String) {
        guard isatty(STDERR_FILENO) == 1,
              let attributes = try? FileManager.default.attributesOfItem(atPath: file),
              let size = attributes[.size] as? Int, size > 0 else { return nil }
        self.file = file
        self.size = size
    }

    func update(records: Int) {
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let fraction = min(1, Double(progress.bytesRead) / Double(size))
        let width = 24
        let filled = Int(fraction * Double(width))
        let rate = Double(records) / max(now.timeIntervalSince(start), 1e-3)
        let line = "\r\(URL(fileURLWithPath: file).lastPathComponent) ["
            + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
            + String(format: "] %3.0f%%  %d records  %.0fk/s", fraction * 100, records, rate / 1000)
        FileHandle.standardError.write(Data(line.utf8))
    }

    func clear() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
