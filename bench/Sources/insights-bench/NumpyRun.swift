import Foundation

/// What `bench/trend_fit_numpy.py` reports.
struct NumpyReport: Decodable {
    struct Timing: Decodable {
        let best: Double
        let median: Double
    }

    struct Agreement: Decodable {
        let lstsq: Double
        let qr_path: Double
    }

    let numpy: String
    let blas: String
    let timings: [String: Timing]
    let fastest_qr_path: String
    let coefficient_agreement: Agreement?
    let hac_agreement_statsmodels: Double?
    let statsmodels_hac_per_series_ms: Double?
}

/// Runs the numpy script on the files the benchmark wrote.
enum NumpyRun {
    /// OpenBLAS tuning variables that some machine images set and that slow numpy's own OpenBLAS;
    /// the numpy child runs without them.
    static let removedVariables = ["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"]

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func run(script: String, arguments: [String]) throws -> NumpyReport {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script] + arguments
        var environment = ProcessInfo.processInfo.environment
        for name in removedVariables { environment[name] = nil }
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "python3 \(script) exited with status \(process.terminationStatus)")
        }
        do {
            return try JSONDecoder().decode(NumpyReport.self, from: data)
        } catch {
            throw Failure(description: "cannot read the numpy report: \(error)\n\(String(decoding: data, as: UTF8.self))")
        }
    }

    /// Writes a column-major matrix's elements as raw little-endian float64.
    static func write(_ values: [Double], to url: URL) throws {
        precondition(UInt16(littleEndian: 1) == 1, "the raw files are written in host order, which must be little-endian")
        try values.withUnsafeBytes { try Data($0).write(to: url) }
    }
}
