import Foundation
import InsightsStorage

/// `insights-bench read-back DB`: every point of every series into contiguous arrays, timed.
enum ReadBack {
    static func run(database: String) throws {
        let start = DispatchTime.now()
        let store = try Store(path: database, readOnly: true)
        var points = 0
        var checksum = 0.0
        let catalog = try store.series()
        let listed = DispatchTime.now()
        for info in catalog {
            let (timestamps, values) = try store.points(seriesID: info.id, capacity: info.pointCount)
            points += timestamps.count
            checksum += values.reduce(0, +)
        }
        let end = DispatchTime.now()
        let seconds = Double(end.uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let catalogSeconds = Double(listed.uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        print(String(format: "read-back: %d points into arrays in %.2f s (%.1fM points/s; target < 1 s for 10M), of which the catalog (series with counts) %.2f s; checksum %.6g",
                     points, seconds, Double(points) / seconds / 1e6, catalogSeconds, checksum))
    }
}
