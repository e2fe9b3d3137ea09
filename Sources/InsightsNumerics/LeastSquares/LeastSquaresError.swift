/// Why a least-squares problem cannot be solved as posed.
public struct LeastSquaresError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One design column that is an exact linear combination of others.
    public struct Alias: Sendable, Equatable {
        /// The aliased column's name.
        public let term: String
        /// The columns it is a combination of, with their coefficients.
        public let combination: [(term: String, coefficient: Double)]

        public static func == (lhs: Alias, rhs: Alias) -> Bool {
            lhs.term == rhs.term && lhs.combination.map(\.term) == rhs.combination.map(\.term)
                && lhs.combination.map(\.coefficient) == rhs.combination.map(\.coefficient)
        }
    }

    enum Code: Sendable, Equatable {
        case underdetermined
        case collinear
        case nonFinite
        case noResidualDegreesOfFreedom
    }

    let code: Code
    /// A one-line, lowercase explanation naming what is wrong.
    public let message: String
    /// For a collinear design, the columns that had to be dropped, each with its combination.
    public let aliases: [Alias]

    public var description: String { message }

    /// True when the design's columns are exactly linearly dependent.
    public var isCollinear: Bool { code == .collinear }

    static func underdetermined(rows: Int, columns: Int) -> Self {
        .init(code: .underdetermined,
              message: "need at least as many observations as terms: \(rows) rows for \(columns) terms",
              aliases: [])
    }

    static func collinear(_ aliases: [Alias]) -> Self {
        let parts = aliases.map { alias in
            let combination = alias.combination.map { "\(formatCoefficient($0.coefficient))·\($0.term)" }
            return "'\(alias.term)' = " + (combination.isEmpty ? "0" : combination.joined(separator: " + "))
        }
        return .init(code: .collinear,
                     message: "design is exactly collinear: " + parts.joined(separator: "; "),
                     aliases: aliases)
    }

    static func noResidualDegreesOfFreedom(rows: Int, columns: Int) -> Self {
        .init(code: .noResidualDegreesOfFreedom,
              message: "standard errors need more observations than terms: \(rows) rows for \(columns) terms",
              aliases: [])
    }

    static func nonFinite(what: String, row: Int, column: String) -> Self {
        .init(code: .nonFinite,
              message: "\(what) is not finite at row \(row + 1), column '\(column)'",
              aliases: [])
    }

    private static func formatCoefficient(_ value: Double) -> String {
        let rounded = (value * 1e6).rounded() / 1e6
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
