import Testing
@testable import InsightsAnalysis

/// The configuration file's TOML subset and its schema: every value kind parses to what was
/// written; every error carries the line and column of the offending text; unknown keys name
/// the nearest known one.
struct ConfigurationTests {
    @Test func everyValueKind() throws {
        let root = try ConfigParser.parse("""
            # a comment line
            title = "insights"   # trailing comment
            escaped = "tab\\there \\"q\\" \\\\ \\u00e9"
            literal = 'C:\\path\\no escapes'
            int = -1_000
            positive = +42
            float = 6.02e23
            small = -0.5
            infinite = -inf
            yes = true
            no = false
            list = [1, 2.5, "three",
                    false,  # comments and line breaks inside arrays
            ]
            inline = { service = "checkout", "odd key" = 1 }
            empty = {}

            [table-one]
            "quoted key" = 1
            [[many]]
            a = 1
            [[many]]
            a = 2
            """)
        func value(_ key: String) -> ConfigValue? { root[key]?.value }
        #expect(value("title") == .string("insights"))
        #expect(value("escaped") == .string("tab\there \"q\" \\ é"))
        #expect(value("literal") == .string("C:\\path\\no escapes"))
        #expect(value("int") == .integer(-1000))
        #expect(value("positive") == .integer(42))
        #expect(value("float")?.number.map { abs($0 - 6.02e23) <= 1e-12 * 6.02e23 } == true)
        #expect(value("small") == .float(-0.5))
        #expect(value("infinite") == .float(-.infinity))
        #expect(value("yes") == .boolean(true) && value("no") == .boolean(false))
        #expect(value("list") == .array([.integer(1), .float(2.5), .string("three"), .boolean(false)]))
        guard case .table(let inline) = value("inline"), case .table(let empty) = value("empty") else {
            Issue.record("inline tables did not parse as tables")
            return
        }
        #expect(inline["service"]?.value == .string("checkout") && inline["odd key"]?.value == .integer(1))
        #expect(empty.entries.isEmpty)
        guard case .table(let one) = value("table-one"), case .array(let many) = value("many") else {
            Issue.record("headers did not parse")
            return
        }
        #expect(one["quoted key"]?.value == .integer(1))
        #expect(many.count == 2)
        if case .table(let second) = many[1] { #expect(second["a"]?.value == .integer(2)) }
        // Locations: the key of `int` is on line 5, column 1; its value at column 7.
        #expect(root["int"]?.location == ConfigLocation(line: 5, column: 1))
        #expect(root["int"]?.valueLocation == ConfigLocation(line: 5, column: 7))
    }

    @Test func theIssueExample() throws {
        let configuration = try InsightsConfiguration.parse("""
            [capacity]            # limits the capacity rule forecasts against, by metric name glob
            "disk_*_ratio" = 0.9
            "queue_depth" = 500
            [[slo]]               # service level objectives, for the health score
            name = "checkout latency"
            metric = "http_request_duration_seconds_p95"
            matchers = { service = "checkout" }   # optional; or a selector string
            objective = 0.3        # the metric's unit
            direction = "below"    # good when below the objective
            target = 0.99          # share of buckets that must be good
            [[slo]]
            name = "availability"
            metric = "availability_*"
            matchers = '{service="search", region="us-east"}'
            objective = 0.999
            direction = "above"
            weight = 2
            [health]
            default_slos = false
            """)
        #expect(configuration.capacity == [.init(pattern: "disk_*_ratio", value: 0.9), .init(pattern: "queue_depth", value: 500)])
        #expect(configuration.objectives == [
            ServiceLevelObjective(name: "checkout latency", metric: "http_request_duration_seconds_p95",
                                  matchers: [.init(label: "service", value: "checkout")], objective: 0.3, direction: .below,
                                  target: 0.99),
            ServiceLevelObjective(name: "availability", metric: "availability_*",
                                  matchers: [.init(label: "service", value: "search"), .init(label: "region", value: "us-east")],
                                  objective: 0.999, direction: .above, target: 0.99, weight: 2),
        ])
        #expect(configuration.defaultObjectives == false)
        // The glob limit replaces the name-based default; other names keep theirs.
        #expect(CapacityThresholds.limit(for: "disk_root_ratio", overrides: configuration.capacity)?.value == 0.9)
        #expect(CapacityThresholds.limit(for: "queue_depth", overrides: configuration.capacity)
                == .init(value: 500, resource: "capacity"))
        #expect(CapacityThresholds.limit(for: "cpu_usage_ratio", overrides: configuration.capacity)?.value == 0.95)
        #expect(CapacityThresholds.limit(for: "queue_length", overrides: configuration.capacity) == nil)
        #expect(try InsightsConfiguration.parse("") == .defaults)
    }

    @Test(arguments: [
        // Syntax.
        ("a = ", 1, 5, "expected a value after '='"),
        ("a = \"open", 1, 5, "unterminated string"),
        ("a = 1 2", 1, 7, "unexpected '2' after the value of 'a'"),
        ("[capacity\nx = 1", 1, 10, "expected ']' to close the table header 'capacity'"),
        ("a = 01", 1, 5, "leading zeros are not allowed in '01'"),
        ("a = 1__0", 1, 5, "'_' in a number must stand between digits"),
        ("a = .5", 1, 5, "unknown value '.5'"),
        ("a = yes", 1, 5, "unknown value 'yes'"),
        ("a = no", 1, 5, "unknown value 'no'"),
        ("a = -x", 1, 5, "unknown value '-x'"),
        ("a = \"\\q\"", 1, 7, "unknown escape '\\q'"),
        ("a.b = 1", 1, 2, "dotted keys are not supported"),
        ("a = [1, 2", 1, 5, "unterminated array"),
        ("a = { b = 1 c = 2 }", 1, 13, "expected ',' or '}' in the inline table"),
        ("a = 1\na = 2", 2, 1, "key 'a' is set twice (first at 1:1)"),
        ("[health]\n[health]", 2, 2, "table 'health' is defined twice"),
        // Schema.
        ("[capasity]\n", 1, 2, "unknown key 'capasity' in the file; did you mean 'capacity'?"),
        ("[capacity]\n\"disk_*\" = \"high\"", 2, 12, "capacity limit 'disk_*' must be a number, not a string"),
        ("[[slo]]\nname = \"x\"\nmetric = \"m\"\nobjective = 1\ntraget = 0.9", 5, 1,
         "unknown key 'traget' in [[slo]]; did you mean 'target'?"),
        ("[[slo]]\nname = \"x\"\nmetric = \"m\"\nobjective = 1\ndirection = \"bellow\"", 5, 13,
         "'direction' is \"below\" or \"above\", not 'bellow'; did you mean 'below'?"),
        ("[[slo]]\nname = \"x\"\nmetric = \"m\"\nobjective = 1\ntarget = 99", 5, 10, "'target' must be a share between 0 and 1"),
        ("[[slo]]\nname = \"x\"\nmetric = \"m\"", 1, 1, "[[slo]] 'x' needs an objective"),
        ("[slo]\nname = \"x\"", 1, 2, "'slo' is an array of tables: write [[slo]]"),
        ("[health]\ndefault_slo = true", 2, 1, "unknown key 'default_slo' in [health]; did you mean 'default_slos'?"),
        ("[[slo]]\nname = \"x\"\nmetric = \"m\"\nobjective = 1\nmatchers = 'service=\"a\"'", 5, 12, "a selector string is written"),
    ])
    func errorsAreLocated(text: String, line: Int, column: Int, message: String) {
        do {
            _ = try InsightsConfiguration.parse(text)
            Issue.record("'\(text)' parsed")
        } catch {
            #expect(error.location == ConfigLocation(line: line, column: column), "\(text): \(error)")
            #expect(error.message.contains(message), "\(text): \(error.message)")
        }
    }

    @Test func errorsRenderWithACaret() {
        let text = "[capacity]\n\"disk_*\" = true\n"
        do {
            _ = try InsightsConfiguration.parse(text)
            Issue.record("parsed")
        } catch {
            #expect(error.rendered(source: text, name: "insights.toml") == """
                insights.toml:2:12: error: capacity limit 'disk_*' must be a number, not a boolean
                "disk_*" = true
                           ^
                """)
        }
    }

    @Test(arguments: [
        ("disk_*_ratio", "disk_root_ratio", true), ("disk_*_ratio", "disk_ratio", false), ("disk_*", "disk_", true),
        ("*", "", true), ("a?c", "abc", true), ("a?c", "ac", false), ("*_p95", "http_duration_seconds_p95", true),
        ("a*b*c", "aXbYbZc", true), ("a*b*c", "aXbYbZ", false), ("exact", "exact", true), ("exact", "exactly", false),
    ])
    func globs(pattern: String, name: String, matches: Bool) {
        #expect(Glob.matches(pattern, name) == matches, "\(pattern) ~ \(name)")
    }
}
