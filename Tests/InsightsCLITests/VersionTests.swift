import Testing
import TestSupport

/// The executable's front door: `--version` and `--help`.
struct VersionTests {
    @Test func versionPrintsTheReleaseNumber() throws {
        let result = try BinaryRunner.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("0.1.0"))
    }

    @Test func helpListsTheRegressSubcommand() throws {
        let result = try BinaryRunner.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: insights"))
        #expect(result.stdout.contains("regress"))
    }
}
