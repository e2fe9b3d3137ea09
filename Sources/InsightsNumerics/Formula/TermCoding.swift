/// Expands terms into design columns with patsy's rules for categorical coding.
///
/// Within a group of terms sharing the same numeric factors, each term is split into
/// the subterms formed by every subset of its categorical factors (`a:b` →
/// `1 + a + b + a:b`), dropping subsets an earlier term of the group already spans.
/// Neighbouring subterms are then merged greedily from the left (`a + a:b` → `a:b`
/// with `b` fully coded), so that a categorical factor is coded with all its levels
/// exactly where the lower-order term it would need is absent. This is patsy's
/// `pick_contrasts_for_term` (patsy documentation, "Coding categorical data: the
/// gory details"); reduced coding is treatment coding against the first level.
struct ColumnBuilder {
    let factors: [Factor]
    let evaluated: [EvaluatedFactor]
    let rowCount: Int

    /// The design, column after column.
    private(set) var storage: [Double] = []
    private(set) var names: [String] = []
    private(set) var slices: [DesignMatrix.TermSlice] = []

    init(factors: [Factor], evaluated: [EvaluatedFactor], rowCount: Int) {
        self.factors = factors
        self.evaluated = evaluated
        self.rowCount = rowCount
    }

    /// A subterm: its categorical factors, each `true` when coded with all its levels
    /// and `false` for treatment (reduced) coding.
    private typealias Subterm = [Int: Bool]

    /// Appends the columns of a group of terms that share their numeric factors.
    mutating func appendGroup(_ terms: [Term], names termNames: [String]) {
        var spanned: Set<Set<Int>> = []
        for (term, termName) in zip(terms, termNames) {
            let start = names.count
            for subterm in subterms(of: term, spanned: &spanned) {
                appendColumns(of: term, coded: subterm)
            }
            slices.append(DesignMatrix.TermSlice(name: termName, columns: start..<names.count))
        }
    }

    private func subterms(of term: Term, spanned: inout Set<Set<Int>>) -> [Subterm] {
        let categorical = term.factors.filter { !evaluated[$0].isNumeric }
        let subsets = ColumnBuilder.sortedSubsets(categorical)
        var subterms: [Subterm] = []
        for subset in subsets where !spanned.contains(Set(subset)) {
            subterms.append(Subterm(uniqueKeysWithValues: subset.map { ($0, false) }))
        }
        spanned.formUnion(subsets.map { Set($0) })
        while let (short, long) = firstAbsorption(in: subterms) {
            // The longer subterm has exactly one extra factor, coded reduced: the merged
            // subterm is the shorter one with that factor fully coded.
            var merged = subterms[short]
            for (factor, _) in subterms[long] where merged[factor] == nil { merged[factor] = true }
            subterms[long] = merged
            subterms.remove(at: short)
        }
        return subterms
    }

    /// The first pair, scanning from the left, where a later subterm equals an earlier
    /// one plus a single factor.
    private func firstAbsorption(in subterms: [Subterm]) -> (Int, Int)? {
        for short in subterms.indices {
            for long in subterms.indices where long > short {
                let (a, b) = (subterms[short], subterms[long])
                if b.count == a.count + 1, a.allSatisfy({ b[$0.key] == $0.value }) { return (short, long) }
            }
        }
        return nil
    }

    /// Every subset of `items`, shortest first, ties in lexicographic order of positions:
    /// `[a, b]` → `[], [a], [b], [a, b]`.
    static func sortedSubsets(_ items: [Int]) -> [[Int]] {
        precondition(items.count < 24, "too many categorical factors in one term")
        let positions = (0..<(1 << items.count)).map { mask in
            items.indices.filter { mask & (1 << $0) != 0 }
        }
        return positions
            .sorted { $0.count != $1.count ? $0.count < $1.count : $0.lexicographicallyPrecedes($1) }
            .map { $0.map { items[$0] } }
    }

    /// Appends the products of one column from each factor of `term`, the leftmost
    /// factor varying fastest (patsy follows R here). A categorical factor absent from
    /// the subterm contributes nothing; an empty product is the intercept.
    private mutating func appendColumns(of term: Term, coded subterm: Subterm) {
        var products: [(names: [String], values: [Double])] =
            [([], [Double](repeating: 1, count: rowCount))]
        for index in term.factors {
            let options: [(name: String, values: [Double])]
            switch evaluated[index] {
            case .numeric(let columns, let columnNames):
                options = Array(zip(columnNames, columns))
            case .categorical(let codes, let levels):
                guard let full = subterm[index] else { continue }
                let kept = full ? Array(levels.indices) : Array(levels.indices.dropFirst())
                let prefix = factors[index].name + (full ? "[" : "[T.")
                options = kept.map { level in
                    (prefix + levels[level] + "]", codes.map { $0 == level ? 1.0 : 0.0 })
                }
            }
            products = options.flatMap { option in
                products.map { product in
                    (product.names + [option.name], zip(product.values, option.values).map { $0 * $1 })
                }
            }
        }
        for product in products {
            names.append(product.names.isEmpty ? "Intercept" : product.names.joined(separator: ":"))
            storage.append(contentsOf: product.values)
        }
    }
}
