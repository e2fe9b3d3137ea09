import Foundation
import InsightsNumerics

/// Renders a fitted linear model for `insights regress`.
struct RegressionReport {
    let result: LinearModelResult
    let responseName: String
    /// Lag used by a HAC covariance, reported beside it.
    let maxLags: Int?
    /// Rows dropped for missing values, 1-based file lines.
    let droppedLines: [Int]

    /// The `--format json` document: the fields promised by the CLI contract, in
    /// that order, then extras (p-value of F, log-likelihood, covariance details).
    var json: String {
        let (f, fPValue) = result.fTest
        let coefficients: [JSONWriter.Value] = result.coefficientTable.map { row in
            .object([
                ("term", .string(row.term)),
                ("estimate", .number(row.estimate)),
                ("std_error", .number(row.standardError)),
                ("t", .number(row.statistic)),
                ("p", .number(row.pValue)),
                ("ci_low", .number(row.confidenceLow)),
                ("ci_high", .number(row.confidenceHigh)),
            ])
        }
        var members: [(String, JSONWriter.Value)] = [
            ("n", .integer(result.observationCount)),
            ("df_resid", .integer(result.residualDegreesOfFreedom)),
            ("r_squared", .number(result.rSquared)),
            ("adj_r_squared", .number(result.adjustedRSquared)),
            ("residual_sd", .number(result.residualStandardDeviation)),
            ("f_statistic", .number(f)),
            ("aic", .number(result.aic)),
            ("bic", .number(result.bic)),
            ("coefficients", .array(coefficients)),
            ("f_p_value", .number(fPValue)),
            ("log_likelihood", .number(result.logLikelihood)),
            ("df_model", .integer(result.modelDegreesOfFreedom)),
            ("dependent", .string(responseName)),
            ("model", .string(result.isWeighted ? "WLS" : "OLS")),
            ("covariance", .string(result.covarianceType.name)),
            ("inference", .string(result.usesTDistribution ? "t" : "normal")),
            ("level", .number(result.level * 100)),
        ]
        if let maxLags { members.append(("maxlags", .integer(maxLags))) }
        members.append(("dropped_rows", .integer(droppedLines.count)))
        return JSONWriter.render(.object(members))
    }

    /// A statsmodels-style summary table.
    var table: String {
        let nameWidth = max(14, result.termNames.map(\.count).max() ?? 0)
        let width = max(78, nameWidth + 66)
        let rule = String(repeating: "=", count: width)
        let thin = String(repeating: "-", count: width)
        let (f, fPValue) = result.fTest
        let covariance = result.covarianceType.name + (maxLags.map { " (maxlags \($0))" } ?? "")
        let left: [(String, String)] = [
            ("Dep. Variable:", responseName),
            ("Model:", result.isWeighted ? "WLS" : "OLS"),
            ("Method:", "Least Squares"),
            ("No. Observations:", String(result.observationCount)),
            ("Df Residuals:", String(result.residualDegreesOfFreedom)),
            ("Df Model:", String(result.modelDegreesOfFreedom)),
            ("Covariance Type:", covariance),
        ]
        let right: [(String, String)] = [
            ("R-squared:", Self.fixed(result.rSquared, 4)),
            ("Adj. R-squared:", Self.fixed(result.adjustedRSquared, 4)),
            ("F-statistic:", Self.general(f)),
            ("Prob (F-statistic):", Self.general(fPValue, digits: 3)),
            ("Log-Likelihood:", Self.general(result.logLikelihood, digits: 6)),
            ("AIC:", Self.general(result.aic, digits: 6)),
            ("BIC:", Self.general(result.bic, digits: 6)),
        ]
        var lines = [Self.centred("\(result.isWeighted ? "WLS" : "OLS") Regression Results", width), rule]
        for (l, r) in zip(left, right) {
            lines.append(Self.pad(l.0, l.1, width / 2 - 1) + "   " + Self.pad(r.0, r.1, width - width / 2 - 2))
        }
        lines.append(rule)
        let statisticName = result.usesTDistribution ? "t" : "z"
        let lowLabel = Self.trimmed((1 - result.level) / 2)
        let highLabel = Self.trimmed(1 - (1 - result.level) / 2)
        let header = "".padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            + ["coef", "std err", statisticName, "P>|\(statisticName)|", "[\(lowLabel)", "\(highLabel)]"]
                .map { $0.leftPadded(11) }.joined()
        lines.append(header)
        lines.append(thin)
        for row in result.coefficientTable {
            lines.append(row.term.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                + [Self.tabular(row.estimate, 4), Self.tabular(row.standardError, 4), Self.tabular(row.statistic, 3),
                   Self.fixed(row.pValue, 3), Self.tabular(row.confidenceLow, 3), Self.tabular(row.confidenceHigh, 3)]
                    .map { $0.leftPadded(11) }.joined())
        }
        lines.append(rule)
        lines.append("Residual SD: \(Self.general(result.residualStandardDeviation, digits: 6)).  "
                     + (result.usesTDistribution
                        ? "Inference: Student t with \(result.residualDegreesOfFreedom) df."
                        : "Inference: normal (large-sample) for the robust covariance."))
        if !droppedLines.isEmpty {
            let shown = droppedLines.prefix(5).map(String.init).joined(separator: ", ")
            lines.append("Dropped \(droppedLines.count) row(s) with missing values (lines \(shown)\(droppedLines.count > 5 ? ", …" : "")).")
        }
        return lines.joined(separator: "\n")
    }

    private static func pad(_ label: String, _ value: String, _ width: Int) -> String {
        label + value.leftPadded(max(1, width - label.count))
    }

    private static func centred(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, (width - text.count) / 2)) + text
    }

    static func fixed(_ value: Double, _ decimals: Int) -> String {
        value.isFinite ? String(format: "%.\(decimals)f", value) : (value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf"))
    }

    /// statsmodels' table format: `decimals` fixed decimals for 1e-4 ≤ |x| < 1e4,
    /// else `decimals` significant digits in exponent form.
    static func tabular(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return general(value) }
        let magnitude = abs(value)
        return magnitude >= 1e4 || (magnitude < 1e-4 && magnitude > 0)
            ? String(format: "%.\(decimals)g", value) : String(format: "%.\(decimals)f", value)
    }

    static func general(_ value: Double, digits: Int = 4) -> String {
        value.isFinite ? String(format: "%.\(digits)g", value) : (value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf"))
    }

    private static func trimmed(_ value: Double) -> String {
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") && text.contains(".") && !text.hasSuffix(".0") { text.removeLast() }
        return text
    }
}

extension String {
    /// The string right-aligned in `width` columns (never truncated).
    func leftPadded(_ width: Int) -> String {
        count >= width ? " " + self : String(repeating: " ", count: width - count) + self
    }
}
