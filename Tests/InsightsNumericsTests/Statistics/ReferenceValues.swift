import Testing
import TestSupport

/// Reference values for the descriptive statistics, written by
/// `bench/reference/descriptive.py` (numpy `quantile`/`median`, scipy.stats
/// `median_abs_deviation`/`trim_mean`, statsmodels `acf(fft=False)`, and exact rational
/// arithmetic on the binary64 inputs for the mean, variances and autocorrelations). Never
/// values copied from our own output.
struct ReferenceCase: Sendable, CustomTestStringConvertible {
    let name: String
    let quantiles: [Double]
    let median: Double
    let mad: Double
    let madNormal: Double
    let trimmedMeans: [Double]
    let acf: [Double]
    let exactACF: [Double]
    let exactMean: Double
    let exactSampleVariance: Double
    let exactPopulationVariance: Double

    var testDescription: String { name }

    /// The sample the values were computed from.
    var sample: [Double] {
        get throws {
            switch name {
            case "small": return ReferenceSamples.small
            case "even": return ReferenceSamples.even
            case "lcg257": return ReferenceSamples.lcgSample(count: 257, seed: 20240611)
            default: return try NISTUnivariate.load(name).y
            }
        }
    }
}

enum ReferenceSamples {
    static let small: [Double] = [3.1, -2.7, 0.5, 8.25, 3.1, 1e-3, -11.0, 4.4, 7.0, 2.2, 0.0]
    static let even: [Double] = [10.5, -3.25, 7.0, 7.0, 1.0e6, 2.5, -0.125, 42.0, 3.0, 0.75]
    static let probabilities: [Double] = [0.0, 0.01, 0.1, 0.25, 1.0 / 3.0, 0.5, 0.6, 0.75, 0.9, 0.99, 1.0]
    static let proportionsToCut: [Double] = [0.0, 0.1, 0.2, 0.25, 0.3, 0.45]
    static let maxLag = 10

    /// A heavy-tailed sample regenerated bit for bit as `lcg_sample` in
    /// `bench/reference/descriptive.py`: integer LCG steps, then correctly rounded operations.
    static func lcgSample(count: Int, seed: UInt64) -> [Double] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let u = Double(state >> 11) * 0x1p-53
            let v = u * 200.0 - 100.0
            return v * v * v / 1e4
        }
    }

    // Source: bench/reference/descriptive.py, output pasted verbatim:
    // numpy 2.4.6, scipy 1.17.1, statsmodels 0.15.0
    // ps = [0.0, 0.01, 0.1, 0.25, 0.3333333333333333, 0.5, 0.6, 0.75, 0.9, 0.99, 1.0]
    // proportionsToCut = [0.0, 0.1, 0.2, 0.25, 0.3, 0.45]; maxLag = 10
    static let cases: [ReferenceCase] = [
        ReferenceCase(name: "small",  // n = 11
                      quantiles: [-11.0, -10.17, -2.7, 0.0005, 0.1673333333333332, 2.2, 3.1, 3.75, 7.0, 8.125, 8.25],
                      median: 2.2,
                      mad: 2.2,
                      madNormal: 3.2617248807123245,
                      trimmedMeans: [1.350090909090909, 1.9556666666666667, 1.9001428571428571, 1.9001428571428571, 1.7802, 1.9333333333333336],
                      acf: [1.0, 0.0003139217836834015, -0.5233542791473916, -0.3568397860044356, 0.24345587266177932, 0.3247844566142414, -0.1311106108947239, -0.10255177294223096, 0.028227137816609873, 0.025858627592787915, -0.008783567480319868],
                      exactACF: [1.0, 0.0003139217836833936, -0.5233542791473915, -0.3568397860044356, 0.24345587266177932, 0.32478445661424143, -0.13111061089472392, -0.10255177294223096, 0.028227137816609873, 0.025858627592787915, -0.008783567480319868],
                      exactMean: 1.3500909090909092, exactSampleVariance: 26.89723009090909,
                      exactPopulationVariance: 24.4520273553719),
        ReferenceCase(name: "even",  // n = 10
                      quantiles: [-3.25, -2.96875, -0.43749999999999994, 1.1875, 2.5, 5.0, 7.0, 9.625, 100037.79999999964, 910003.7800000001, 1000000.0],
                      median: 5.0,
                      mad: 4.6875,
                      madNormal: 6.949697899245009,
                      trimmedMeans: [100006.9375, 9.078125, 5.125, 5.125, 4.875, 5.0],
                      acf: [1.0, -0.12222925953563321, -0.13334502806310275, -0.14441699019833576, -0.15555710615755278, -0.055563286950317425, 0.04444386523133437, 0.03333180565873796, 0.022224425976884416, 0.011111574037985161],
                      exactACF: [1.0, -0.12222925953563321, -0.13334502806310275, -0.14441699019833576, -0.15555710615755278, -0.05556328695031742, 0.04444386523133437, 0.033331805658737966, 0.022224425976884416, 0.01111157403798516, 0.0],
                      exactMean: 100006.9375, exactSampleVariance: 99998458501.92795,
                      exactPopulationVariance: 89998612651.73515),
        ReferenceCase(name: "lcg257",  // n = 257
                      quantiles: [-99.95084428072575, -94.59368717733649, -52.61354433762543, -12.107817530107281, -4.564078115065852, 0.016791932896681024, 3.2670384336854794, 19.06053637973866, 55.69914429121095, 93.37215170387435, 97.48045058785372],
                      median: 0.016791932896681024,
                      mad: 15.59623460527678,
                      madNormal: 23.123012026117195,
                      trimmedMeans: [1.4853509105002554, 2.0271087490498982, 1.8436980223303903, 1.397674618255147, 1.114802331677151, 0.07653005273715258],
                      acf: [1.0, -0.028639049098997105, -0.02376471279449951, 0.019581676716326664, -0.059123693780441786, 0.0315159358867266, 0.03394098596856958, -0.04109226479591661, -0.006772291770063506, 0.04298357704503469, 0.021971586263423104],
                      exactACF: [1.0, -0.02863904909899713, -0.023764712794499505, 0.019581676716326678, -0.059123693780441786, 0.03151593588672661, 0.03394098596856959, -0.0410922647959166, -0.0067722917700635075, 0.042983577045034714, 0.021971586263423097],
                      exactMean: 1.485350910500255, exactSampleVariance: 1596.164792883098,
                      exactPopulationVariance: 1589.9540349341364),
        ReferenceCase(name: "Michelso",  // n = 100
                      quantiles: [299.62, 299.6497, 299.76, 299.8075, 299.81, 299.85, 299.87, 299.8925, 299.96, 300.0007, 300.07],
                      median: 299.85,
                      mad: 0.044999999999987494,
                      madNormal: 0.06671709983273355,
                      trimmedMeans: [299.8524, 299.85225, 299.8498333333333, 299.849, 299.84925000000004, 299.848],
                      acf: [1.0, 0.5351996686212634, 0.148053279484269, -0.02330860937435574, 0.06853610863010882, 0.03391324608752409, 0.0924841753717899, 0.12965140512340023, 0.17157573168677526, 0.09787995288207865, 0.035607678666175605],
                      exactACF: [1.0, 0.5351996686212636, 0.1480532794842664, -0.02330860937435836, 0.06853610863011193, 0.033913246087530234, 0.09248417537179522, 0.12965140512340526, 0.1715757316867819, 0.09787995288208795, 0.035607678666185756],
                      exactMean: 299.8524, exactSampleVariance: 0.006242666666666492,
                      exactPopulationVariance: 0.0061802399999998274),
        ReferenceCase(name: "Lew",  // n = 200
                      quantiles: [-579.0, -578.01, -554.5, -451.0, -373.33333333333337, -162.0, -45.60000000000001, 93.0, 182.49999999999997, 205.0, 300.0],
                      median: -162.0,
                      mad: 270.5,
                      madNormal: 401.0439001057653,
                      trimmedMeans: [-177.435, -175.64375, -172.425, -171.66, -170.9125, -163.65],
                      acf: [1.0, -0.3073048006056794, -0.7403502661846403, 0.7746892253401176, 0.20515543779639056, -0.8981561079128298, 0.3760637888192542, 0.6328465117785621, -0.7692560699109742, -0.12487082200417728, 0.8245131357128193],
                      exactACF: [1.0, -0.30730480060567944, -0.7403502661846403, 0.7746892253401177, 0.20515543779639062, -0.8981561079128298, 0.3760637888192541, 0.6328465117785621, -0.7692560699109744, -0.1248708220041773, 0.8245131357128194],
                      exactMean: -177.435, exactSampleVariance: 76913.13143216081,
                      exactPopulationVariance: 76528.565775),
    ]
}
