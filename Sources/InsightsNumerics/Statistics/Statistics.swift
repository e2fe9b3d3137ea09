/// Descriptive and robust statistics of a sample of `Double`s.
///
/// The functions are pure computations over any `Collection` whose elements are
/// `Double` (`[Double]`, `ArraySlice<Double>`, `ContiguousArray<Double>`, ...). Contiguous
/// collections are read in place; any other collection is copied once into contiguous
/// storage first.
///
/// ## Missing values (NaN)
/// By default every function follows IEEE semantics: a NaN anywhere in the input makes the
/// result NaN, as numpy's and scipy's functions do by default. Functions that take a
/// `nanPolicy:` argument can instead drop NaNs and use the remaining values
/// (`.omit`, scipy's `nan_policy='omit'`, numpy's `nan…` functions). The autocorrelation
/// functions have no such option: dropping a value from a time series shifts every later
/// observation's lag, so a series with gaps must be filled or split by the caller.
///
/// ## Empty input
/// A statistic of no values is NaN; nothing traps. The same holds after `.omit` has removed
/// every value. Statistics that need more values than given (the sample variance of one value)
/// are NaN as well.
///
/// ## Invalid arguments
/// Arguments that are not data (a probability outside `0...1`, a negative lag, a trimming
/// proportion outside `0...0.5`) are programmer errors and stop execution with a
/// `precondition` failure. Callers that take them from users validate them first.
public enum Statistics {}
