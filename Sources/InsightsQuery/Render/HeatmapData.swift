/// A table of rates drawn as shaded cells: rows are cohorts with their labels and sizes,
/// columns are periods 0, 1, …, and each cell's shade grows with its rate (a retention table).
///
/// Rates are fractions in [0, 1], written in a cell as a percentage when it fits. A NaN rate is
/// a period not yet observed for that cohort: its cell is left blank.
public struct HeatmapData: Sendable, Equatable {
    /// One cohort: its label, its size and its rate in each period.
    public struct Row: Sendable, Equatable {
        /// The row's label, e.g. the cohort's first day.
        public var label: String
        /// How many the rates are fractions of, shown beside the label; nil for none.
        public var size: Int?
        /// One rate per column; NaN where the period is not observed.
        public var values: [Double]

        /// Creates a row.
        public init(label: String, size: Int? = nil, values: [Double]) {
            self.label = label
            self.size = size
            self.values = values
        }
    }

    /// The heading of the chart; empty for none.
    public var title: String
    /// The label of each column, e.g. "0", "1", "2".
    public var columns: [String]
    /// What the columns count, written above them, e.g. "week"; empty for none.
    public var columnTitle: String
    /// The rows, top to bottom.
    public var rows: [Row]

    /// Creates a heatmap; every row must have one value per column.
    public init(title: String = "", columns: [String], columnTitle: String = "", rows: [Row]) {
        precondition(rows.allSatisfy { $0.values.count == columns.count }, "one value per column in each row")
        self.title = title
        self.columns = columns
        self.columnTitle = columnTitle
        self.rows = rows
    }
}

extension HeatmapData.Row {
    /// The label with the size: "2025-11-03 (42)".
    package var heading: String {
        size.map { label + " (\($0))" } ?? label
    }
}

extension HeatmapData {
    /// What rates are shaded relative to: the largest rate after the first column (the first,
    /// period 0, is often 100 % by construction and would leave every later cell pale); 1 when
    /// no later cell is above 0. Renderers read it once and pass it to `shade(_:scale:)`.
    package var shadeScale: Double {
        let later = rows.flatMap { $0.values.dropFirst() }.filter(\.isFinite).max() ?? 0
        return later > 0 ? later : 1
    }

    /// How dark a rate's cell is, in [0, 1]: the rate over `scale` (`shadeScale`), capped at 1.
    package static func shade(_ rate: Double, scale: Double) -> Double {
        min(max(rate / scale, 0), 1)
    }

    /// A rate as written in its cell: a whole percentage, "37%".
    package static func percent(_ rate: Double) -> String {
        FixedDecimal.format(100 * rate, decimals: 0) + "%"
    }
}
