import Foundation

/// Who was in which arm of an experiment, and what they did after: the step from events to
/// the per-arm counts and values the experiment statistics take.
///
/// - Assignment: an actor's variant is the value of the variant property on their exposure
///   events (`$feature_flag_called` with `$feature_flag_response`, or any event and property).
///   Exposure events may be narrowed by conditions on other properties (the flag's name).
///   An actor exposed to more than one variant is left out of every arm and counted as
///   `mixed` (their behaviour cannot be credited to one arm); exposures without the property
///   are ignored.
/// - Outcome: from the actor's first exposure on (inclusive), within `window` after it when
///   given: converted when a metric event happened; the value is the sum of the metric
///   events' numeric `valueProperty` (0 for actors without one, so a mean is per exposed actor).
public struct ExperimentAssignment: Sendable, Equatable {
    /// One arm.
    public struct Arm: Sendable, Equatable {
        /// The variant as its JSON text's plain form (`test`, not `"test"`).
        public let variant: String
        public let exposed: Int
        public let converted: Int
        /// Per exposed actor, the summed value (empty without a value property).
        public let values: [Double]
    }

    /// The arms, sorted by variant.
    public let arms: [Arm]
    /// Actors exposed to more than one variant.
    public let mixed: Int

    /// A condition on an exposure event's property: its JSON text equals `value` as a string
    /// or as a literal (`"99"` matches 99 and "99").
    public struct Condition: Sendable, Equatable {
        public let key: String
        public let value: String

        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    /// Assigns the actors of `log`.
    ///
    /// - Parameters:
    ///   - exposure, metric: Event names.
    ///   - variantProperty: The property holding the variant (a column of `log`).
    ///   - conditions: On exposure events; their keys must be columns of `log`.
    ///   - valueProperty: A column of `log` to sum over metric events, or nil.
    ///   - window: Nanoseconds after the first exposure in which the metric counts (nil: no limit).
    public static func assign(_ log: EventLog, exposure: String, metric: String, variantProperty: String,
                              conditions: [Condition] = [], valueProperty: String? = nil,
                              window: Int64? = nil) -> ExperimentAssignment {
        let exposureID = log.nameID(exposure) ?? -1, metricID = log.nameID(metric) ?? -1
        let variants = log.properties[variantProperty] ?? []
        let conditionColumns = conditions.map { (log.properties[$0.key] ?? [], $0.value) }
        let valueColumn = valueProperty.flatMap { log.properties[$0] }
        struct Outcome: Sendable { var exposed = 0, converted = 0, values: [Double] = [] }
        let partials = log.forEachActorRange { actors in
            var arms: [String: Outcome] = [:]
            var mixed = 0
            for actor in actors {
                let events = log.events(of: actor)
                var variant: String?, first: Int64?, conflicting = false
                for i in events where log.names[i] == exposureID {
                    guard i < variants.count, let value = variants[i],
                          conditionColumns.allSatisfy({ column, wanted in Self.matches(column[i], wanted) }) else { continue }
                    if let variant, variant != value { conflicting = true }
                    variant = variant ?? value
                    first = first ?? log.timestamps[i]
                }
                guard let variant, let first else { continue }
                if conflicting {
                    mixed += 1
                    continue
                }
                var converted = false, total = 0.0
                for i in events where log.names[i] == metricID && log.timestamps[i] >= first
                    && (window.map { log.timestamps[i] - first <= $0 } ?? true) {
                    converted = true
                    if let text = valueColumn?[i] ?? nil, let value = Double(text), value.isFinite { total += value }
                }
                arms[variant, default: Outcome()].exposed += 1
                if converted { arms[variant, default: Outcome()].converted += 1 }
                if valueColumn != nil { arms[variant, default: Outcome()].values.append(total) }
            }
            return (arms, mixed)
        }
        var merged: [String: Outcome] = [:]
        for (arms, _) in partials {
            for (variant, outcome) in arms {
                merged[variant, default: Outcome()].exposed += outcome.exposed
                merged[variant, default: Outcome()].converted += outcome.converted
                merged[variant, default: Outcome()].values += outcome.values
            }
        }
        let arms = merged.map { Arm(variant: EventLog.display($0.key), exposed: $0.value.exposed, converted: $0.value.converted,
                                    values: $0.value.values) }
            .sorted { $0.variant < $1.variant }
        return ExperimentAssignment(arms: arms, mixed: partials.reduce(0) { $0 + $1.1 })
    }

    /// Whether a property's JSON text is `wanted`, as a string or as a literal.
    static func matches(_ json: String?, _ wanted: String) -> Bool {
        guard let json else { return false }
        return json == wanted || EventLog.display(json) == wanted && json.hasPrefix("\"")
    }
}
