import Testing

/// The suite that holds every test of `InsightsNumerics/Statistics`, so that
/// `swift test --filter Statistics` selects them all.
@Suite enum StatisticsTests {}
