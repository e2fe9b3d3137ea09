import ArgumentParser
import InsightsAnalysis
import InsightsStorage

/// `--season DURATION --harmonics K`: a Fourier cycle fitted with a trend (trend) or removed
/// before a search (changepoints).
struct SeasonalTermsOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Fit a seasonal cycle of this period (Fourier terms), e.g. 1d or 7d.", valueName: "duration"))
    var season: String?

    @Option(help: ArgumentHelp("Fourier harmonics of --season.", valueName: "k"))
    var harmonics: Int = 2

    func validate() throws {
        if let season, (DurationText.nanoseconds(season) ?? 0) <= 0 {
            throw ValidationError("--season '\(season)' is not a positive duration (use e.g. 1d, 7d)")
        }
        guard harmonics >= 1 else { throw ValidationError("--harmonics must be at least 1, got \(harmonics)") }
    }

    /// The seasonal terms on a grid of `step` nanoseconds (none without --season).
    func terms(step: Int64) -> SeasonalTerms {
        guard let season, let period = DurationText.nanoseconds(season) else { return .none }
        return .fourier(period: Double(period) / Double(step), harmonics: harmonics)
    }
}
