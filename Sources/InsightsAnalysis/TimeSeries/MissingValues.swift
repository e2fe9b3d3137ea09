/// Filling the gaps (NaN) of an evenly spaced series for methods that need every value.
public enum MissingValues {
    /// `values` with each run of NaN replaced by the straight line between its neighbours;
    /// a run at either end takes the nearest observed value. All-NaN input comes back unchanged.
    public static func interpolated(_ values: [Double]) -> [Double] {
        guard let firstObserved = values.firstIndex(where: { !$0.isNaN }),
              let lastObserved = values.lastIndex(where: { !$0.isNaN }) else { return values }
        var result = values
        for i in 0..<firstObserved { result[i] = values[firstObserved] }
        for i in (lastObserved + 1)..<values.count { result[i] = values[lastObserved] }
        var previous = firstObserved
        for i in (firstObserved + 1)...lastObserved where !values[i].isNaN {
            if i - previous > 1 {
                let span = Double(i - previous)
                for j in (previous + 1)..<i {
                    let weight = Double(j - previous) / span
                    result[j] = values[previous] + weight * (values[i] - values[previous])
                }
            }
            previous = i
        }
        return result
    }

    /// The number of NaN values.
    public static func count(_ values: [Double]) -> Int {
        values.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
    }
}
