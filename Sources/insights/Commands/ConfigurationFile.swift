import Foundation
import InsightsAnalysis

/// Finding and reading the configuration file (docs/CONFIG.md): `--config FILE`, else
/// `$INSIGHTS_CONFIG`, else `./insights.toml` when present, else the defaults.
enum ConfigurationFile {
    /// The file in effect, nil for none.
    static func path(explicit: String?) -> String? {
        if let explicit { return explicit }
        if let variable = ProcessInfo.processInfo.environment["INSIGHTS_CONFIG"], !variable.isEmpty { return variable }
        return FileManager.default.fileExists(atPath: "insights.toml") ? "insights.toml" : nil
    }

    /// The configuration in effect.
    /// - Throws: `CommandFailure` with exit code 78 (EX_CONFIG) for a file that cannot be read
    ///   or has an error, rendered `FILE:line:col: error: …` with the line and a caret.
    static func load(explicit: String?) throws -> InsightsConfiguration {
        guard let path = path(explicit: explicit) else { return .defaults }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw CommandFailure(description: "cannot read the configuration file \(path)", exitCode: 78)
        }
        do { return try InsightsConfiguration.parse(text) } catch {
            throw CommandFailure(description: error.rendered(source: text, name: path), exitCode: 78)
        }
    }
}
