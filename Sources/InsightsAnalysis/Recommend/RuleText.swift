import InsightsNumerics

/// Text helpers shared by the rules: times and durations as people and the shell read them.
enum RuleText {
    /// `2026-01-05T00:00:00Z` for a time in nanoseconds since the epoch (UTC, whole seconds).
    static func iso8601(_ nanoseconds: Int64) -> String {
        let seconds = nanoseconds >= 0 ? nanoseconds / 1_000_000_000 : (nanoseconds - 999_999_999) / 1_000_000_000
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        let date = CivilCalendar.date(days: days)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let year = String(date.year)
        return "\(String(repeating: "0", count: max(0, 4 - year.count)))\(year)-\(two(date.month))-\(two(date.day))T"
            + "\(two(rest / 3600)):\(two(rest % 3600 / 60)):\(two(rest % 60))Z"
    }

    /// A span in hours as `45 min`, `7.5 h` or `4.2 days`.
    static func duration(hours: Double) -> String {
        if hours < 1 { return "\(Int((hours * 60).rounded())) min" }
        if hours < 48 { return "\(decimal(hours)) h" }
        return "\(decimal(hours / 24)) days"
    }

    /// The same unit as ``duration(hours:)`` picks for `reference`, number only.
    static func duration(hours: Double, like reference: Double) -> String {
        if reference < 1 { return "\(Int((hours * 60).rounded()))" }
        if reference < 48 { return decimal(hours) }
        return decimal(hours / 24)
    }

    /// The unit ``duration(hours:like:)`` uses for `reference`: `min`, `h` or `days`.
    static func durationUnit(like reference: Double) -> String {
        reference < 1 ? "min" : reference < 48 ? "h" : "days"
    }

    /// One decimal, or none from 100 on.
    static func decimal(_ value: Double) -> String {
        if abs(value) >= 100 { return String(Int(value.rounded())) }
        let tenths = (value * 10).rounded() / 10
        return tenths == tenths.rounded() ? "\(Int(tenths)).0" : "\(tenths)"
    }

    /// A probability as `0.95`.
    static func probability(_ p: Double) -> String {
        let hundredths = Int((p * 100).rounded())
        return hundredths >= 100 ? "1.00" : "0.\(hundredths < 10 ? "0" : "")\(hundredths)"
    }

    /// `p < 0.001` below 0.001, else `p = 0.0123` (for `name` p, q, …).
    static func significance(_ name: String, _ value: Double) -> String {
        value < 0.001 ? "\(name) < 0.001" : "\(name) = \(number(value))"
    }

    /// A value with up to 4 significant digits, no exponent for ordinary magnitudes.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        var digits = 4
        var magnitude = abs(value)
        while magnitude >= 10 && digits > 0 { magnitude /= 10; digits -= 1 }
        while magnitude < 1 && digits < 12 { magnitude *= 10; digits += 1 }
        let scale = pow10(digits - 1)
        let rounded = (value * scale).rounded() / scale
        return "\(rounded)"
    }

    private static func pow10(_ n: Int) -> Double {
        var result = 1.0
        for _ in 0..<max(n, 0) { result *= 10 }
        return result
    }
}

extension RuleContext {
    /// The seasonal periods for forecasting a series (as `insights forecast` chooses them): those
    /// `Seasonality.detect` confirms among the calendar periods of the step, else the shortest
    /// calendar period the data covers twice, else none.
    func forecastPeriods(_ values: [Double]) -> [Int] {
        if let detected = try? Seasonality.detect(values, step: .nanoseconds(step)), !detected.isEmpty {
            return detected.map(\.period)
        }
        let candidates = Seasonality.candidatePeriods(step: .nanoseconds(step)).filter { $0 >= 2 && values.count >= 2 * $0 }
        return candidates.min().map { [$0] } ?? []
    }

    /// The shell's time-window clauses for the analysed history: `from T to T step S`.
    var historyClauses: String {
        "from \(RuleText.iso8601(start)) to \(RuleText.iso8601(timestamp(at: max(count - 1, 0)))) step \(stepText)"
    }

    /// The step as a duration the shell reads (`15m`, `1h`, `30s`).
    var stepText: String {
        let seconds = step / 1_000_000_000
        if seconds % 86_400 == 0 { return "\(seconds / 86_400)d" }
        if seconds % 3600 == 0 { return "\(seconds / 3600)h" }
        if seconds % 60 == 0 { return "\(seconds / 60)m" }
        return "\(max(seconds, 1))s"
    }
}
