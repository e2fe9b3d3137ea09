import Foundation
import InsightsAnalysis
import TestSupport

extension PrometheusServer {
    /// `/api/v1/query_range` for `query` between `start` and `end` seconds at `step` seconds:
    /// the matrix result as series (timestamps in nanoseconds, values parsed from Prometheus's
    /// shortest round-trip decimal strings).
    func queryRange(_ query: String, start: Int64, end: Int64, step: Int64) async throws -> [PromQLSeries] {
        var components = URLComponents()
        components.queryItems = [
            URLQueryItem(name: "query", value: query), URLQueryItem(name: "start", value: "\(start)"),
            URLQueryItem(name: "end", value: "\(end)"), URLQueryItem(name: "step", value: "\(step)"),
        ]
        // `+` is legal in a query string but means a space to Prometheus's form parser.
        let encoded = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B") ?? ""
        let (_, body) = try await get("/api/v1/query_range?" + encoded)
        guard let json = try JSONSerialization.jsonObject(with: body) as? [String: Any],
              json["status"] as? String == "success",
              let data = json["data"] as? [String: Any], data["resultType"] as? String == "matrix",
              let result = data["result"] as? [[String: Any]] else {
            throw Failure(description: "unexpected answer to \(query): \(String(decoding: body, as: UTF8.self).prefix(500))")
        }
        return try result.map { entry in
            guard let labels = entry["metric"] as? [String: String], let points = entry["values"] as? [[Any]] else {
                throw Failure(description: "unexpected series in the answer to \(query)")
            }
            var timestamps: [Int64] = [], values: [Double] = []
            for point in points {
                guard point.count == 2, let time = (point[0] as? NSNumber)?.doubleValue, let text = point[1] as? String,
                      let value = Self.parseValue(text) else {
                    throw Failure(description: "unexpected point \(point) in the answer to \(query)")
                }
                timestamps.append(Int64((time * 1_000).rounded()) * 1_000_000)
                values.append(value)
            }
            return PromQLSeries(labels: labels, timestamps: timestamps, values: values)
        }
    }

    private static func parseValue(_ text: String) -> Double? {
        switch text {
        case "NaN": return .nan
        case "+Inf": return .infinity
        case "-Inf": return -.infinity
        default: return Double(text)
        }
    }
}
