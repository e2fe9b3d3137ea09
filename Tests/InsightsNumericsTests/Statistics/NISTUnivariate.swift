import TestSupport

/// One NIST StRD univariate summary-statistics set, as stored in
/// `../shared/data/nist-strd/univariate/<Name>.json` (see that folder's README).
struct NISTUnivariate: Decodable, Sendable {
    struct Certified: Decodable, Sendable {
        let mean: Double
        let stdDev: Double
        let autocorrLag1: Double

        enum CodingKeys: String, CodingKey {
            case mean
            case stdDev = "std_dev"
            case autocorrLag1 = "autocorr_lag1"
        }
    }

    let name: String
    let y: [Double]
    let certified: Certified

    static func load(_ name: String) throws -> NISTUnivariate {
        try SharedData.decode(NISTUnivariate.self, from: "nist-strd/univariate/\(name).json")
    }
}
