/// How urgently a recommendation asks for attention, ordered `info < warning < critical`.
public enum Severity: String, Sendable, Comparable, CaseIterable {
    /// Worth knowing; nothing breaks if it waits.
    case info
    /// Needs attention within working hours.
    case warning
    /// Needs attention now.
    case critical

    /// The factor severity contributes to the ranking score: 1, 3, 9 (each level outweighs the
    /// one below even at a third of its confidence × impact).
    public var weight: Double {
        switch self {
        case .info: 1
        case .warning: 3
        case .critical: 9
        }
    }

    private var order: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .critical: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.order < rhs.order }
}
