import Foundation
import InsightsAnalysis
import InsightsStorage

/// The recommendation rules by name, and how each is made from a run's options: the one list
/// `recommend --rules` (and anything repeating a run) chooses from.
enum RuleCatalog {
    static let names = ["capacity", "anomaly_incident", "data_quality"]

    /// The rule named `name` (one of ``names``).
    /// - Parameter configuration: The configuration file's settings (capacity limits).
    static func make(_ name: String, options: RecommendOptions,
                     configuration: InsightsConfiguration = .defaults) -> any RecommendationRule {
        switch name {
        case "capacity":
            return CapacityRule(horizon: DurationText.nanoseconds(options.horizon)!,
                                workers: ProcessInfo.processInfo.activeProcessorCount, limits: configuration.capacity)
        case "anomaly_incident": return AnomalyIncidentRule()
        case "data_quality": return DataQualityRule()
        default: preconditionFailure("unknown rule '\(name)' passed validation")
        }
    }
}
