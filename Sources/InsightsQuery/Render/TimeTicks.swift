/// How a time axis writes its labels, chosen by the span of the axis (all in UTC).
package enum TimeLabelFormat: Sendable, Equatable {
    /// `HH:MM:SS`, for a span within a day ticked more finely than once a minute.
    case clockSeconds
    /// `HH:MM`, for a span within a day.
    case clock
    /// `MM-DD HH:MM`, for a span within a week.
    case dayClock
    /// `YYYY-MM-DD`, for longer spans.
    case date

    /// The format for an axis spanning `span` nanoseconds (ticked at a minute or more).
    package init(span: Double) {
        let day = 86_400e9
        if span <= day {
            self = .clock
        } else if span <= 7 * day {
            self = .dayClock
        } else {
            self = .date
        }
    }

    /// Characters in every label of this format (for four-digit years).
    package var width: Int {
        switch self {
        case .clockSeconds: 8
        case .clock: 5
        case .dayClock: 11
        case .date: 10
        }
    }

    /// The label of `timestamp` (nanoseconds since the Unix epoch), truncated to the second.
    package func label(_ timestamp: Int64) -> String {
        let seconds = CivilTime.floorDiv(timestamp, 1_000_000_000)
        let day = CivilTime.floorDiv(seconds, 86_400)
        let secondOfDay = seconds - day * 86_400
        let clock = Self.two(secondOfDay / 3600) + ":" + Self.two(secondOfDay % 3600 / 60)
        switch self {
        case .clockSeconds:
            return clock + ":" + Self.two(secondOfDay % 60)
        case .clock:
            return clock
        case .dayClock:
            let date = CivilTime.date(fromDays: day)
            return Self.two(Int64(date.month)) + "-" + Self.two(Int64(date.day)) + " " + clock
        case .date:
            let date = CivilTime.date(fromDays: day)
            let year = String(abs(date.year))
            let padded = String(repeating: "0", count: max(0, 4 - year.count)) + year
            return (date.year < 0 ? "-" : "") + padded + "-" + Self.two(Int64(date.month)) + "-"
                + Self.two(Int64(date.day))
        }
    }

    private static func two(_ value: Int64) -> String {
        value < 10 ? "0" + String(value) : String(value)
    }
}

/// Labelled ticks for a time axis at round UTC times: whole seconds, minutes or hours that
/// divide the day, midnights, Mondays, month starts or year starts.
///
/// Unlike the value axis, the time axis is tight: ticks fall inside the data's span. Of the
/// candidate steps, the finest whose tick count fits the room for labels of its format wins.
package struct TimeTicks: Sendable, Equatable {
    package let format: TimeLabelFormat
    /// Tick times in nanoseconds since the Unix epoch, ascending, within the span.
    package let times: [Int64]
    package let labels: [String]

    /// Ticks within `start…end`; `maxTicks` says how many labels of a format fit the axis.
    ///
    /// A span of zero gives one tick at `start`; a span containing no whole second, or room
    /// for no label, gives none.
    package init(from start: Int64, to end: Int64, maxTicks: (TimeLabelFormat) -> Int) {
        let lower = min(start, end)
        let upper = max(start, end)
        let spanFormat = TimeLabelFormat(span: Double(upper) - Double(lower))
        if lower == upper {
            format = spanFormat
            times = maxTicks(spanFormat) >= 1 ? [lower] : []
            labels = times.map(spanFormat.label)
            return
        }
        let first = CivilTime.ceilDiv(lower, 1_000_000_000)
        let last = CivilTime.floorDiv(upper, 1_000_000_000)
        let minimumStep: Int64 = spanFormat == .date ? 86_400 : (spanFormat == .dayClock ? 60 : 1)
        for step in Self.candidates(span: last - first) where step.approximateSeconds >= minimumStep {
            let format = spanFormat == .clock && step.approximateSeconds < 60 ? .clockSeconds : spanFormat
            let limit = maxTicks(format)
            if limit <= 0 { continue }
            if let seconds = step.ticks(from: first, to: last, limit: limit) {
                self.format = format
                times = seconds.map { $0 * 1_000_000_000 }
                labels = times.map(format.label)
                return
            }
        }
        format = spanFormat
        times = []
        labels = []
    }

    /// A tick spacing: a fixed number of seconds from an offset, or calendar months.
    private enum Step {
        case seconds(Int64, offset: Int64)
        case months(Int64)

        var approximateSeconds: Int64 {
            switch self {
            case .seconds(let seconds, _): seconds
            case .months(let months): months * 2_629_746
            }
        }

        /// The tick seconds in `first…last`, or nil when there are more than `limit`.
        func ticks(from first: Int64, to last: Int64, limit: Int) -> [Int64]? {
            switch self {
            case .seconds(let step, let offset):
                let lowIndex = CivilTime.ceilDiv(first - offset, step)
                let highIndex = CivilTime.floorDiv(last - offset, step)
                guard highIndex - lowIndex < Int64(limit) else { return nil }
                return lowIndex <= highIndex ? (lowIndex...highIndex).map { $0 * step + offset } : []
            case .months(let step):
                let days = CivilTime.floorDiv(first, 86_400)
                let date = CivilTime.date(fromDays: days)
                var month = date.year * 12 + Int64(date.month - 1)
                if date.day != 1 || first != days * 86_400 { month += 1 }
                month = CivilTime.ceilDiv(month, step) * step
                var result: [Int64] = []
                while true {
                    let year = CivilTime.floorDiv(month, 12)
                    let start = CivilTime.days(year: year, month: Int(month - year * 12) + 1, day: 1) * 86_400
                    if start > last { return result }
                    if result.count == limit { return nil }
                    result.append(start)
                    month += step
                }
            }
        }
    }

    /// Steps in ascending order: seconds to hours dividing the day, one and two days, weeks
    /// from Monday (1970-01-05 is day 4), months dividing the year, then 1, 2, 5 × 10^k years
    /// until one step spans the whole axis.
    private static func candidates(span: Int64) -> [Step] {
        var steps: [Step] = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800,
                             3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800]
            .map { .seconds($0, offset: 0) }
        steps.append(.seconds(604_800, offset: 4 * 86_400))
        steps.append(.seconds(1_209_600, offset: 4 * 86_400))
        steps += [1, 2, 3, 6].map { .months($0) }
        var years: Int64 = 1
        while true {
            for multiple: Int64 in [1, 2, 5] {
                steps.append(.months(12 * years * multiple))
            }
            if years * 31_556_952 > span || years >= 100_000_000 { break }
            years *= 10
        }
        return steps
    }
}

/// Proleptic Gregorian calendar arithmetic on day numbers since 1970-01-01, after Howard
/// Hinnant's `days_from_civil` and `civil_from_days` ("chrono-Compatible Low-Level Date
/// Algorithms"); exact for every Int64 day count a nanosecond timestamp can reach.
package enum CivilTime {
    package static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let quotient = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
    }

    package static func ceilDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let quotient = a / b
        return (a % b != 0 && (a < 0) == (b < 0)) ? quotient + 1 : quotient
    }

    /// The date of day number `days` (0 is 1970-01-01).
    package static func date(fromDays days: Int64) -> (year: Int64, month: Int, day: Int) {
        let z = days + 719_468
        let era = floorDiv(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * shiftedMonth + 2) / 5 + 1)
        let month = Int(shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9)
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    /// The day number of a date (month 1…12, day 1…31).
    package static func days(year: Int64, month: Int, day: Int) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDiv(y, 400)
        let yearOfEra = y - era * 400
        let shiftedMonth = Int64(month > 2 ? month - 3 : month + 9)
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
