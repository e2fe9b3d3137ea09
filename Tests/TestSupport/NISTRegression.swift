/// A NIST StRD linear-regression problem as stored in `../shared/data/nist-strd/<Name>.json`.
public struct NISTRegression: Decodable, Sendable {
    public struct Certified: Decodable, Sendable {
        public let coefficients: [Double]
        public let std_errors: [Double]
        public let residual_sd: Double
        public let r_squared: Double
    }

    public let name: String
    public let intercept: Bool
    public let degree: Int?
    public let predictors: [String]
    public let x: [[Double]]
    public let y: [Double]
    public let certified: Certified

    /// The problems in `../shared/data/nist-strd` with the significant digits the
    /// project requires of coefficients, standard errors, residual SD and R²: 9 for the
    /// lower- and average-difficulty sets, 7 for the Wampler polynomials.
    public static let problemsWithRequiredDigits: [(name: String, digits: Double)] = [
        ("Norris", 9), ("Pontius", 9), ("NoInt1", 9), ("NoInt2", 9), ("Longley", 9),
        ("Wampler1", 7), ("Wampler2", 7), ("Wampler3", 7), ("Wampler4", 7),
    ]

    /// Loads `nist-strd/<name>.json`.
    public static func load(_ name: String) throws -> NISTRegression {
        try SharedData.decode(NISTRegression.self, from: "nist-strd/\(name).json")
    }

    /// The design columns in certified-coefficient order: `1, x, …, x^d` for a
    /// polynomial, `1, x1, …` otherwise; no constant column for NoInt1/NoInt2.
    public var designColumns: [[Double]] {
        var columns: [[Double]] = []
        if intercept { columns.append([Double](repeating: 1, count: y.count)) }
        if let degree {
            let base = x.map { $0[0] }
            for power in 1...degree {
                columns.append(base.map { value in (0..<power).reduce(1.0) { product, _ in product * value } })
            }
        } else {
            for j in predictors.indices { columns.append(x.map { $0[j] }) }
        }
        return columns
    }
}
