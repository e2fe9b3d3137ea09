import InsightsStorage
import Testing

/// Selector tests. Where a rule is Prometheus's, the case says so; the reference is the
/// PromQL documentation ("Time series selectors"), and the cases marked "promtool 2.42" were
/// run through Debian's `promtool` 2.42.0 (`check rules` for parse errors, `test rules` for
/// matching) with the same outcome.
struct SelectorTests {
    typealias Expected = (name: String, op: MatchOp, value: String)

    static let parsingCases: [(text: String, matchers: [Expected])] = [
        ("up", [("__name__", .equal, "up")]),
        ("up{}", [("__name__", .equal, "up")]),
        ("job:requests:rate5m", [("__name__", .equal, "job:requests:rate5m")]),
        (#"http_requests_total{job="api", code!="200"}"#,
         [("__name__", .equal, "http_requests_total"), ("job", .equal, "api"), ("code", .notEqual, "200")]),
        (#"up{job=~"api|web", instance!~"10\\..*"}"#,
         [("__name__", .equal, "up"), ("job", .regex, "api|web"), ("instance", .notRegex, #"10\..*"#)]),
        (#"{__name__="x", job="y"}"#, [("__name__", .equal, "x"), ("job", .equal, "y")]),
        (#"{__name__=~"http_.*"}"#, [("__name__", .regex, "http_.*")]),
        // The name matcher moves to the front, so this equals `up{job="a"}`.
        (#"{job="a", __name__="up"}"#, [("__name__", .equal, "up"), ("job", .equal, "a")]),
        (#"up{job="a",}"#, [("__name__", .equal, "up"), ("job", .equal, "a")]),
        (" up {\n  job = \"a\" ,\n  env != 'b'\n} ", [("__name__", .equal, "up"), ("job", .equal, "a"), ("env", .notEqual, "b")]),
        (#"up{path="a\"b\\c\nd\te"}"#, [("__name__", .equal, "up"), ("path", .equal, "a\"b\\c\nd\te")]),
        (#"up{owner='it\'s'}"#, [("__name__", .equal, "up"), ("owner", .equal, "it's")]),
        // Single quotes need no escape for a double quote, and the reverse.
        (#"up{a='say "hi"', b="it's"}"#, [("__name__", .equal, "up"), ("a", .equal, #"say "hi""#), ("b", .equal, "it's")]),
        ("up{re=~`\\d+\\.`}", [("__name__", .equal, "up"), ("re", .regex, #"\d+\."#)]),
        (#"up{city="\u00e9vry", sym="\U0001F600"}"#, [("__name__", .equal, "up"), ("city", .equal, "évry"), ("sym", .equal, "😀")]),
        (#"up{city="Zürich"}"#, [("__name__", .equal, "up"), ("city", .equal, "Zürich")]),
        // Go's byte escapes: hex and octal, assembled as UTF-8.
        (#"up{a="\x41\101", b='\xc3\xa9t\303\251'}"#, [("__name__", .equal, "up"), ("a", .equal, "AA"), ("b", .equal, "été")]),
        (#"{__name__="a", __name__="b"}"#, [("__name__", .equal, "a"), ("__name__", .equal, "b")]),
        // Prometheus 3: quoted names, for OpenTelemetry's dotted names.
        (#"{"http.server.duration", "service.name"="api"}"#,
         [("__name__", .equal, "http.server.duration"), ("service.name", .equal, "api")]),
        (#"{"service.name"=~"a.*", 'http.status'!="200",}"#,
         [("service.name", .regex, "a.*"), ("http.status", .notEqual, "200")]),
        (#"{job="a", "up"}"#, [("__name__", .equal, "up"), ("job", .equal, "a")]),
    ]

    @Test(arguments: parsingCases)
    func parses(text: String, matchers: [Expected]) throws {
        let selector = try SeriesSelector(parsing: text)
        #expect(selector.matchers.map(\.name) == matchers.map(\.name))
        #expect(selector.matchers.map(\.op) == matchers.map(\.op))
        #expect(selector.matchers.map(\.value) == matchers.map(\.value))
    }

    static let matchingCases: [(selector: String, key: SeriesKey, matches: Bool)] = [
        ("up", SeriesKey(metric: "up", labels: ["job": "a"]), true),
        ("up", SeriesKey(metric: "upx"), false),
        (#"up{job="api"}"#, SeriesKey(metric: "up", labels: ["job": "api", "zone": "z"]), true),
        (#"up{job="api"}"#, SeriesKey(metric: "up", labels: ["job": "web"]), false),
        (#"up{job="api"}"#, SeriesKey(metric: "up"), false),
        // Prometheus: a missing label has the empty value, so `!=` selects series without it
        // (promtool 2.42).
        (#"up{job!="api"}"#, SeriesKey(metric: "up"), true),
        (#"up{job!="api"}"#, SeriesKey(metric: "up", labels: ["job": "api"]), false),
        // Prometheus: `k=""` selects series without k; `k!=""` requires k (promtool 2.42).
        (#"up{job=""}"#, SeriesKey(metric: "up"), true),
        (#"up{job=""}"#, SeriesKey(metric: "up", labels: ["job": "a"]), false),
        (#"up{job!=""}"#, SeriesKey(metric: "up"), false),
        (#"up{job!=""}"#, SeriesKey(metric: "up", labels: ["job": "a"]), true),
        // Prometheus: regexes are fully anchored (promtool 2.42).
        (#"up{region=~"eu"}"#, SeriesKey(metric: "up", labels: ["region": "eu-west"]), false),
        (#"up{region=~"eu"}"#, SeriesKey(metric: "up", labels: ["region": "eu"]), true),
        (#"up{region=~"west"}"#, SeriesKey(metric: "up", labels: ["region": "eu-west"]), false),
        (#"up{region=~"eu.*"}"#, SeriesKey(metric: "up", labels: ["region": "eu-west"]), true),
        (#"up{region=~"eu|us"}"#, SeriesKey(metric: "up", labels: ["region": "us"]), true),
        // Anchoring is at the very end: Go's `$` does not skip a final newline (promtool 2.42).
        (#"up{region=~"eu"}"#, SeriesKey(metric: "up", labels: ["region": "eu\n"]), false),
        // Prometheus 3: `.` matches a newline (3.0.0 release notes, #14505; promtool 2.42,
        // from before that change, does not match this case).
        (#"up{text=~"a.b"}"#, SeriesKey(metric: "up", labels: ["text": "a\nb"]), true),
        (#"up{region!~"eu.*"}"#, SeriesKey(metric: "up", labels: ["region": "eu-west"]), false),
        (#"up{region!~"eu.*"}"#, SeriesKey(metric: "up", labels: ["region": "us-east"]), true),
        (#"up{region!~"eu.*"}"#, SeriesKey(metric: "up"), true),
        // A regex that matches the empty string also selects series without the label
        // (promtool 2.42).
        (#"up{region=~"eu|"}"#, SeriesKey(metric: "up"), true),
        (#"up{region=~"eu.+"}"#, SeriesKey(metric: "up"), false),
        (#"up{region=~"EU"}"#, SeriesKey(metric: "up", labels: ["region": "eu"]), false),
        (#"up{region=~"(?i)EU"}"#, SeriesKey(metric: "up", labels: ["region": "eu"]), true),
        (#"{__name__=~"http_.*"}"#, SeriesKey(metric: "http_requests_total"), true),
        (#"{__name__=~"http_.*"}"#, SeriesKey(metric: "grpc_requests_total"), false),
        (#"{__name__=~"http_.*", code=~"5.."}"#, SeriesKey(metric: "http_x", labels: ["code": "503"]), true),
        (#"{__name__=~"http_.*", code=~"5.."}"#, SeriesKey(metric: "http_x", labels: ["code": "200"]), false),
        (#"{__name__!="up", job="a"}"#, SeriesKey(metric: "down", labels: ["job": "a"]), true),
        (#"up{city="Zürich"}"#, SeriesKey(metric: "up", labels: ["city": "Zürich"]), true),
        (#"up{city=~"Z.rich"}"#, SeriesKey(metric: "up", labels: ["city": "Zürich"]), true),
        (#"{"http.server.duration", "service.name"="api"}"#,
         SeriesKey(metric: "http.server.duration", labels: ["service.name": "api"]), true),
        (#"{"http.server.duration", "service.name"="api"}"#,
         SeriesKey(metric: "http_server_duration", labels: ["service.name": "api"]), false),
        (#"up{a="1", b="2", c!~"x"}"#, SeriesKey(metric: "up", labels: ["c": "y", "b": "2", "a": "1"]), true),
        (#"up{a="1", b="2", c!~"x"}"#, SeriesKey(metric: "up", labels: ["c": "x", "b": "2", "a": "1"]), false),
    ]

    @Test(arguments: matchingCases)
    func matches(selector: String, key: SeriesKey, matches: Bool) throws {
        #expect(try SeriesSelector(parsing: selector).matches(key) == matches)
    }

    static let errorCases: [(text: String, message: String, range: Range<Int>)] = [
        ("", "unexpected end of selector; expected a metric name or '{'", 0..<0),
        (#""up""#, #"unexpected '"up"'; expected a metric name or '{'"#, 0..<4),
        ("up@", "unexpected character '@'", 2..<3),
        (#"{1job="a"}"#, "unexpected character '1'", 1..<2),
        (#"up{job="api}"#, "unterminated string", 7..<12),
        ("up{x=`abc}", "unterminated string", 5..<10),
        ("up{x=\"a\nb\"}", "unterminated string", 5..<7),
        (#"up{job="a\qb"}"#, #"unknown escape sequence '\q'"#, 9..<11),
        // Prometheus: only the opening quote may be escaped (promtool 2.42).
        (#"up{job="\'"}"#, #"unknown escape sequence '\''"#, 8..<10),
        (#"up{x="\u00zz"}"#, #"unknown escape sequence '\u00z'"#, 6..<11),
        (#"up{x="\UFFFFFFFF"}"#, #"escape sequence '\UFFFFFFFF' is not a valid code point"#, 6..<16),
        // promtool 2.42 accepts invalid UTF-8 here; no stored label (a Swift String) can hold
        // it, so it is refused rather than silently repaired.
        (#"up{x="\xff"}"#, "string is not valid UTF-8 after resolving escapes", 5..<11),
        (#"up{x="\x4"}"#, #"unknown escape sequence '\x4"'"#, 6..<10),
        // Prometheus: "escape sequence is an invalid Unicode code point" (promtool 2.42).
        (#"up{x="\400"}"#, #"escape sequence '\400' is not a valid code point"#, 6..<10),
        (#"up{x="\8"}"#, #"unknown escape sequence '\8'"#, 6..<8),
        ("up{x=\"a\r\nb\"}", "unterminated string", 5..<7),
        (#"up{job="a""#, "unexpected end of selector; expected ',' or '}'", 10..<10),
        (#"up{job="a" env="b"}"#, "unexpected 'env'; expected ',' or '}'", 11..<14),
        ("up{job}", "unexpected '}'; expected a matcher operator ('=', '!=', '=~' or '!~')", 6..<7),
        (#"up{job=!"a"}"#, "unknown matcher operator '=!'; did you mean '!='?", 6..<8),
        (#"up{job~="a"}"#, "unknown matcher operator '~='; did you mean '=~'?", 6..<8),
        (#"up{job=="a"}"#, "unknown matcher operator '=='; did you mean '='?", 6..<8),
        ("up{job=api}", "unexpected 'api'; expected a quoted label value", 7..<10),
        (#"up{,job="a"}"#, "unexpected ','; expected a label name or '}'", 3..<4),
        (#"up{job="a",,}"#, "unexpected ','; expected a label name or '}'", 11..<12),
        (#"up{a:b="x"}"#, "invalid label name 'a:b'; label names match [a-zA-Z_][a-zA-Z0-9_]*", 3..<6),
        (#"up{job=~"("}"#, "invalid regular expression '('", 8..<11),
        (#"up{job=~"a)"}"#, "invalid regular expression 'a)'", 8..<12),
        // Prometheus: "metric name must not be set twice" (promtool 2.42).
        (#"up{__name__="x"}"#, "metric name set twice, as 'up' and as 'x'", 3..<15),
        // Prometheus: "vector selector must contain at least one non-empty matcher" (promtool 2.42).
        ("{}", "a selector needs a metric name or a matcher that does not match the empty string", 0..<2),
        (#"{job=~".*"}"#, "a selector needs a metric name or a matcher that does not match the empty string", 0..<11),
        (#"{job="", env!~"x"}"#, "a selector needs a metric name or a matcher that does not match the empty string", 0..<18),
        (#"up{"x"}"#, "metric name set twice, as 'up' and as 'x'", 3..<6),
        (#"{"a", "b"}"#, "metric name set twice, as 'a' and as 'b'", 6..<9),
        (#"{__name__=~"a.*", "b"}"#, "metric name set twice, as 'a.*' and as 'b'", 18..<21),
        (#"{"", job="a"}"#, "a metric or label name must not be empty", 1..<3),
        (#"{""="x"}"#, "a metric or label name must not be empty", 1..<3),
        (#"{"a.b" "x"}"#, #"unexpected '"x"'; expected a matcher operator ('=', '!=', '=~' or '!~')"#, 7..<10),
        (#"up{job="a"} offset"#, "unexpected 'offset' after the selector", 12..<18),
        (#"up{job="a"}[5m]"#, "unexpected character '['", 11..<12),
    ]

    @Test(arguments: errorCases)
    func rejects(text: String, message: String, range: Range<Int>) {
        #expect {
            _ = try SeriesSelector(parsing: text)
        } throws: { error in
            guard let error = error as? SelectorError else { return false }
            return error.message == message && error.range == range && error.text == text
        }
    }

    @Test func renderedUnderlinesTheToken() {
        #expect {
            _ = try SeriesSelector(parsing: #"up{job=!"api"}"#)
        } throws: { error in
            (error as? SelectorError)?.rendered == """
                unknown matcher operator '=!'; did you mean '!='?
                  up{job=!"api"}
                        ^~
                """
        }
    }

    static let descriptionCases: [(text: String, canonical: String)] = [
        ("up", "up"),
        ("up{}", "up"),
        (#"{__name__="up"}"#, "up"),
        (#"{job="a", __name__="up"}"#, #"up{job="a"}"#),
        (" up { job = 'a' , } ", #"up{job="a"}"#),
        (#"up{job=~"a|b",env!~"x",zone!=""}"#, #"up{job=~"a|b", env!~"x", zone!=""}"#),
        (#"{__name__=~"http_.*"}"#, #"{__name__=~"http_.*"}"#),
        (#"{__name__="a", __name__="b"}"#, #"{__name__="a", __name__="b"}"#),
        (#"{__name__="1bad", job="x"}"#, #"{__name__="1bad", job="x"}"#),
        (#"up{path='a"b\\c\nd'}"#, #"up{path="a\"b\\c\nd"}"#),
        ("up{re=~`\\d+`}", #"up{re=~"\\d+"}"#),
        (#"{"http.server.duration", "service.name"="api"}"#, #"{__name__="http.server.duration", "service.name"="api"}"#),
        (#"{"say \"hi\""="x"}"#, #"{"say \"hi\""="x"}"#),
    ]

    @Test(arguments: descriptionCases)
    func describesCanonically(text: String, canonical: String) throws {
        let selector = try SeriesSelector(parsing: text)
        #expect(selector.description == canonical)
        #expect(try SeriesSelector(parsing: canonical) == selector)
    }

    @Test func pushDownParts() throws {
        let named = try SeriesSelector(parsing: #"up{job="a", env!="b", zone="", region=~"eu.*", team="c"}"#)
        #expect(named.metricName == "up")
        #expect(named.equalityMatchers.map(\.key) == ["job", "team"])
        #expect(named.equalityMatchers.map(\.value) == ["a", "c"])
        let unnamed = try SeriesSelector(parsing: #"{__name__=~"x.*", job="a"}"#)
        #expect(unnamed.metricName == nil)
        #expect(unnamed.equalityMatchers.map(\.key) == ["job"])
    }

    @Test func equalityIgnoresOnlyNamePlacement() throws {
        #expect(try SeriesSelector(parsing: #"up{job="a"}"#) == SeriesSelector(parsing: #"{job="a", __name__="up"}"#))
        #expect(try SeriesSelector(parsing: #"up{job="a"}"#) != SeriesSelector(parsing: #"up{job=~"a"}"#))
    }
}
