import Foundation
import InsightsNumerics
import InsightsStorage
import Testing
import TestSupport

/// `Store.eventColumns`: events filtered by name, time and property into columns.
struct StoreEventColumnsTests {
    static let here = SourceLocation(file: "test", line: 1)

    static func store(_ events: [BehaviorEvent]) throws -> Store {
        let store = try Store(path: try TemporaryDatabase.path())
        try store.write { writer in for event in events { try writer.event(event, at: here) } }
        return store
    }

    static let events = [
        BehaviorEvent(timestamp: 10, distinctID: "u1", event: "signup", propertiesJSON: #"{"plan":"pro","seats":3}"#),
        BehaviorEvent(timestamp: 20, distinctID: "u2", event: "signup", propertiesJSON: #"{"plan":"free","beta":true}"#),
        BehaviorEvent(timestamp: 30, distinctID: "u1", event: "purchase", propertiesJSON: #"{"amount":99,"plan":"pro"}"#),
        BehaviorEvent(timestamp: 40, distinctID: "u3", event: "signup", propertiesJSON: #"{"plan":"99"}"#),
        BehaviorEvent(timestamp: 50, distinctID: "u2", event: "purchase", propertiesJSON: #"{"amount":19.5}"#),
    ]

    @Test func namesTimeAndColumns() throws {
        let store = try Self.store(Self.events)
        let all = try store.eventColumns(.init(properties: ["plan", "amount", "beta"]))
        #expect(all.timestamps == [10, 20, 30, 40, 50])
        #expect(all.actorIDs == ["u1", "u2", "u3"] && all.actors == [0, 1, 0, 2, 1])
        #expect(all.eventNames == ["signup", "purchase"] && all.names == [0, 0, 1, 0, 1])
        #expect(all.properties["plan"] == [#""pro""#, #""free""#, #""pro""#, #""99""#, nil])
        #expect(all.properties["amount"] == [nil, nil, "99", nil, "19.5"])
        #expect(all.properties["beta"] == [nil, "true", nil, nil, nil])
        let window = try store.eventColumns(.init(names: ["signup"], from: 15, to: 40))
        #expect(window.timestamps == [20, 40] && window.actorIDs == ["u2", "u3"])
    }

    @Test func propertyFilters() throws {
        let store = try Self.store(Self.events)
        func times(_ filters: [Store.PropertyFilter], names: [String]? = nil) throws -> [Timestamp] {
            try store.eventColumns(.init(names: names, filters: filters)).timestamps
        }
        #expect(try times([.init("plan", .equals("pro"))]) == [10, 30])
        // "99" matches the string "99" and the number 99.
        #expect(try times([.init("plan", .equals("99"))]) == [40])
        #expect(try times([.init("amount", .equals("99"))]) == [30])
        #expect(try times([.init("beta", .equals("true"))]) == [20])
        // Not-equals keeps events without the property.
        #expect(try times([.init("plan", .notEquals("pro"))]) == [20, 40, 50])
        #expect(try times([.init("amount", .exists)]) == [30, 50])
        #expect(try times([.init("amount", .absent)], names: ["purchase"]) == [])
        #expect(try times([.init("plan", .equals("pro")), .init("seats", .exists)]) == [10])
        // Values are bound parameters: quotes and SQL in them are just text.
        #expect(try times([.init("plan", .equals(#"pro' OR 1=1 --"#))]) == [])
        #expect(throws: StorageError.self) { try times([.init(#"a"b"#, .exists)]) }
    }

    /// Against a reference computed in the test with Foundation's JSON parser over 2,000
    /// random events.
    @Test func agreesWithAReferenceFilter() throws {
        var random = SplitMix64(seed: 11)
        var events: [BehaviorEvent] = []
        let plans = ["free", "pro", "team"]
        for index in 0..<2000 {
            var properties: [String] = []
            if random.next() % 4 != 0 { properties.append(#""plan":"\#(plans[Int(random.next() % 3)])""#) }
            if random.next() % 2 == 0 { properties.append(#""n":\#(random.next() % 5)"#) }
            events.append(BehaviorEvent(timestamp: Int64(index), distinctID: "u\(random.next() % 300)",
                                        event: ["a", "b", "c"][Int(random.next() % 3)],
                                        propertiesJSON: "{" + properties.joined(separator: ",") + "}"))
        }
        let store = try Self.store(events)
        let got = try store.eventColumns(.init(names: ["a", "c"], from: 100, to: 1800,
                                               filters: [.init("plan", .notEquals("pro")), .init("n", .equals("3"))]))
        let expected = try events.filter { event in
            let object = try JSONSerialization.jsonObject(with: Data(event.propertiesJSON.utf8)) as! [String: Any]
            return ["a", "c"].contains(event.event) && (100...1800).contains(event.timestamp)
                && (object["plan"] as? String) != "pro" && (object["n"] as? Int) == 3
        }
        #expect(got.timestamps == expected.map(\.timestamp))
        #expect(got.actors.map { got.actorIDs[Int($0)] } == expected.map(\.distinctID))
        #expect(got.names.map { got.eventNames[Int($0)] } == expected.map(\.event))
        #expect(!expected.isEmpty)
    }
}
