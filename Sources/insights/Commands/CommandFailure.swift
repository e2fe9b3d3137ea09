import ArgumentParser

/// A failure a command reports to the user, with the exit code it implies
/// (sysexits.h): 65 for bad data or formulas, 64 for an input file that cannot be read —
/// the CLI contract has two codes for bad input, and a path that does not open is a
/// problem with the command line rather than with data.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    let exitCode: Int32

    static func data(_ message: String) -> Self { .init(description: message, exitCode: 65) }
    static func input(_ message: String) -> Self { .init(description: message, exitCode: 64) }
}
