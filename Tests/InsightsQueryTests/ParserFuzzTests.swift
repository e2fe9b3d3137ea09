import Foundation
import InsightsQuery
import Testing

/// Seeded random-input test of the statement front end: the script splitter, the lexer, the
/// parser, error rendering and completion. Input `i` of a run comes from seed `SEED + i` alone:
///
/// - 4 in 10 are scripts of grammar-directed valid statements, which must split into as many
///   pieces as statements and each parse to the kind generated;
/// - 4 in 10 are such scripts mutated (tokens and characters deleted, duplicated, swapped,
///   inserted: quotes, brackets, `$`, control characters, unicode, long names and numbers,
///   deep nesting);
/// - 2 in 10 are random bytes decoded as UTF-8 with replacement.
///
/// A `QueryError` is fine; a trap is not, nor is an error located outside its input or one whose
/// line and column disagree with its offset. `INSIGHTS_FUZZ_COUNT` sets the number of inputs
/// (default 4,000, under 10 s in a debug build), `INSIGHTS_FUZZ_SEED` the first seed (1);
/// `make fuzz` runs 1,000,000. A failure names its seed: rerun it alone with that seed and a count of 1.
struct ParserFuzzTests {
    static let environment = ProcessInfo.processInfo.environment
    static let count = environment["INSIGHTS_FUZZ_COUNT"].flatMap { Int($0) } ?? 4_000
    static let firstSeed = environment["INSIGHTS_FUZZ_SEED"].flatMap { UInt64($0) } ?? 1

    @Test func randomStatementsNeverTrapAndErrorsPointInsideTheInput() {
        let started = ContinuousClock.now
        var failures = 0
        var parsed = 0
        for index in 0..<UInt64(Self.count) {
            let seed = Self.firstSeed &+ index
            var generator = StatementGenerator(seed: seed)
            let statements = (0...generator.random.below(3)).map { _ in generator.statement() }
            var script = ""
            for statement in statements {
                script += statement.text + generator.random.pick([";\n", "; ", ";", ";\n-- comment\n", " ;\n\n"])
            }
            var problems: [String] = []
            switch seed % 10 {
            case 0...3:
                problems += FuzzChecks.validScript(script, statements, bindings: generator.bindings)
                parsed += statements.count
            case 4...7:
                script = Mutator.mutate(script, random: &generator.random)
            default:
                script = Mutator.randomBytes(random: &generator.random)
            }
            problems += FuzzChecks.anyScript(script, bindings: generator.bindings)
            problems += FuzzChecks.completion(script, cut: generator.random.below(script.unicodeScalars.count + 1))
            for problem in problems where failures < 20 {
                failures += 1
                Issue.record("seed \(seed): \(problem)\ninput: \(script.debugDescription)")
            }
        }
        let elapsed = ContinuousClock.now - started
        print("parser fuzz: \(Self.count) inputs, seeds \(Self.firstSeed)..<\(Self.firstSeed &+ UInt64(Self.count)), "
              + "\(parsed) valid statements parsed, \(elapsed.formatted(.units(allowed: [.seconds], fractionalPart: .show(length: 1))))")
        #expect(parsed > 0)
    }

    /// Nested aggregations and functions parse at every depth below `Parser.maximumDepth`
    /// (the innermost selector is one more level).
    @Test(arguments: [1, 2, 10, 50, 100, Parser.maximumDepth - 1])
    func deepNestingParses(depth: Int) throws {
        var generator = StatementGenerator(seed: UInt64(depth))
        let text = "trend " + generator.nested(depth: depth) + " since 1d"
        let statement = try Parser.parse(text)
        guard case .analysis(let analysis) = statement else { Issue.record("not an analysis: \(text)"); return }
        var levels = 0
        var expression = analysis.selection.expression
        while true {
            switch expression {
            case .aggregate(_, _, let operand, _): expression = operand
            case .call(_, let arguments, _): expression = arguments[arguments.count - 1]
            default:
                #expect(levels == depth)
                return
            }
            levels += 1
        }
    }

    /// Deeper nesting is an error at the token where the limit is reached, never a stack
    /// overflow (without the limit, about 10,600 levels crashed the release binary).
    @Test(arguments: [Parser.maximumDepth, Parser.maximumDepth + 1, 20_000])
    func tooDeepNestingIsAnError(depth: Int) {
        var generator = StatementGenerator(seed: UInt64(depth))
        let text = "trend " + generator.nested(depth: depth) + " since 1d"
        #expect(throws: QueryError.self) { try Parser.parse(text) }
        do { _ = try Parser.parse(text) } catch {
            #expect(error.message == "expressions nest deeper than \(Parser.maximumDepth) levels")
        }
    }

    /// Inputs the fuzzer found that trapped or hung (each ran the parser to a crash or forever).
    @Test(arguments: [
        // Duration sum overflow: 292y fits in Int64 nanoseconds, 292y1y does not.
        "sum(cpu[292y1y])", "292y292y", "9223372036s9223372036s",
        // `to` without `from` is a clause name the option loop stops at and the clause loop
        // does not take: the selection loop made no progress.
        "cpu to 1d", "trend cpu to", "forecast cpu since 1d to 2d horizon 1d",
    ])
    func foundByFuzzing(text: String) {
        let problems = FuzzChecks.anyScript(text, bindings: [:])
        #expect(problems.isEmpty, "\(problems)")
        #expect(throws: QueryError.self) { try Parser.parse(text) }
    }

    /// `last` is `since` after options too (the option loop stopped only at `since`).
    @Test func lastAfterOptions() throws {
        let statement = try Parser.parse("trend cpu robust last 2w")
        guard case .analysis(let analysis) = statement else { Issue.record("not an analysis: \(statement)"); return }
        #expect(analysis.selection.window == .since("2w") && analysis.options.map(\.name) == ["robust"])
    }

    /// A backslash-escaped line break inside an open quote moves the next piece to the next line.
    @Test func escapedLineBreakInAQuoteCountsAsALine() {
        let script = "cpu{a=\"x\\\ny\"}; trend cpu"
        let pieces = ScriptSplitter.statements(script)
        #expect(pieces.map(\.location) == [TextPosition(line: 1, column: 1, offset: 0), TextPosition(line: 2, column: 5, offset: 14)])
    }
}
