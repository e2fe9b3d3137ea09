/// Summary statistics of numbers given as decimal text, computed without rounding the inputs
/// first.
///
/// ## Why
/// ``Statistics`` works on `Double`s, and converting decimal text such as `10000000.1` to
/// binary64 rounds it by up to half an ulp (≈ 9e-10 here). When that rounding is not small
/// against the *spread* of the data, it limits every statistic computed afterwards, however
/// careful the algorithm: on NIST StRD's NumAcc4 (values 10000000.1 … 10000000.3) the exact
/// standard deviation of the rounded values agrees with the certified one to only 8.25 digits.
/// This type starts from the text, as a CSV or JSON reader has it, instead.
///
/// ## Method
/// Each value is read exactly as an integer significand and a power of ten, and all are brought
/// to the smallest power of ten among them, 10^*e*, giving integers *Xᵢ* with *xᵢ = Xᵢ·10^e*.
/// An *assumed mean* *c* is subtracted from every value in exact integer arithmetic, and only the
/// deviations *Dᵢ = Xᵢ − c* are converted to `Double`, each correctly rounded (and exactly, when
/// *|Dᵢ| ≤ 2⁵³*). Shifting the data by a constant is the classical remedy for cancellation in
/// the variance (T. F. Chan, G. H. Golub and R. J. LeVeque, "Algorithms for computing the sample
/// variance: analysis and recommendations", *The American Statistician* 37 (1983), 242–247, §2);
/// here the shift is done before any rounding, so it removes the representation error as well.
///
/// - *c* is ⌊x̄⌋ in units of 10^*e*: the exact mean truncated to the data's decimal places,
///   found with exact integer arithmetic. The deviations are then as small as an integer shift can
///   make them, and Σ*Dᵢ* = *r* with 0 ≤ *r* < *n*.
/// - ``mean`` = 10^*e*·(*c* + *r*/*n*) is formed in decimal and converted once, so it is the
///   correctly rounded exact mean (see ``mean`` for the one caveat).
/// - Variance, standard deviation and autocorrelations are ``Statistics``' corrected two-pass and
///   direct algorithms applied to the *Dᵢ*: they do not change under a shift, the
///   autocorrelations not under a scaling either, and the variance and standard deviation are
///   scaled back by 10^2*e* and 10^*e* at the end.
///
/// ## Limits
/// The values must fit in ``maximumDigits`` (37) decimal digits *at a common exponent*: the
/// distance in digits from the highest leading digit to the lowest last digit over the whole
/// sample. `1000000000.1` and `0.05` need 12; `1e30` with `1e-10` needs 41 and is rejected.
/// (37 digits is what `Int128` holds with room for the deviations.) Powers of ten beyond
/// ±``maximumExponent`` are rejected as well. Deviations above 2⁵³ in units of the last place
/// are rounded once on conversion, which still costs far less than rounding the values.
///
/// Missing values are not supported: a NaN or an empty field is not a decimal number. Drop or
/// fill them before building the sample, as with ``Statistics/autocorrelation(_:lag:)``.
public struct DecimalSample: Sendable {
    /// The most decimal digits the values may span at a common exponent.
    public static let maximumDigits = 37
    /// The largest magnitude of a value's power of ten (`1e-10000` is accepted, `1e-10001` not).
    public static let maximumExponent = 10_000

    /// The number of values.
    public let count: Int

    /// The arithmetic mean, correctly rounded to `Double`.
    ///
    /// The exact mean *c* + *r*/*n* is written out as a decimal to 40 significant digits, with
    /// a final `1` appended when the expansion goes on (so the text lies strictly between the
    /// same two 40-digit neighbours as the exact mean), and converted once by the standard
    /// library's correctly rounded decimal conversion. The result is therefore the correctly
    /// rounded mean unless a point halfway between two `Double`s lies within one unit of the
    /// 40th significant digit of the exact mean; then it may be the other neighbour, one ulp away.
    /// NaN for no values.
    public let mean: Double

    /// *xᵢ − c* in units of 10^``exponent``, each correctly rounded.
    let deviations: [Double]
    /// The common power of ten of the deviations.
    let exponent: Int

    /// Reads the values exactly and prepares their statistics.
    ///
    /// Each value must be a plain decimal number: an optional sign, digits with at most one
    /// decimal point (`-12.345`, `.5` and `760.` are fine, `.` is not) and an optional exponent
    /// (`1e-3`, `2.5E+4`). Blanks, thousands separators, `nan`, `inf` and hexadecimal are
    /// rejected; trim fields before passing them.
    ///
    /// - Parameter values: The numbers' texts, in order (the order matters for the
    ///   autocorrelations).
    /// - Throws: ``DecimalSampleError`` naming the first value that is not a plain decimal number,
    ///   has a power of ten beyond ±``maximumExponent``, or makes the sample span more than
    ///   ``maximumDigits`` digits.
    /// - Complexity: O(*n*) time; O(*n*) memory, about 50 bytes per value while reading and 8
    ///   bytes per value kept.
    public init<Texts: Sequence>(_ values: Texts) throws(DecimalSampleError) where Texts.Element: StringProtocol {
        var parsed: [ExactDecimal] = []
        parsed.reserveCapacity(values.underestimatedCount)
        var span = DigitSpan()
        for (index, text) in values.enumerated() {
            let value = try ExactDecimal(parsing: text, index: index)
            try span.include(value, index: index, text: text)
            parsed.append(value)
        }
        count = parsed.count
        guard !parsed.isEmpty else {
            mean = .nan
            deviations = []
            exponent = 0
            return
        }

        // All zeros leave the span empty; any exponent will do then.
        exponent = span.lowestExponent == .max ? 0 : span.lowestExponent
        let commonExponent = exponent
        // |X| < 10^maximumDigits, so every X, c and X − c below fits in Int128 (±1.7e38).
        let scaled = parsed.map { value in
            value.digits == 0 ? 0 : value.significand * Self.powerOfTen(value.exponent - commonExponent)
        }
        parsed = []

        let (shift, remainder) = Self.floorOfMean(scaled)
        mean = Self.correctlyRounded(
            shift, plus: remainder, over: Int128(count), timesPowerOfTen: exponent)
        deviations = scaled.map { Self.correctlyRounded($0 - shift) }
    }

    /// The variance, with the sample (`n − 1`, the default) or population (`n`) denominator.
    ///
    /// Method: ``Statistics/variance(_:denominator:nanPolicy:)`` (corrected two-pass, Chan,
    /// Golub & LeVeque eq. 1.7) on the exact deviations from the assumed mean, multiplied by
    /// 10^2*e*. That scaling is one rounding when |2*e*| ≤ 22, one per factor 10²² beyond.
    ///
    /// - Parameter denominator: `.sample` (`n − 1`) or `.population` (`n`).
    /// - Returns: The variance; NaN for no values, and for one value with `.sample`.
    /// - Complexity: O(*n*).
    public func variance(denominator: Statistics.VarianceDenominator = .sample) -> Double {
        Self.scale(Statistics.variance(deviations, denominator: denominator), byPowerOfTen: 2 * exponent)
    }

    /// The standard deviation, with the sample (`n − 1`, the default) or population (`n`)
    /// denominator.
    ///
    /// Method: the square root of the variance of the exact deviations, as in
    /// ``variance(denominator:)``, multiplied by 10^*e* (one rounding when |*e*| ≤ 22). With
    /// `.sample` this is the standard deviation NIST StRD certifies.
    ///
    /// - Parameter denominator: `.sample` (`n − 1`) or `.population` (`n`).
    /// - Returns: The standard deviation; NaN where the variance is NaN.
    /// - Complexity: O(*n*).
    public func standardDeviation(denominator: Statistics.VarianceDenominator = .sample) -> Double {
        Self.scale(Statistics.standardDeviation(deviations, denominator: denominator), byPowerOfTen: exponent)
    }

    /// The lag-`lag` sample autocorrelation of the values in their given order.
    ///
    /// Method: ``Statistics/autocorrelation(_:lag:)`` (Box & Jenkins' biased estimator, NIST's
    /// r(1)) on the exact deviations, which it does not distinguish from the values: the estimator
    /// is invariant under shifting and scaling.
    ///
    /// - Parameter lag: The lag *k* ≥ 0; a negative lag stops execution.
    /// - Returns: *r(k)*: 1 for `lag == 0` and 0 for `lag >= count` given values that are not
    ///   all equal; NaN for no values or all equal values.
    /// - Complexity: O(*n*).
    public func autocorrelation(lag: Int) -> Double {
        Statistics.autocorrelation(deviations, lag: lag)
    }

    /// The sample autocorrelations at lags `0...maxLag`; see ``autocorrelation(lag:)``.
    ///
    /// - Parameter maxLag: The largest lag, ≥ 0; a negative one stops execution.
    /// - Returns: `[r(0), r(1), …, r(maxLag)]`; all NaN for no values or all equal values.
    /// - Complexity: O(*n* · `maxLag`).
    public func autocorrelations(maxLag: Int) -> [Double] {
        Statistics.autocorrelations(deviations, maxLag: maxLag)
    }
}

extension DecimalSample {
    /// The exact mean of `values` as ⌊mean⌋ + `remainder`/`n`, with 0 ≤ `remainder` < `n`.
    ///
    /// Sums quotients and remainders by `n` separately, so no partial sum exceeds the largest
    /// magnitude in `values` (plus one) and nothing overflows. `values` must not be empty.
    static func floorOfMean(_ values: [Int128]) -> (floor: Int128, remainder: Int128) {
        let n = Int128(values.count)
        var quotient: Int128 = 0
        var remainder: Int128 = 0
        for value in values {
            quotient += value / n
            remainder += value % n  // In (−n, n), so one correction restores 0..<n.
            if remainder >= n {
                remainder -= n
                quotient += 1
            } else if remainder < 0 {
                remainder += n
                quotient -= 1
            }
        }
        return (quotient, remainder)
    }

    /// (`whole` + `numerator`/`denominator`) · 10^`exponent`, correctly rounded but for the
    /// 40-digit caveat in ``mean``. Needs 0 ≤ `numerator` < `denominator`.
    static func correctlyRounded(
        _ whole: Int128, plus numerator: Int128, over denominator: Int128, timesPowerOfTen exponent: Int
    ) -> Double {
        // Sign and magnitude: for whole < 0 the value is −((−whole − 1) + (denominator − numerator)/denominator).
        let negative = whole < 0
        var integerPart = whole
        var fraction = numerator
        if negative {
            integerPart = numerator == 0 ? -whole : -whole - 1
            fraction = numerator == 0 ? 0 : denominator - numerator
        }
        var text = negative ? "-" : ""
        text += String(integerPart)
        var significantDigits = integerPart == 0 ? 0 : text.count - (negative ? 1 : 0)
        if fraction != 0 { text += "." }
        while fraction != 0, significantDigits < 40 {
            fraction *= 10  // fraction < denominator = n, so this cannot overflow.
            let digit = fraction / denominator
            fraction %= denominator
            text.append(Character(Unicode.Scalar(UInt8(ascii: "0") + UInt8(digit))))
            if significantDigits > 0 || digit != 0 { significantDigits += 1 }
        }
        if fraction != 0 { text += "1" }
        text += "e\(exponent)"
        guard let value = Double(text) else {
            preconditionFailure("internal error: '\(text)' is not a decimal number")
        }
        return value
    }

    /// `value` correctly rounded to a `Double`.
    ///
    /// Values that fit in `Int64` (every deviation of the NIST sets) take the one-instruction
    /// conversion; the generic `Int128` one tripled the time of the whole initialiser
    /// (measured in `docs/STATISTICS.md`).
    static func correctlyRounded(_ value: Int128) -> Double {
        if value >= Int128(Int64.min), value <= Int128(Int64.max) {
            return Double(Int64(truncatingIfNeeded: value))
        }
        return Double(value)
    }

    /// `x` · 10^`power`, with one rounding when |`power`| ≤ 22 (10²² is the largest power of ten
    /// a `Double` holds exactly) and one more per further factor of 10²².
    static func scale(_ x: Double, byPowerOfTen power: Int) -> Double {
        var x = x
        var power = power
        while power > 22, x.isFinite, x != 0 {
            x *= 1e22
            power -= 22
        }
        while power < -22, x.isFinite, x != 0 {
            x /= 1e22
            power += 22
        }
        guard x.isFinite, x != 0, power != 0 else { return x }
        var factor = 1.0
        for _ in 0..<abs(power) { factor *= 10 }  // Exact: 10^k = 2^k·5^k and 5^22 < 2^53.
        return power > 0 ? x * factor : x / factor
    }
}
