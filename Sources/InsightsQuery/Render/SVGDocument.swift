/// A small writer of SVG markup: elements with attributes in the order given, numbers in fixed
/// point, text escaped for XML. Nothing depends on a dictionary's order or the locale, so the
/// same calls always produce the same bytes.
struct SVGDocument {
    private(set) var text = ""

    /// Coordinates and sizes with two decimals.
    static func number(_ value: Double) -> String {
        FixedDecimal.format(value, decimals: 2)
    }

    /// `text` with `&`, `<`, `>`, `"` and `'` as entities and the characters XML 1.0 forbids
    /// (controls other than tab, newline and carriage return; U+FFFE, U+FFFF) left out.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Writes a line of raw markup.
    mutating func raw(_ line: String) {
        text += line
        text += "\n"
    }

    /// Writes `<name a="v" …/>`, or `<name …>content</name>` when `content` is given
    /// (escaped here).
    mutating func element(_ name: String, _ attributes: [(String, String)], content: String? = nil) {
        var line = "<" + name
        for (key, value) in attributes {
            line += " " + key + "=\"" + Self.escape(value) + "\""
        }
        if let content {
            line += ">" + Self.escape(content) + "</" + name + ">"
        } else {
            line += "/>"
        }
        raw(line)
    }

    /// Writes `<name …>`, then what `body` writes, then `</name>`.
    mutating func group(_ name: String, _ attributes: [(String, String)], body: (inout SVGDocument) -> Void) {
        var line = "<" + name
        for (key, value) in attributes {
            line += " " + key + "=\"" + Self.escape(value) + "\""
        }
        raw(line + ">")
        body(&self)
        raw("</" + name + ">")
    }
}
