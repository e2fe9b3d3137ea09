import Foundation
import InsightsNumerics
import Testing
import TestSupport

extension StatisticsTests {
    /// `DecimalSample`: statistics of decimal text with the assumed mean subtracted exactly.
    ///
    /// Every test is marked available from the OS releases with `Int128`, as `DecimalSample` is;
    /// Swift Testing does not accept the mark on the suite.
    struct DecimalSampleTests {
        // MARK: NIST StRD univariate, from the original text files

        static let nistSets = ["Lew", "Lottery", "Mavro", "Michelso", "NumAcc1", "NumAcc2", "NumAcc3", "NumAcc4", "PiDigits"]

        /// The data values of `univariate/<name>.dat` as NIST wrote them: the lines that the
        /// header's `Data : lines A to B` names, blanks and CR trimmed.
        static func nistDataTexts(_ name: String) throws -> [String] {
            let url = SharedData.url("nist-strd/univariate/\(name).dat")
            let lines = try String(contentsOf: url, encoding: .ascii)
                .split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            let header = try #require(lines.first { $0.contains("Data") && $0.contains(": lines") })
            // "               Data            : lines 61 to 260     (= 200)"
            let numbers = header.split(separator: " ").compactMap { Int($0) }
            let (first, last) = (try #require(numbers.first), try #require(numbers.dropFirst().first))
            return lines[(first - 1)...(last - 1)].map { $0.trimmingCharacters(in: .whitespaces) }
        }

        @Test(arguments: nistSets)
        func nistCertifiedValuesFromText(_ name: String) throws {
            let texts = try Self.nistDataTexts(name)
            let reference = try NISTUnivariate.load(name)
            // The lines read are the data: same count and values as the JSON transcription.
            try #require(texts.count == reference.y.count)
            try #require(zip(texts, reference.y).allSatisfy { Double($0) == $1 })

            let sample = try DecimalSample(texts)
            let lre = (
                mean: Accuracy.lre(sample.mean, reference.certified.mean),
                sd: Accuracy.lre(sample.standardDeviation(), reference.certified.stdDev),
                r1: Accuracy.lre(sample.autocorrelation(lag: 1), reference.certified.autocorrLag1)
            )
            let binary64 = (
                sd: Accuracy.lre(Statistics.standardDeviation(reference.y), reference.certified.stdDev),
                r1: Accuracy.lre(Statistics.autocorrelation(reference.y, lag: 1), reference.certified.autocorrLag1)
            )
            func f(_ x: Double) -> String { String(format: "%5.2f", x) }
            let label = name.padding(toLength: 8, withPad: " ", startingAt: 0)
            print("DecimalSample NIST LRE \(label) mean \(f(lre.mean))  SD \(f(lre.sd))  r(1) \(f(lre.r1))"
                + "   (binary64 path: SD \(f(binary64.sd))  r(1) \(f(binary64.r1)))")

            #expect(sample.count == reference.y.count)
            #expect(lre.mean >= 12, "mean LRE \(lre.mean)")
            #expect(lre.sd >= 12, "SD LRE \(lre.sd)")
            #expect(lre.r1 >= 12, "r(1) LRE \(lre.r1)")
        }

        // MARK: Exactness

        /// Each expected mean is the correctly rounded exact mean, formed independently: a
        /// correctly rounded IEEE division of two exactly representable integers, or the
        /// standard library's correctly rounded reading of the exact decimal. So `==` is the
        /// right comparison here.
        static let exactMeans: [(texts: [String], mean: Double)] = [
            (["0.1", "0.2", "0.3"], 0.2),
            (["0", "0", "1"], 1.0 / 3.0),
            (["-1", "0", "0"], -1.0 / 3.0),
            (["-1", "-1", "0"], -2.0 / 3.0),
            (["1e-3", ".5", "760."], 760_501.0 / 3000.0),
            (["1000000000.1", "1000000000.2"], Double("1000000000.15")!),
            (["10000000.1", "10000000.3", "10000000.1", "10000000.3", "10000000.2"], Double("10000000.2")!),
            // 9007199254740993.5 rounds up; the Doubles 2^53 and 2^53 + 2 would average to 2^53 + 1,
            // a tie that rounds down.
            (["9007199254740993", "9007199254740994"], 9_007_199_254_740_994),
            // 21 digits: beyond Int64, within Int128.
            (["12345678901234567890.1", "12345678901234567890.3"], Double("12345678901234567890.2")!),
            (["-2.5e-300", "-1.5e-300"], -2e-300),
        ]

        @Test(arguments: exactMeans.indices)
        func meanIsCorrectlyRounded(_ index: Int) throws {
            let (texts, mean) = Self.exactMeans[index]
            #expect(try DecimalSample(texts).mean == mean, "\(texts)")
        }

        @Test func spreadBelowTheBinaryRoundingIsExact() throws {
            let texts = ["1000000000.1", "1000000000.2", "1000000000.3"]
            let sample = try DecimalSample(texts)
            // Deviations −1, 0, 1 tenths: variance 1/100 and SD 1/10, each one correctly rounded
            // division.
            #expect(sample.variance() == 0.01)
            #expect(sample.standardDeviation() == 0.1)
            // 2/3 is rounded before the scaling by 1/100 rounds again: within an ulp or two.
            #expect(Accuracy.lre(sample.variance(denominator: .population), 2.0 / 300.0) >= 15)
            // r(1) = (0·(−1) + 1·0) / 2.
            #expect(sample.autocorrelation(lag: 1) == 0)
            // The same data as Doubles has lost the spread to rounding (LRE ≈ 7).
            let binary = Statistics.standardDeviation(texts.map { Double($0)! })
            #expect(Accuracy.lre(binary, 0.1) < 9)
        }

        @Test func tinyAndHugeExponentsScaleBack() throws {
            let small = try DecimalSample(["1.5e-300", "2.5e-300"])
            #expect(Accuracy.lre(small.standardDeviation(), 7.0710678118654752440e-301) >= 14)
            #expect(small.variance() == 0)  // 5e-601 underflows, as it would from exact arithmetic.
            // 31 digits in common; deviations ±(10^30 − 1)/2 take the Int128 → Double conversion.
            let wide = try DecimalSample(["1e30", "1"])
            #expect(wide.mean == Double("500000000000000000000000000000.5")!)
            #expect(Accuracy.lre(wide.standardDeviation(), 7.0710678118654752440e29) >= 15)
            let large = try DecimalSample(["1.5e300", "2.5e300"])
            #expect(large.mean == 2e300)
            #expect(Accuracy.lre(large.standardDeviation(), 7.0710678118654752440e299) >= 14)
        }

        /// Data that binary64 holds exactly (multiples of 1/8 below 2^20): `DecimalSample` and
        /// `Statistics` on the `Double`s see the same numbers and must agree.
        @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
        func agreesWithStatisticsOnExactlyRepresentableData(_ seed: UInt64) throws {
            var generator = SplitMix64(seed: seed)
            let count = Int(generator.next() % 200) + 20
            let offset = Double(Int(generator.next() % 2_000_000) - 1_000_000)
            let values = (0..<count).map { _ in offset + Double(Int(generator.next() % 4001) - 2000) / 8 }
            let sample = try DecimalSample(values.map { "\($0)" })

            #expect(Accuracy.lre(sample.mean, Statistics.mean(values)) >= 14.5)
            #expect(Accuracy.lre(sample.standardDeviation(), Statistics.standardDeviation(values)) >= 14)
            #expect(Accuracy.lre(sample.variance(denominator: .population),
                                 Statistics.variance(values, denominator: .population)) >= 14)
            let expected = Statistics.autocorrelations(values, maxLag: 3)
            let computed = sample.autocorrelations(maxLag: 3)
            #expect(computed.count == 4)
            for (c, e) in zip(computed, expected) {
                #expect(abs(c - e) <= 1e-14, "\(computed) vs \(expected)")
            }
            #expect(computed[1] == sample.autocorrelation(lag: 1))
        }

        @Test func degenerateSamples() throws {
            let empty = try DecimalSample([String]())
            #expect(empty.count == 0)
            #expect(empty.mean.isNaN)
            #expect(empty.standardDeviation().isNaN)
            #expect(empty.autocorrelation(lag: 1).isNaN)

            let one = try DecimalSample(["-12.345"])
            #expect(one.mean == -12.345)
            #expect(one.variance().isNaN)
            #expect(one.variance(denominator: .population) == 0)

            let constant = try DecimalSample(["7.25", "7.250", "72.5e-1"])
            #expect(constant.mean == 7.25)
            #expect(constant.standardDeviation() == 0)
            #expect(constant.autocorrelation(lag: 1).isNaN)

            let zeros = try DecimalSample(["0", "-0.0", "0e5"])
            #expect(zeros.mean == 0)
            #expect(zeros.standardDeviation() == 0)

            let substrings = try DecimalSample("1 2 4".split(separator: " "))
            #expect(substrings.mean == 7.0 / 3.0)
            #expect(substrings.autocorrelation(lag: 0) == 1)
        }

        // MARK: Parsing

        /// Texts a one-value sample must read exactly: its mean is then the standard library's
        /// correctly rounded reading of the same text.
        static let validTexts = [
            "-12.345", "1000000000.1", "1e-3", ".5", "760.", "+3", "0", "-0.0", "1E+2", "00012.5000",
            "2.5e-0", "-.25e2", "1234567890123456789012345678901234567",
            "1234567890123456789012345678901234567000000", "0.0000000000000000000000000000000000001234",
            "1e-10000", "9.999e9999", "0e999999999999",
        ]

        @Test(arguments: validTexts)
        func readsPlainDecimals(_ text: String) throws {
            let sample = try DecimalSample([text])
            #expect(sample.count == 1)
            #expect(sample.mean == Double(text)!)
        }

        /// Invalid texts and the UTF-8 offset where reading fails.
        static let invalidTexts: [(text: String, offset: Int)] = [
            ("", 0), ("-", 1), (".", 1), ("-.", 2), ("1e", 2), ("1e+", 3), ("abc", 0), ("1.2.3", 3),
            (" 1", 0), ("1 ", 1), ("1\r", 1), ("nan", 0), ("inf", 0), ("-Infinity", 1), ("0x10", 1),
            ("1,5", 1), ("--1", 1), ("e5", 0), ("1_000", 1), ("1e5.0", 3), ("+.e1", 2), ("1e2e3", 3),
            ("1e-+2", 3), ("½", 0),
        ]

        @Test(arguments: invalidTexts.indices)
        func rejectsAnythingElse(_ index: Int) {
            let (text, offset) = Self.invalidTexts[index]
            let error = #expect(throws: DecimalSampleError.self) {
                try DecimalSample(["1", "2.5", text, "3"])
            }
            #expect(error?.kind == .notADecimalNumber)
            #expect(error?.index == 2)
            #expect(error?.text == text)
            #expect(error?.offset == offset, "\(text)")
            #expect(error?.description.hasPrefix("value 2: '\(text)' is not a plain decimal number") == true)
        }

        @Test func rejectsTooManyCommonDigits() throws {
            // 37 digits between 10^36 and 10^0 are fine; one more place is not.
            _ = try DecimalSample(["1e36", "1"])
            let wide = #expect(throws: DecimalSampleError.self) {
                try DecimalSample(["1e36", "5", "0.1", "2"])
            }
            #expect(wide?.kind == .tooManyDigits)
            #expect(wide?.index == 2)
            #expect(wide?.text == "0.1")
            #expect(wide?.message == "'0.1' needs 38 decimal digits in common with the values before it; at most 37 are supported")

            let long = #expect(throws: DecimalSampleError.self) {
                try DecimalSample(["12345678901234567890123456789012345678"])
            }
            #expect(long?.kind == .tooManyDigits)
            #expect(long?.index == 0)
        }

        @Test func rejectsExponentsOutOfRange() {
            for text in ["1e10001", "1e-10001", "0.1e-10000", "1e99999999999999999999"] {
                let error = #expect(throws: DecimalSampleError.self) { try DecimalSample([text]) }
                #expect(error?.kind == .exponentOutOfRange, "\(text)")
            }
        }

        @Test func longTextsAreShortenedInMessages() {
            let text = String(repeating: "1", count: 30) + "x" + String(repeating: "2", count: 30)
            let error = #expect(throws: DecimalSampleError.self) { try DecimalSample([text]) }
            #expect(error?.text == text)
            #expect(error?.message.contains("'11111111111111111111…22222222222222222222'") == true)
        }
    }
}
