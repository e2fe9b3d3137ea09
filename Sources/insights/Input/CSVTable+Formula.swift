import InsightsNumerics

extension CSVTable {
    /// The columns as formula data, with a number-or-category type for each.
    ///
    /// A column is numeric when its first non-missing cell is a number; every
    /// later cell must then be a number too or be missing (empty, `NA`, `NaN`,
    /// `null`), which becomes NaN and drops the row from a fit. Any other column
    /// is categorical. A column that starts numeric and then holds text is an
    /// error at that cell — but only if the formula uses it, so a stray note in
    /// an unused column does not block a fit.
    /// - Parameter used: The variables the formula reads.
    func formulaData(using used: Set<String>) throws(InputError) -> FormulaData {
        var columns: [String: FormulaData.Column] = [:]
        for (index, name) in header.enumerated() {
            let firstValue = rows.lazy.map { $0[index] }.first { !Self.isMissing($0) }
            let looksNumeric = firstValue.map { Double($0.trimmingCharacters(in: .whitespaces)) != nil } ?? true
            if looksNumeric {
                do {
                    columns[name] = .numeric(try numericColumn(index))
                } catch where used.contains(name) {
                    throw error
                } catch {
                    columns[name] = .categorical(textColumn(index))
                }
            } else {
                columns[name] = .categorical(textColumn(index))
            }
        }
        return FormulaData(columns)
    }
}
