import Foundation
import InsightsAnalysis
import InsightsStorage

/// `insights funnel` output: a table with a bar per step, the JSON document, CSV rows, or
/// the drop-off list.
struct FunnelReport {
    let result: FunnelResult
    let byProperty: Bool

    /// A breakdown value as shown (`EventLog.display`).
    static func display(_ value: String?) -> String { EventLog.display(value) }

    private func percent(_ x: Double) -> String { x.isFinite ? String(format: "%.1f%%", 100 * x) : "-" }

    private func seconds(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "-" }
        switch x {
        case ..<60: return String(format: "%.1f s", x)
        case ..<3600: return String(format: "%.1f min", x / 60)
        case ..<86_400: return String(format: "%.1f h", x / 3600)
        default: return String(format: "%.1f d", x / 86_400)
        }
    }

    private func tableRows(_ steps: [FunnelResult.Step], group: String?) -> [[String]] {
        let first = max(1, steps.first?.count ?? 0)
        return steps.enumerated().map { k, step in
            let bar = String(repeating: "█", count: Int((20 * Double(step.count) / Double(first)).rounded()))
            var row = group.map { [$0] } ?? []
            row += [String(k + 1), step.event, String(step.count), percent(step.conversionFromPrevious),
                    percent(step.conversionFromFirst),
                    step.interval.low.isFinite ? "\(percent(step.interval.low))–\(percent(step.interval.high))" : "-",
                    seconds(step.timeToConvert?.median), bar]
            return row
        }
    }

    var table: String {
        let header = ["step", "event", "actors", "from previous", "from first", "95% CI", "median time", ""]
        var text = TextTable.render([header] + tableRows(result.steps, group: nil))
        if byProperty {
            var rows = [["value"] + header]
            for group in result.breakdown { rows += tableRows(group.steps, group: Self.display(group.value)) }
            text += "\n\n" + TextTable.render(rows)
        }
        return text
    }

    private func stepJSON(_ step: FunnelResult.Step) -> JSONWriter.Value {
        let time = step.timeToConvert
        func optional(_ value: Double?) -> JSONWriter.Value { value.map { .number($0) } ?? .null }
        return .object([
            ("event", .string(step.event)), ("count", .integer(step.count)),
            ("conversion_from_previous", .number(step.conversionFromPrevious)),
            ("conversion_from_first", .number(step.conversionFromFirst)),
            ("ci_low", .number(step.interval.low)), ("ci_high", .number(step.interval.high)),
            ("median_seconds_to_convert", optional(time?.median)),
            ("p25_seconds_to_convert", optional(time?.p25)), ("p75_seconds_to_convert", optional(time?.p75)),
            ("p90_seconds_to_convert", optional(time?.p90)),
        ])
    }

    var json: String {
        var members: [(String, JSONWriter.Value)] = [("steps", .array(result.steps.map(stepJSON)))]
        if byProperty {
            members.append(("breakdown", .array(result.breakdown.map { group in
                .object([("value", .string(Self.display(group.value))), ("steps", .array(group.steps.map(stepJSON)))])
            })))
        }
        return JSONWriter.render(.object(members))
    }

    var csv: String {
        let columns = ["step", "event", "count", "conversion_from_previous", "conversion_from_first", "ci_low", "ci_high",
                       "median_seconds_to_convert", "p25_seconds_to_convert", "p75_seconds_to_convert",
                       "p90_seconds_to_convert"]
        func lines(_ steps: [FunnelResult.Step], group: String?) -> [String] {
            steps.enumerated().map { k, step in
                let time = step.timeToConvert
                let cells = [String(k + 1), Export.csvField(step.event), String(step.count),
                             JSONText.number(step.conversionFromPrevious), JSONText.number(step.conversionFromFirst),
                             JSONText.number(step.interval.low), JSONText.number(step.interval.high)]
                    + [time?.median, time?.p25, time?.p75, time?.p90].map { $0.map(JSONText.number) ?? "" }
                return ((group.map { [Export.csvField($0)] } ?? []) + cells).map { $0 == "null" ? "" : $0 }
                    .joined(separator: ",")
            }
        }
        guard byProperty else { return ([columns.joined(separator: ",")] + lines(result.steps, group: nil)).joined(separator: "\n") }
        var text = [(["breakdown"] + columns).joined(separator: ",")] + lines(result.steps, group: "(all)")
        for group in result.breakdown { text += lines(group.steps, group: Self.display(group.value)) }
        return text.joined(separator: "\n")
    }

    /// The actors who reached step `step` but not the next: one id per line (table), a CSV
    /// column, or `{"step", "event", "next_event", "actors": [...]}`.
    func dropoffs(after step: Int, format: FunnelCommand.Format) -> String {
        let ids = result.dropoffs(afterStep: step)
        switch format {
        case .table: return ids.joined(separator: "\n")
        case .csv: return (["distinct_id"] + ids.map(Export.csvField)).joined(separator: "\n")
        case .json:
            return JSONWriter.render(.object([
                ("step", .integer(step)), ("event", .string(result.steps[step - 1].event)),
                ("next_event", .string(result.steps[step].event)), ("count", .integer(ids.count)),
                ("actors", .array(ids.map { .string($0) })),
            ]))
        }
    }
}
