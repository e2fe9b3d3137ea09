/// Accuracy measures used by the numerical reference tests.
public enum Accuracy {
    /// The log relative error of `computed` against `reference`: roughly the number of
    /// significant digits that agree, capped at 15 (NIST StRD's definition). When the
    /// reference is zero the log absolute error is returned instead.
    public static func lre(_ computed: Double, _ reference: Double) -> Double {
        if computed == reference { return 15 }
        guard computed.isFinite else { return 0 }
        let error = reference == 0 ? abs(computed) : abs(computed - reference) / abs(reference)
        return min(15, max(0, -log10(error)))
    }

    /// NIST's acceptance rule used throughout the reference tests: at least `digits`
    /// agreeing significant digits, or, where the certified value is exactly 0, an
    /// absolute error below 1e-9.
    public static func agrees(_ computed: Double, _ certified: Double, digits: Double) -> Bool {
        certified == 0 ? abs(computed) < 1e-9 : lre(computed, certified) >= digits
    }

    /// The relative difference `|a - b| / max(|b|, tiny)`.
    public static func relativeError(_ computed: Double, _ reference: Double) -> Double {
        if computed == reference { return 0 }
        return abs(computed - reference) / max(abs(reference), Double.leastNormalMagnitude)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
