import ArgumentParser
import InsightsNumerics

/// `insights regress`: a linear model from a formula over a CSV file.
struct Regress: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit a linear model (OLS/WLS) given by an R-style formula to a CSV file.",
        discussion: """
            Coefficients, standard errors, t/z, p-values and confidence intervals follow \
            statsmodels. --cov hac gives Newey–West standard errors that survive \
            autocorrelated residuals (Bartlett kernel, no small-sample correction); \
            --cov hc3 is MacKinnon–White's heteroskedasticity-robust estimator. Robust \
            covariances use normal inference, as statsmodels does.

            Exit codes: 0 success, 64 usage error (including a formula that does not \
            parse or a file that cannot be read), 65 data the fit cannot use.
            """)

    enum CovarianceOption: String, ExpressibleByArgument, CaseIterable {
        case nonrobust, hac, hc3
    }

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @Option(name: .long, help: ArgumentHelp("CSV file with a header row.", valueName: "file"))
    var csv: String

    @Option(name: .long, help: ArgumentHelp("Model formula, e.g. 'y ~ x + I(x^2)'.", valueName: "formula"))
    var formula: String

    @Option(name: .long, help: "Coefficient covariance: nonrobust, hac or hc3.")
    var cov: CovarianceOption = .nonrobust

    @Option(name: .long, help: ArgumentHelp("Newey–West lags for --cov hac (default ⌊4(n/100)^(2/9)⌋).",
                                            valueName: "n"))
    var maxlags: Int?

    @Option(name: .long, help: ArgumentHelp("Confidence level of the intervals, in percent.", valueName: "percent"))
    var level: Double = 95

    @Option(name: .long, help: ArgumentHelp("Column of positive weights for weighted least squares.",
                                            valueName: "column"))
    var weights: String?

    @Option(name: .long, help: "Output format: table or json.")
    var format: OutputFormat = .table

    func validate() throws {
        guard level > 0 && level < 100 else {
            throw ValidationError("--level must be a percentage between 0 and 100, got \(level)")
        }
        if let maxlags, maxlags < 0 { throw ValidationError("--maxlags must be non-negative, got \(maxlags)") }
        if maxlags != nil && cov != .hac { throw ValidationError("--maxlags applies only to --cov hac") }
    }

    func run() throws {
        let parsedFormula: Formula
        do { parsedFormula = try Formula(formula) } catch { throw CommandFailure.usage(error.rendered) }
        guard !parsedFormula.termNames.isEmpty else {
            throw CommandFailure.usage("formula '\(formula)' has no terms to fit")
        }
        let table: CSVTable
        do { table = try CSVTable(contentsOf: csv) } catch {
            throw error.isUnreadable ? CommandFailure.usage(error.description) : CommandFailure.data(error.description)
        }
        var used = parsedFormula.variableNames
        if let weights { used.insert(weights) }
        let data: FormulaData
        do { data = try table.formulaData(using: used) } catch { throw CommandFailure.data(error.description) }
        let design: DesignMatrix
        do { design = try parsedFormula.design(from: data) } catch {
            // Data rows are CSV rows, so a failing row is named by its file line.
            let headline = error.row.map { "\(csv):\(table.lines[$0]): \(error.detail)" } ?? error.message
            throw CommandFailure.data(error.rendered(headline: headline))
        }
        var rowWeights: [Double]? = nil
        if let weights {
            guard case .numeric(let values)? = data[weights] else {
                let hint = nearestName(to: weights, among: table.header).map { "; did you mean '\($0)'?" } ?? ""
                throw CommandFailure.data(data[weights] == nil
                    ? "unknown weights column '\(weights)'\(hint)"
                    : "weights column '\(weights)' is not numeric")
            }
            rowWeights = design.usedRows.map { values[$0] }
            if let bad = rowWeights?.firstIndex(where: { !($0 > 0 && $0.isFinite) }) {
                let row = design.usedRows[bad]
                throw CommandFailure.data("\(csv):\(table.lines[row]): weight \(values[row]) in column '\(weights)' is not a positive number")
            }
        }
        let covariance: CovarianceType = switch cov {
        case .nonrobust: .nonrobust
        case .hc3: .hc3
        case .hac: .hac(maxLags: maxlags)
        }
        let result: LinearModelResult
        do {
            result = try LinearModel.wls(design: design.matrix, response: design.response, weights: rowWeights,
                                         termNames: design.columnNames, hasIntercept: design.hasIntercept,
                                         covariance: covariance, level: level / 100)
        } catch {
            throw CommandFailure.data("cannot fit '\(formula)': \(error.message)")
        }
        let report = RegressionReport(
            result: result, responseName: design.responseName,
            maxLags: cov == .hac ? (maxlags ?? CovarianceType.automaticLag(observations: result.observationCount)) : nil,
            droppedLines: design.droppedRows.map { table.lines[$0] })
        print(format == .json ? report.json : report.table)
    }
}
