/// Measuring how strong a season is. ``seasonalStrength(seasonal:residual:)`` is the
/// decomposition-based measure *F_s* of Wang, Smith & Hyndman (2006).
public enum Seasonality {}
