/// A grid of character cells drawn in Unicode braille: each cell holds 2 × 4 dots, so a
/// canvas of `columns` × `rows` cells has `2·columns` × `4·rows` pixels, (0, 0) at the top left.
///
/// Dots are numbered 1, 2, 3, 7 down the left column and 4, 5, 6, 8 down the right; dot n is
/// bit n−1 of the offset from U+2800 (Unicode 3.0, "Braille Patterns").
package struct BrailleCanvas: Sendable, Equatable {
    package let columns: Int
    package let rows: Int
    /// The dot bits of each cell, row by row.
    package private(set) var cells: [UInt8]

    /// `dotBits[y % 4][x % 2]`: the bit of the dot at pixel (x, y) within its cell.
    private static let dotBits: [[UInt8]] = [
        [0x01, 0x08],  // dots 1 and 4
        [0x02, 0x10],  // dots 2 and 5
        [0x04, 0x20],  // dots 3 and 6
        [0x40, 0x80],  // dots 7 and 8
    ]

    package init(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        cells = Array(repeating: 0, count: self.columns * self.rows)
    }

    package var pixelWidth: Int { 2 * columns }
    package var pixelHeight: Int { 4 * rows }

    /// Sets the dot at pixel (x, y); pixels off the canvas are ignored.
    package mutating func set(x: Int, y: Int) {
        guard x >= 0, y >= 0, x < pixelWidth, y < pixelHeight else { return }
        cells[(y / 4) * columns + x / 2] |= Self.dotBits[y % 4][x % 2]
    }

    /// The dot bits of the cell at (`column`, `row`).
    package func bits(column: Int, row: Int) -> UInt8 {
        cells[row * columns + column]
    }

    /// The braille character for dot bits: U+2800 plus the bits.
    package static func character(_ bits: UInt8) -> Character {
        Character(Unicode.Scalar(0x2800 + UInt32(bits))!)
    }

    /// Draws straight segments through `points`; a nil point breaks the line, and a point
    /// between two breaks is drawn as a single dot.
    ///
    /// A dotted line sets every other pixel, counted along the whole polyline, so the dots
    /// stay evenly spaced across segment joins.
    package mutating func polyline(_ points: [(x: Int, y: Int)?], dotted: Bool = false) {
        var previous: (x: Int, y: Int)?
        var counter = 0
        func plot(_ x: Int, _ y: Int) {
            if !dotted || counter % 2 == 0 { set(x: x, y: y) }
            counter += 1
        }
        for point in points {
            guard let point else {
                previous = nil
                continue
            }
            if let start = previous {
                segment(from: start, to: point, plot: plot)
            } else {
                plot(point.x, point.y)
            }
            previous = point
        }
    }

    /// Bresenham's line from `start` (excluded: it was plotted with the previous segment) to
    /// `end` (included). Coordinates are clamped to a band a little beyond the canvas first, so
    /// a far-off point costs no more than the canvas is wide.
    private func segment(from start: (x: Int, y: Int), to end: (x: Int, y: Int), plot: (Int, Int) -> Void) {
        let limit = 4 * max(pixelWidth, pixelHeight) + 8
        let x0 = min(max(start.x, -limit), limit)
        let y0 = min(max(start.y, -limit), limit)
        let x1 = min(max(end.x, -limit), limit)
        let y1 = min(max(end.y, -limit), limit)
        let dx = abs(x1 - x0)
        let dy = -abs(y1 - y0)
        let stepX = x0 < x1 ? 1 : -1
        let stepY = y0 < y1 ? 1 : -1
        var error = dx + dy
        var x = x0
        var y = y0
        while x != x1 || y != y1 {
            let doubled = 2 * error
            if doubled >= dy {
                error += dy
                x += stepX
            }
            if doubled <= dx {
                error += dx
                y += stepY
            }
            plot(x, y)
        }
    }
}
