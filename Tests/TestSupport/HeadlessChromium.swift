import Foundation

/// Debian's `chromium` run headless on a local page: the DOM after load, what the page loaded
/// and logged, and screenshots.
///
/// What happened during the load is read from Chromium's own log (`--enable-logging=stderr
/// --v=1`): `FileURLLoader::Start: URL` for every `file:` load, `NotifyBeforeURLRequest: URL`
/// for every network request, and `CONSOLE` for every console message (errors, CSP violations).
public enum HeadlessChromium {
    /// The browser's path, when one is installed.
    public static let executable: String? = {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser"] {
            for directory in directories where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
                return "\(directory)/\(name)"
            }
        }
        return nil
    }()

    /// What one load of a page did.
    public struct Load: Sendable {
        /// The serialized DOM after load (`--dump-dom`); empty for a screenshot run.
        public let dom: String
        /// The text of each console message.
        public let consoleMessages: [String]
        /// The URL of each `file:` load, the page's own first.
        public let fileLoads: [String]
        /// The URL of each network request, without Chromium's own background requests.
        public let networkRequests: [String]
        /// Chromium's log, for failure messages.
        public let log: String

        /// Everything that went wrong for a page that should load nothing but itself: console
        /// messages, any other file, any network request, and a page that was never loaded.
        public func problems(page: URL) -> [String] {
            var problems = consoleMessages.map { "console: \($0)" }
            if fileLoads.first != page.absoluteString { problems.append("the page was not loaded (file loads: \(fileLoads))") }
            problems += fileLoads.dropFirst().map { "loaded \($0)" }
            problems += networkRequests.map { "requested \($0)" }
            return problems
        }
    }

    /// Hosts of the requests Chromium makes by itself whatever the page (component updates,
    /// network time, accounts, spelling dictionaries); `--disable-background-networking` does
    /// not stop them all.
    static let browserHosts = ["google.com", "googleapis.com", "gvt1.com", "gstatic.com"]

    /// Loads `page` and returns its DOM after load and what it did.
    public static func load(_ page: URL) throws -> Load {
        try run(["--dump-dom", page.absoluteString])
    }

    /// Loads `page` in a `width` × `height` window and writes a screenshot of it to `png`.
    public static func screenshot(_ page: URL, to png: String, width: Int, height: Int) throws -> Load {
        try run(["--hide-scrollbars", "--window-size=\(width),\(height)", "--screenshot=\(png)", page.absoluteString])
    }

    static func run(_ arguments: [String]) throws -> Load {
        guard let executable else { throw ChromiumError(message: "chromium is not installed") }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("insights-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("stdout").path, err = directory.appendingPathComponent("stderr").path
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        _ = FileManager.default.createFile(atPath: err, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        // We run as root in CI, where Chromium's sandbox cannot start.
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                             "--disable-extensions", "--user-data-dir=\(directory.appendingPathComponent("profile").path)",
                             "--enable-logging=stderr", "--v=1"] + arguments
        // Files rather than pipes: Chromium's helper processes may keep a pipe open after it exits.
        let outHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        let errHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        defer {
            try? outHandle.close()
            try? errHandle.close()
        }
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                throw ChromiumError(message: "chromium did not finish within 120 s")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let log = (try? String(contentsOfFile: err, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            throw ChromiumError(message: "chromium exited with \(process.terminationStatus): \(log.suffix(2000))")
        }
        let dom = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        var console: [String] = [], files: [String] = [], requests: [String] = []
        for line in log.split(separator: "\n") {
            if line.contains(":CONSOLE"), let end = line.range(of: "] ") {
                console.append(String(line[end.upperBound...]))
            } else if let start = line.range(of: "FileURLLoader::Start: ") {
                files.append(String(line[start.upperBound...]))
            } else if let start = line.range(of: "NotifyBeforeURLRequest: ") {
                let url = String(line[start.upperBound...])
                let host = URL(string: url)?.host ?? ""
                if !browserHosts.contains(where: { host == $0 || host.hasSuffix("." + $0) }) { requests.append(url) }
            }
        }
        return Load(dom: dom, consoleMessages: console, fileLoads: files, networkRequests: requests, log: log)
    }

    public struct ChromiumError: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }
}
