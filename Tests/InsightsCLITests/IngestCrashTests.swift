import Foundation
import InsightsNumerics
import InsightsStorage
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `insights ingest` killed with SIGKILL at random moments never leaves a corrupt
/// database or part of a file, and a reader running beside it never sees part of one.
@Suite(.serialized)
struct IngestCrashTests {
    static let files = 3
    static let rowsPerFile = 20_000

    /// Three long CSVs, one series each, so "none or all of each file" is a point count.
    static func writeFiles() throws -> [String] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("insights-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try (0..<files).map { file in
            var text = "timestamp,metric,value,host\n"
            for row in 0..<rowsPerFile {
                text += "\(1_700_000_000 + row * 60),load,\(Double(row % 97) / 7),h\(file)\n"
            }
            let path = directory.appendingPathComponent("load\(file).csv").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
    }

    /// Point counts per file's series, and SQLite's integrity verdict.
    static func inspect(_ database: String) throws -> (counts: [Int], integrity: [String]) {
        guard FileManager.default.fileExists(atPath: database) else { return ([0, 0, 0], ["ok"]) }
        let opened = Result { () throws(StorageError) in try Store(path: database, readOnly: true) }
        if case .failure(let error) = opened, error.isUninitialized {
            // Killed before the schema was created: the file holds nothing.
            return ([0, 0, 0], ["ok"])
        }
        let store = try opened.get()
        let series = try store.series()
        let counts = (0..<files).map { file in
            series.first { $0.key.labelDictionary["host"] == "h\(file)" }?.pointCount ?? 0
        }
        return (counts, try store.integrityCheck())
    }

    @Test func sigkillAtRandomMomentsLeavesWholeFilesOrNothing() throws {
        let paths = try Self.writeFiles()
        // How long a full ingest takes here, to spread the kills over it.
        let probe = try TemporaryDatabase.path()
        let start = Date()
        let full = try BinaryRunner.run(["ingest", "--db", probe] + paths)
        #expect(full.status == 0, "\(full.stderr)")
        let duration = Date().timeIntervalSince(start)
        #expect(try Self.inspect(probe).counts == [Self.rowsPerFile, Self.rowsPerFile, Self.rowsPerFile])

        var generator = SplitMix64(seed: 20261127)
        var outcomes: [Int: Int] = [:]
        for _ in 0..<50 {
            let database = try TemporaryDatabase.path()
            let process = Process()
            process.executableURL = BinaryRunner.executableURL
            process.arguments = ["ingest", "--db", database] + paths
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(useconds_t(generator.uniform() * duration * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let (counts, integrity) = try Self.inspect(database)
            #expect(integrity == ["ok"], "\(integrity)")
            #expect(counts.allSatisfy { $0 == 0 || $0 == Self.rowsPerFile }, "partial file: \(counts)")
            // Files are ingested in order, each committed before the next starts.
            #expect(counts == counts.sorted(by: >), "out of order: \(counts)")
            outcomes[counts.filter { $0 > 0 }.count, default: 0] += 1
        }
        // The kills must have landed at different stages, or the test proves little.
        #expect(outcomes.keys.count >= 2, "\(outcomes)")
    }

    @Test func aConcurrentReaderSeesWholeFilesOnly() throws {
        let paths = try Self.writeFiles()
        let database = try TemporaryDatabase.path()
        // Create the schema first so the reader can open the file from the start.
        _ = try Store(path: database)
        let process = Process()
        process.executableURL = BinaryRunner.executableURL
        process.arguments = ["ingest", "--db", database] + paths
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var observations = Set<[Int]>()
        while process.isRunning {
            let (counts, integrity) = try Self.inspect(database)
            #expect(integrity == ["ok"])
            #expect(counts.allSatisfy { $0 == 0 || $0 == Self.rowsPerFile }, "reader saw a partial file: \(counts)")
            observations.insert(counts)
        }
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(try Self.inspect(database).counts == [Self.rowsPerFile, Self.rowsPerFile, Self.rowsPerFile])
        #expect(!observations.isEmpty)
    }
}
