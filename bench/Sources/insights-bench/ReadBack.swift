import Foundation
import InsightsStorage

/// `insights-bench read-back DB`: every point of every series into contiguous arrays, timed.
enum ReadBack {
    static func run(database: String) throws {
        let start = DispatchTime.now()
        let store = try Store(path: database, readOnly: true)
        let ids = try store.seriesKeys().map(\.id)
        let listed = DispatchTime.now()
        let series = try Store.points(ofSeries: ids, in: database, workers: ProcessInfo.processInfo.activeProcessorCount)
        let end = DispatchTime.now()
        let points = series.reduce(0) { $0 + $1.timestamps.count }
        let checksum = series.reduce(0.0) { $0 + $1.values.reduce(0, +) }
        let seconds = Double(end.uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let listSeconds = Double(listed.uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        print(String(format: "read-back: %d points of %d series into arrays in %.2f s (%.1fM points/s, %d reader connections; target < 1 s for 10M), of which listing the series %.3f s; checksum %.6g",
                     points, ids.count, seconds, Double(points) / seconds / 1e6,
                     ProcessInfo.processInfo.activeProcessorCount, listSeconds, checksum))
    }
}
