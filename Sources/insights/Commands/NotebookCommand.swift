import ArgumentParser
import Foundation
import InsightsStorage

/// `insights notebook`: Jupyter notebooks (nbformat v4) whose code cells are the shell's
/// language (docs/NOTEBOOKS.md).
struct NotebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notebook",
        abstract: "Create and run notebooks whose code cells are the query language (docs/NOTEBOOKS.md).",
        subcommands: [NotebookNew.self, NotebookRun.self])
}

/// `insights notebook new FILE.ipynb`: a starter notebook on the demo data.
struct NotebookNew: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a starter notebook: a parameters cell and a few statements on the demo data.")

    @Argument(help: ArgumentHelp("Notebook file to create.", valueName: "file"))
    var file: String

    @Flag(name: .long, help: "Replace the file when it exists.")
    var force = false

    func run() throws {
        guard force || !FileManager.default.fileExists(atPath: file) else {
            throw CommandFailure.usage("\(file) exists (--force replaces it)")
        }
        do { try Self.starter.text.write(toFile: file, atomically: true, encoding: .utf8) } catch {
            throw CommandFailure.usage("cannot write \(file): \(error.localizedDescription)")
        }
    }

    /// The metadata that makes a notebook an insights notebook: Jupyter's kernel and language.
    static let kernelspec: JSONValue = .object(["name": .string("insights"), "display_name": .string("insights"),
                                                "language": .string("insights")])
    static let languageInfo: JSONValue = .object(["name": .string("insights"), "file_extension": .string(".iq")])

    /// The starter notebook.
    static var starter: Notebook {
        let cells: [Notebook.Cell] = [
            .markdown("# Service health\n\nRun with `insights notebook run FILE.ipynb --db DB`; "
                      + "`-p service NAME` picks another service.", id: "intro"),
            .code("let service = \"checkout\"", id: "parameters", tags: [NotebookRunner.parametersTag]),
            .code("http_request_duration_seconds_p95{service=$service} since 2d", id: "latency"),
            .code("trend http_request_duration_seconds_p95{service=$service} since 7d", id: "trend"),
            .code(".chart on\nforecast http_requests_per_second{service=$service} since 7d horizon 1d level 80,95\n.chart off",
                  id: "forecast"),
        ]
        return Notebook(cells: cells, top: [
            "metadata": .object(["kernelspec": kernelspec, "language_info": languageInfo]),
            "nbformat": .integer(4),
            "nbformat_minor": .integer(5),
        ])
    }
}

/// `insights notebook run FILE.ipynb`: every code cell in order, outputs written back.
struct NotebookRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run every code cell in order and write the outputs into the notebook.",
        discussion: """
            Exit status: 0 when every cell succeeded, 1 when a cell failed (its error is in the cell). \
            A failed cell stops at its failing statement; later cells still run unless --stop-on-error.
            """)

    @Argument(help: ArgumentHelp("Notebook file.", valueName: "file"))
    var file: String

    @Option(name: .long, help: ArgumentHelp("Database file (default: $INSIGHTS_DB, else ./insights.db).", valueName: "file"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("Write the run notebook here instead of over FILE.", valueName: "file"))
    var output: String?

    @Option(name: .customShort("p"), parsing: .upToNextOption,
            help: ArgumentHelp("A parameter and its value (repeatable): -p service checkout.", valueName: "name value"))
    var parameter: [String] = []

    @Flag(name: .long, help: "Stop at the first cell with an error; later cells are left without outputs.")
    var stopOnError = false

    @Option(name: .long, help: ArgumentHelp("Also write the run notebook as a standalone HTML report (inline SVG and CSS, no external assets).",
                                            valueName: "file"))
    var html: String?

    func validate() throws {
        guard parameter.count % 2 == 0 else { throw ValidationError("-p takes a name and a value") }
        for name in stride(from: 0, to: parameter.count, by: 2).map({ parameter[$0] }) {
            guard let first = name.first, first.isLetter || first == "_", name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw ValidationError("-p '\(name)' is not a name")
            }
        }
    }

    func run() throws {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw CommandFailure.usage("cannot read \(file)")
        }
        var notebook: Notebook
        do { notebook = try Notebook(parsing: text) } catch let error as Notebook.FormatError {
            throw CommandFailure.usage(error.located(in: file))
        }
        if let kernel = notebook.kernel, kernel != "insights" {
            throw CommandFailure.usage("\(file) is a notebook for the '\(kernel)' kernel; insights runs notebooks whose "
                                       + "metadata.kernelspec.name (or language_info.name) is insights, as notebook new writes them")
        }
        notebook.claimKernel()
        let session = Session(databasePath: db, mode: .table, interactive: false)
        // Every cell would fail the same way: say it once, before running any.
        guard FileManager.default.fileExists(atPath: session.path) else {
            throw CommandFailure.usage("no database at \(session.path) (--db FILE, or $INSIGHTS_DB; make run builds .build/demo.db)")
        }
        let pairs = stride(from: 0, to: parameter.count, by: 2).map { (name: parameter[$0], value: parameter[$0 + 1]) }
        let runner = NotebookRunner(parameters: pairs, stopOnError: stopOnError)
        for warning in runner.unknownParameters(in: notebook) {
            FileHandle.standardError.write(Data("\(file): warning: \(warning)\n".utf8))
        }
        let result = runner.run(notebook, session: session)
        let target = output ?? file
        do { try result.notebook.text.write(toFile: target, atomically: true, encoding: .utf8) } catch {
            throw CommandFailure.usage("cannot write \(target): \(error.localizedDescription)")
        }
        if let html {
            let report = NotebookHTML(notebook: result.notebook, name: URL(fileURLWithPath: file).lastPathComponent)
            do { try report.html.write(toFile: html, atomically: true, encoding: .utf8) } catch {
                throw CommandFailure.usage("cannot write \(html): \(error.localizedDescription)")
            }
        }
        if result.failures > 0 {
            FileHandle.standardError.write(Data("\(target): \(result.failures) cell\(result.failures == 1 ? "" : "s") failed\n".utf8))
            throw ExitCode(1)
        }
    }
}
