@testable import InsightsQuery
import Testing

/// The braille encoding: a cell is U+2800 plus one bit per raised dot. Dots 1, 2, 3, 7 run
/// down the left column and 4, 5, 6, 8 down the right; dot n is bit n − 1:
///
///     dot 1 = 0x01   dot 4 = 0x08
///     dot 2 = 0x02   dot 5 = 0x10
///     dot 3 = 0x04   dot 6 = 0x20
///     dot 7 = 0x40   dot 8 = 0x80
struct ChartBrailleTests {
    @Test func aDiagonalAcrossTwoCells() {
        // Pixels (0,0) (1,1) (2,2) (3,3) on a 2 × 1 canvas (4 × 4 pixels).
        // Cell 0 holds (0,0) = dot 1 and (1,1) = dot 5: 0x01 | 0x10 = 0x11 → U+2811 ⠑.
        // Cell 1 holds (2,2) → left column, third row = dot 3 and (3,3) → right column,
        // fourth row = dot 8: 0x04 | 0x80 = 0x84 → U+2884 ⢄.
        var canvas = BrailleCanvas(columns: 2, rows: 1)
        canvas.polyline([(0, 0), (3, 3)])
        #expect(canvas.cells == [0x11, 0x84])
        #expect(text(canvas) == ["\u{2811}\u{2884}"])
        #expect(text(canvas) == ["⠑⢄"])
    }

    @Test func columnsRowsAndAFullCell() {
        var left = BrailleCanvas(columns: 1, rows: 1)
        left.polyline([(0, 0), (0, 3)])
        // Dots 1, 2, 3, 7: 0x01 | 0x02 | 0x04 | 0x40 = 0x47 → ⡇.
        #expect(text(left) == ["\u{2847}"])

        var top = BrailleCanvas(columns: 2, rows: 1)
        top.polyline([(0, 0), (3, 0)])
        // Dots 1 and 4 in each cell: 0x09 → ⠉⠉.
        #expect(text(top) == ["\u{2809}\u{2809}"])

        var full = BrailleCanvas(columns: 1, rows: 1)
        for y in 0..<4 { full.polyline([(0, y), (1, y)]) }
        #expect(text(full) == ["\u{28FF}"])
    }

    @Test func aDottedLineRaisesEveryOtherPixelAcrossJoins() {
        // Pixels 0…7 of the top row through a join at x = 3: dots at 0, 2, 4, 6, the left
        // column of each cell: dot 1 = 0x01 → ⠁⠁⠁⠁.
        var canvas = BrailleCanvas(columns: 4, rows: 1)
        canvas.polyline([(0, 0), (3, 0), (7, 0)], dotted: true)
        #expect(text(canvas) == ["\u{2801}\u{2801}\u{2801}\u{2801}"])
    }

    @Test func aBreakStartsANewLineAndALonePointIsADot() {
        // (0,0)–(1,0) is dots 1 and 4 (0x09); after the break, (3,3) alone is dot 8 (0x80).
        var canvas = BrailleCanvas(columns: 2, rows: 1)
        canvas.polyline([(0, 0), (1, 0), nil, (3, 3)])
        #expect(canvas.cells == [0x09, 0x80])
    }

    @Test func pixelsOffTheCanvasAreIgnored() {
        var canvas = BrailleCanvas(columns: 1, rows: 1)
        canvas.polyline([(-5, -5), (10, 10)])
        canvas.set(x: Int.max, y: 0)
        // Only the diagonal's pixels on the canvas: (0,0) dot 1, (1,1) dot 5.
        #expect(canvas.cells == [0x11])
    }

    private func text(_ canvas: BrailleCanvas) -> [String] {
        (0..<canvas.rows).map { row in
            String((0..<canvas.columns).map { BrailleCanvas.character(canvas.bits(column: $0, row: row)) })
        }
    }
}
