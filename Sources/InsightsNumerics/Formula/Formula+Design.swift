extension Formula {
    /// Builds the response and design matrix from data.
    ///
    /// Rows where any numeric column the formula reads is `NaN` are dropped first
    /// (statsmodels' `missing='drop'`); they are listed in ``DesignMatrix/droppedRows``.
    /// Transforms, categorical levels and `poly` bases are then computed on the rows
    /// that remain. Terms are coded as patsy does and ordered as written (R's
    /// convention: by number of factors, then formula order): see `docs/FORMULAS.md`.
    ///
    /// - Parameter data: Columns named as in the formula.
    /// - Returns: The response, the design and the names of its columns.
    /// - Throws: ``FormulaError`` for an unknown column (with the nearest name), a string
    ///   column in arithmetic or as the response, `log`/`sqrt` outside their domain or a
    ///   non-finite transform (naming the row), a `poly` degree too high for the data,
    ///   or no rows left.
    /// - Complexity: O(rows × columns).
    public func design(from data: FormulaData) throws(FormulaError) -> DesignMatrix {
        var numericColumns: Set<String> = []
        for (name, range) in response.columnReferences + factors.flatMap(\.columnReferences) {
            switch data[name] {
            case .numeric?: numericColumns.insert(name)
            case .categorical?: break
            case nil:
                throw .unknownColumn(name, suggestion: nearestName(to: name, among: data.columnNames),
                                     in: text, range: range)
            }
        }
        var usedRows: [Int] = []
        var droppedRows: [Int] = []
        for row in 0..<data.rowCount {
            let missing = numericColumns.contains { name in
                guard case .numeric(let values)? = data[name] else { return false }
                return values[row].isNaN
            }
            if missing { droppedRows.append(row) } else { usedRows.append(row) }
        }
        guard !usedRows.isEmpty else { throw .noRows(in: text) }

        let evaluator = FactorEvaluator(formula: text, data: data, rows: usedRows)
        guard case .numeric(let responseColumns, _) = try evaluator.evaluate(response),
              let responseValues = responseColumns.first else {
            throw .categoricalResponse(response.name, in: text, range: response.range)
        }
        var evaluated: [EvaluatedFactor] = []
        for factor in factors { evaluated.append(try evaluator.evaluate(factor)) }

        var builder = ColumnBuilder(factors: factors, evaluated: evaluated, rowCount: usedRows.count)
        for group in orderedTerms(evaluated) {
            builder.appendGroup(group, names: group.map(name(of:)))
        }
        let patsyOrdered = Matrix(rows: usedRows.count, columns: builder.names.count, columnMajor: builder.storage)
        let (slices, columnOrder) = writtenOrder(builder.slices)
        return DesignMatrix(
            response: responseValues,
            responseName: response.name,
            matrix: patsyOrdered.selectingColumns(columnOrder),
            columnNames: columnOrder.map { builder.names[$0] },
            hasIntercept: hasIntercept,
            termSlices: slices,
            usedRows: usedRows,
            droppedRows: droppedRows)
    }

    /// Puts the coded terms in the order the formula wrote them, as R does: the
    /// intercept, then terms by their number of factors, ties in formula order. The
    /// coding itself (which columns each term gets) is patsy's and does not change.
    /// - Returns: The reordered slices and, for each new column, its old index.
    private func writtenOrder(_ slices: [DesignMatrix.TermSlice]) -> ([DesignMatrix.TermSlice], [Int]) {
        let ranked = [Term.intercept] + terms
        let rank = Dictionary(ranked.enumerated().map { (name(of: $0.element), ($0.element.factors.count, $0.offset)) },
                              uniquingKeysWith: { first, _ in first })
        let sorted = slices.enumerated().sorted { lhs, rhs in
            let left = rank[lhs.element.name] ?? (Int.max, lhs.offset)
            let right = rank[rhs.element.name] ?? (Int.max, rhs.offset)
            return (left.0, left.1, lhs.offset) < (right.0, right.1, rhs.offset)
        }
        var reordered: [DesignMatrix.TermSlice] = []
        var columns: [Int] = []
        for (_, slice) in sorted {
            reordered.append(.init(name: slice.name, columns: columns.count..<(columns.count + slice.columns.count)))
            columns.append(contentsOf: slice.columns)
        }
        return (reordered, columns)
    }

    /// patsy's term order, which its coding algorithm depends on: terms grouped by the set of numeric factors they contain,
    /// groups in order of first appearance except that the group with no numeric factor
    /// (holding the intercept) comes first, and terms within a group sorted stably by
    /// their number of factors.
    private func orderedTerms(_ evaluated: [EvaluatedFactor]) -> [[Term]] {
        var groups: [Set<Int>: [Term]] = [:]
        var groupOrder: [Set<Int>] = []
        for term in (hasIntercept ? [Term.intercept] : []) + terms {
            let key = Set(term.factors.filter { evaluated[$0].isNumeric })
            if groups[key] == nil { groupOrder.append(key) }
            groups[key, default: []].append(term)
        }
        if let index = groupOrder.firstIndex(of: []) {
            groupOrder.insert(groupOrder.remove(at: index), at: 0)
        }
        return groupOrder.map { key in
            // Array.sort is not guaranteed stable, so sort on (size, position).
            (groups[key] ?? []).enumerated()
                .sorted { ($0.element.factors.count, $0.offset) < ($1.element.factors.count, $1.offset) }
                .map(\.element)
        }
    }
}

extension EvaluatedFactor {
    var isNumeric: Bool {
        if case .numeric = self { return true }
        return false
    }
}
