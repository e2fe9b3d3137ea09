import InsightsNumerics

extension CSVTable {
    /// The columns the formula reads, as formula data, with a number-or-category type for each.
    ///
    /// A column is numeric when its first non-missing cell is a number; every
    /// later cell must then be a number too or be missing (empty, `NA`, `NaN`,
    /// `null`), which becomes NaN and drops the row from a fit. Any other column
    /// is categorical. Columns the formula does not read are not converted (a
    /// stray note in one cannot block a fit); they are present as empty text so
    /// that a misspelt name still gets a "did you mean".
    /// - Parameter used: The variables the formula reads.
    func formulaData(using used: Set<String>) throws(InputError) -> FormulaData {
        var columns: [String: FormulaData.Column] = [:]
        let unread = FormulaData.Column.categorical([String](repeating: "", count: rowCount))
        for (index, name) in header.enumerated() {
            guard used.contains(name) else {
                columns[name] = unread
                continue
            }
            columns[name] = looksNumeric(index) ? .numeric(try numericColumn(index)) : .categorical(textColumn(index))
        }
        return FormulaData(columns)
    }
}
