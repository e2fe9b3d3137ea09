/// Bars, one per category, each labelled with its value and (for a funnel) its share of the
/// first category's value; with a breakdown, one bar per group side by side in each category.
///
/// Values are counts or other non-negative amounts: the value axis starts at zero and a bar's
/// length is proportional to its value. A NaN value leaves its bar out.
public struct BarChartData: Sendable, Equatable {
    /// One set of bars, one value per category: the whole population, or one breakdown value.
    public struct Group: Sendable, Equatable {
        /// The name shown in a legend; empty for the only group of a chart without breakdown.
        public var name: String
        /// One value per category.
        public var values: [Double]

        /// Creates a group of bars.
        public init(name: String = "", values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    /// The heading of the chart; empty for none.
    public var title: String
    /// The unit of the values, appended to the value-axis labels; empty for none.
    public var unit: String
    /// The category of each bar position, in order (the funnel's steps).
    public var categories: [String]
    /// The groups; each has one value per category.
    public var groups: [Group]
    /// Whether each bar is also labelled with its value as a percentage of its group's first
    /// value (a funnel's conversion from the first step).
    public var showsShareOfFirst: Bool

    /// Creates a bar chart; every group must have one value per category.
    public init(title: String = "", unit: String = "", categories: [String], groups: [Group],
                showsShareOfFirst: Bool = false) {
        precondition(groups.allSatisfy { $0.values.count == categories.count }, "one value per category in each group")
        self.title = title
        self.unit = unit
        self.categories = categories
        self.groups = groups
        self.showsShareOfFirst = showsShareOfFirst
    }

    /// A funnel without breakdown: one bar per step with its count and its conversion from the
    /// first step.
    public init(title: String = "", steps: [String], counts: [Double]) {
        self.init(title: title, categories: steps, groups: [Group(values: counts)], showsShareOfFirst: true)
    }
}

extension BarChartData {
    /// The largest finite value of any bar; 0 when there is none.
    package var maximum: Double {
        groups.flatMap(\.values).filter(\.isFinite).max().map { max($0, 0) } ?? 0
    }

    /// `value` as a percentage of the group's first value, "45.6%"; nil when there is nothing
    /// to divide by or no share is asked for.
    package func share(_ value: Double, in group: Group) -> String? {
        guard showsShareOfFirst, let first = group.values.first, first > 0, value.isFinite else { return nil }
        return FixedDecimal.format(100 * value / first, decimals: 1) + "%"
    }

    /// A bar's value as written beside it: whole numbers without decimals.
    package static func valueLabel(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15
            ? String(Int64(value)) : FixedDecimal.format(value, decimals: 2)
    }
}
