import Foundation
import InsightsNumerics

/// Helpers for the chart tests: a seeded generator and readers of rendered output.
enum ChartOutput {
    /// The numerical core's seeded generator, so the randomised chart tests are reproducible.
    typealias SeededRandom = SplitMix64

    /// The text a terminal shows: ANSI SGR escapes removed.
    static func visibleText(_ text: String) -> String {
        var result = ""
        var inEscape = false
        for scalar in text.unicodeScalars {
            if inEscape {
                if scalar == "m" { inEscape = false }
            } else if scalar == "\u{1B}" {
                inEscape = true
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The start tags of `<name class="cls" …>` elements (one per line), in document order.
    static func elements(_ name: String, class cls: String, in svg: String) -> [String] {
        svg.components(separatedBy: "\n").filter { $0.hasPrefix("<" + name + " class=\"" + cls + "\"") }
    }

    /// The value of attribute `name` in a start tag.
    static func attribute(_ name: String, of tag: String) -> String? {
        guard let range = tag.range(of: " " + name + "=\"") else { return nil }
        return String(tag[range.upperBound...].prefix { $0 != "\"" })
    }

    /// The command letters of path data, in order, without closepath.
    static func pathCommands(_ d: String) -> [String] {
        d.compactMap { $0.isLetter ? String($0) : nil }.filter { $0 != "Z" }
    }

    /// The contents of `<text class="cls" data-axis="axis" …>…</text>` elements.
    static func texts(class cls: String, axis: String, in svg: String) -> [String] {
        elements("text", class: cls, in: svg).filter { attribute("data-axis", of: $0) == axis }.map { line in
            String(line.drop { $0 != ">" }.dropFirst().prefix { $0 != "<" })
        }
    }
}
