import ArgumentParser

/// A failure a command reports to the user, with the exit code it implies
/// (sysexits.h): 64 for a command line that cannot be carried out as written (a
/// formula that does not parse, a file that cannot be read), 65 for input data the
/// command cannot use (a bad cell, an unknown column, a design that cannot be fitted), 69
/// for a service that gave no answer (a Prometheus server still unreachable after retries), 78
/// (EX_CONFIG) for a configuration file that cannot be read or has an error.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    let exitCode: Int32

    static func usage(_ message: String) -> Self { .init(description: message, exitCode: 64) }
    static func data(_ message: String) -> Self { .init(description: message, exitCode: 65) }
    static func unavailable(_ message: String) -> Self { .init(description: message, exitCode: 69) }
}
