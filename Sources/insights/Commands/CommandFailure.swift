import ArgumentParser

/// A failure a command reports to the user, with the exit code it implies
/// (sysexits.h): 65 for bad data or formulas, 66 for an unreadable input file.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    let exitCode: Int32

    static func data(_ message: String) -> Self { .init(description: message, exitCode: 65) }
    static func input(_ message: String) -> Self { .init(description: message, exitCode: 66) }
}
