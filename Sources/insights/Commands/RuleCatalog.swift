import Foundation
import InsightsAnalysis
import InsightsQuery
import InsightsStorage

/// The recommendation rules by name, and how each is made from a run's options: the one list
/// `recommend --rules` (and anything repeating a run) chooses from.
enum RuleCatalog {
    /// The names, as the language knows them (its completion offers the same list).
    static let names = Parser.recommendationRules

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
        case "degrading_trend": return DegradingTrendRule()
        case "error_spike": return ErrorSpikeRule()
        case "funnel_drop":
            let steps = options.funnel.map { text in
                let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                return (from: parts[0], to: parts[1])
            }
            return FunnelDropRule(steps: steps)
        case "experiment": return ExperimentRule(metric: options.experimentMetric)
        default: preconditionFailure("unknown rule '\(name)' passed validation")
        }
    }

    /// The event property columns the event rules among `rules` read, or nil when none of them
    /// reads events (then no events are read at all).
    static func eventProperties(of rules: [any RecommendationRule]) -> [String]? {
        var properties: [String] = []
        var any = false
        for rule in rules {
            switch rule {
            case let rule as ErrorSpikeRule: properties += rule.properties; any = true
            case let rule as ExperimentRule: properties += rule.properties; any = true
            case is FunnelDropRule: any = true
            default: continue
            }
        }
        return any ? Array(Set(properties)).sorted() : nil
    }
}
