import Foundation

/// A metric's unit, read from its name by Prometheus's naming conventions
/// (`…_seconds`, `…_bytes`, `…_ratio`, `…_percent`, `…_per_second`; the suffixes `_total`,
/// `_count`, `_sum`, `_bucket` and a quantile suffix such as `_p95` are looked through),
/// and how the tables show a value in it: scaled to a readable prefix with four significant
/// digits (`0.1151` seconds → `115.1 ms`, `3.5e9` bytes → `3.26 GiB`, a ratio as a percentage).
/// JSON and CSV always carry the raw number in the metric's own unit.
public struct MetricUnit: Sendable, Hashable {
    public enum Base: Sendable, Hashable { case none, seconds, bytes, ratio, percent }
    public let base: Base
    /// A rate of the base unit (`…_per_second`).
    public let perSecond: Bool

    public static let none = MetricUnit(base: .none, perSecond: false)

    /// The unit of the metric named at the start of `series` (`name{labels}` or a bare name).
    public init(series: String) {
        var words = series.prefix { $0 != "{" }.split(separator: "_").map(String.init)
        while let last = words.last, ["total", "count", "sum", "bucket"].contains(last)
                || (last.first == "p" && last.count > 1 && last.dropFirst().allSatisfy(\.isNumber)) {
            words.removeLast()
        }
        var perSecond = false
        if words.count >= 2, words.suffix(2) == ["per", "second"] {
            perSecond = true
            words.removeLast(2)
        }
        let base: Base = switch words.last {
        case "seconds": .seconds
        case "bytes": .bytes
        case "ratio": .ratio
        case "percent": .percent
        default: .none
        }
        self.init(base: base, perSecond: perSecond)
    }

    public init(base: Base, perSecond: Bool) {
        self.base = base
        self.perSecond = perSecond
    }

    /// Whether there is a unit to show.
    public var isKnown: Bool { base != .none || perSecond }

    /// `value` with its unit (`115.1 ms`, `3.26 GiB/s`, `22.8%`, `12.5/s`), signed when
    /// `signed`; nil when the unit is not known (the caller keeps its plain number).
    public func format(_ value: Double, signed: Bool = false) -> String? {
        guard isKnown else { return nil }
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "inf" : "-inf") }
        var (scaled, unit) = (value, "")
        switch base {
        case .none: break
        case .ratio: (scaled, unit) = (value * 100, "%")
        case .percent: unit = "%"
        case .seconds: (scaled, unit) = Self.duration(value)
        case .bytes: (scaled, unit) = Self.binary(value)
        }
        if perSecond { unit += "/s" }
        let number = String(format: signed ? "%+.4g" : "%.4g", scaled)
        return number + (unit.hasPrefix("%") || unit.hasPrefix("/") ? "" : " ") + unit
    }

    /// How a chart's value axis shows this unit for values up to `magnitude`: the data are
    /// divided by `divisor` (one prefix for the whole axis, chosen as the tables choose it for
    /// the largest value) and each tick label gets `suffix`. Nil when the unit is not known.
    public func axisScale(magnitude: Double) -> (divisor: Double, suffix: String)? {
        guard isKnown else { return nil }
        var (divisor, unit) = (1.0, "")
        switch base {
        case .none: break
        case .ratio: (divisor, unit) = (0.01, "%")
        case .percent: unit = "%"
        case .seconds: (divisor, unit) = Self.durationUnit(magnitude)
        case .bytes: (divisor, unit) = Self.binaryUnit(magnitude)
        }
        if perSecond { unit += "/s" }
        return (divisor, unit.hasPrefix("%") || unit.hasPrefix("/") ? unit : " " + unit)
    }

    /// Seconds in ns, µs, ms, s, min, h or d, whichever keeps 1 ≤ |value| < 1000 (or the nearest).
    /// (A minute, hour or day is used from two of them on, so 90 s stays `90 s`.)
    private static func duration(_ seconds: Double) -> (Double, String) {
        let (size, name) = durationUnit(seconds)
        return (seconds / size, name)
    }

    /// The duration unit `duration` writes `seconds` in, and its size in seconds.
    private static func durationUnit(_ seconds: Double) -> (size: Double, name: String) {
        let magnitude = abs(seconds)
        for (size, name, from) in [(86_400.0, "d", 2 * 86_400.0), (3600, "h", 7200), (60, "min", 120), (1, "s", 1),
                                   (1e-3, "ms", 1e-3), (1e-6, "µs", 1e-6)] where magnitude >= from {
            return (size, name)
        }
        return magnitude == 0 ? (1, "s") : (1e-9, "ns")
    }

    /// Bytes in B, KiB, MiB, GiB, TiB or PiB (powers of 1024).
    private static func binary(_ bytes: Double) -> (Double, String) {
        let (size, name) = binaryUnit(bytes)
        return (bytes / size, name)
    }

    /// The binary unit `binary` writes `bytes` in, and its size in bytes.
    private static func binaryUnit(_ bytes: Double) -> (size: Double, name: String) {
        var size = 1.0
        for name in ["B", "KiB", "MiB", "GiB", "TiB"] {
            if abs(bytes) < 1024 * size { return (size, name) }
            size *= 1024
        }
        return (size, "PiB")
    }
}
