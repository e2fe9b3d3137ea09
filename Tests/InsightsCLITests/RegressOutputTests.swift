import Foundation
import Testing
import TestSupport

/// The rendered outputs of `insights regress` on the bundled demo data. The numbers
/// themselves are checked against statsmodels in InsightsNumericsTests; these
/// snapshots pin the layout a person reads and the JSON a script parses.
struct RegressOutputTests {
    static let demo = SharedData.projectRoot.appendingPathComponent("datasets/checkout_latency_daily.csv").path

    /// The table rounds to four digits, so it is stable across BLAS kernels; JSON carries
    /// full precision and is checked structurally instead.
    @Test func tableMatchesSnapshot() throws {
        let name = "regress_demo_hac.txt"
        let arguments = ["--formula", "p95_ms ~ day + C(weekday) + after_deploy", "--cov", "hac", "--maxlags", "7"]
        let result = try BinaryRunner.run(["regress", "--csv", Self.demo] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        let difference = try Snapshot.check(result.stdout, named: name, target: "InsightsCLITests")
        #expect(difference == nil, "\(difference ?? "")")
    }

    /// The JSON contract: these keys, in this order, first.
    @Test func jsonKeysComeInContractOrder() throws {
        let result = try BinaryRunner.run(["regress", "--csv", Self.demo, "--formula", "p95_ms ~ day", "--format", "json"])
        let keys = result.stdout.split(separator: "\n")
            .filter { $0.hasPrefix("  \"") }
            .map { $0.dropFirst(3).prefix { $0 != "\"" } }
        #expect(Array(keys.prefix(9)) == ["n", "df_resid", "r_squared", "adj_r_squared", "residual_sd",
                                          "f_statistic", "aic", "bic", "coefficients"])
        let coefficientKeys = result.stdout.split(separator: "\n")
            .filter { $0.hasPrefix("      \"") }
            .map { String($0.dropFirst(7).prefix { $0 != "\"" }) }
        #expect(Array(coefficientKeys.prefix(7)) == ["term", "estimate", "std_error", "t", "p", "ci_low", "ci_high"])
    }

    /// `--level 90` moves the interval to the 5% and 95% normal/t quantiles.
    @Test func levelIsAPercentage() throws {
        let result = try BinaryRunner.run(["regress", "--csv", Self.demo, "--formula", "p95_ms ~ day",
                                           "--format", "json", "--level", "90"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let rows = try #require(object["coefficients"] as? [[String: Any]])
        let day = try #require(rows.last)
        let estimate = try #require(day["estimate"] as? Double)
        let se = try #require(day["std_error"] as? Double)
        let high = try #require(day["ci_high"] as? Double)
        // scipy 1.17.1: stats.t(82).ppf(0.95) = 1.663649184029077
        #expect(abs((high - estimate) / se - 1.663649184029077) < 1e-12)
        #expect(object["level"] as? Double == 90)
    }
}

/// `--weights` through the CLI against statsmodels 0.15
/// `smf.wls('p95_ms ~ day + C(weekday) + after_deploy', weights=requests_k).fit(cov_type='HC3')`
/// (bench/reference/regression_statsmodels.py, case checkout_wls).
struct RegressWeightedTests {
    @Test func weightedHC3MatchesStatsmodels() throws {
        let result = try BinaryRunner.run([
            "regress", "--csv", RegressOutputTests.demo, "--formula", "p95_ms ~ day + C(weekday) + after_deploy",
            "--weights", "requests_k", "--cov", "hc3", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["model"] as? String == "WLS")
        let rows = try #require(object["coefficients"] as? [[String: Any]])
        let byTerm = Dictionary(uniqueKeysWithValues: rows.map { ($0["term"] as? String ?? "", $0) })
        let reference: [(term: String, estimate: Double, standardError: Double)] = [
            ("Intercept", 186.36711188763024, 1.7496618457058584),
            ("C(weekday)[T.Sun]", -18.470235928056525, 1.7065709336449617),
            ("day", 0.4794843394246821, 0.04417773160631744),
            ("after_deploy", 5.924208210971537, 2.25200641026401),
        ]
        for (term, estimate, standardError) in reference {
            let row = try #require(byTerm[term], "no row for \(term)")
            #expect(Accuracy.relativeError(try #require(row["estimate"] as? Double), estimate) < 1e-10, "\(term)")
            #expect(Accuracy.relativeError(try #require(row["std_error"] as? Double), standardError) < 1e-8, "\(term)")
        }
    }

    @Test func unknownWeightsColumnSuggestsTheNearestName() throws {
        let result = try BinaryRunner.run([
            "regress", "--csv", RegressOutputTests.demo, "--formula", "p95_ms ~ day", "--weights", "request_k",
        ])
        #expect(result.status == 65)
        #expect(result.stderr.contains("unknown weights column 'request_k'; did you mean 'requests_k'?"), "\(result.stderr)")
    }
}
