import Foundation
import PhoneCore
import Testing
@testable import Commands

/// The presence commands' input checks and output rules, without a server.
@Suite struct PresenceCommandGrammarTests {
    @Test("bad input is a usage error before anything is sent", arguments: [
        ["status", "set", "partying"],
        ["status", "set", "busy", "--until", "tomorrow-ish"],
        ["status", "set", "busy", "--until", "25:00"],
        ["watch"],
        ["watch", "sip:a@example.test", "--timeout", "0"],
        ["message", "sip:a@example.test", ""],
        ["message", "sip:a@example.test"],
    ])
    func usageErrors(_ arguments: [String]) async {
        let capture = CommandGrammarTests.Capture()
        let status = await CommandRunner.run(arguments, context: capture.context)
        #expect(status == SwitchboardExit.usageOrIO.rawValue, "\(arguments): \(capture.errors.withLock { $0 })")
    }

    @Test("--until: RFC 3339, HH:MM today or tomorrow, +MINUTES; anything else nil")
    func untilForms() throws {
        let now = try #require(ISO8601DateFormatter().date(from: "2026-11-21T12:00:00Z"))
        #expect(StatusTime.parse("2026-11-21T15:30:00Z", now: now) == now.addingTimeInterval(3.5 * 3600))
        #expect(StatusTime.parse("+90", now: now) == now.addingTimeInterval(90 * 60))
        let later = try #require(StatusTime.parse("23:59", now: now))
        #expect(later > now && later < now.addingTimeInterval(36 * 3600))
        let past = try #require(StatusTime.parse("00:01", now: now))
        #expect(past > now, "a time already past today means tomorrow")
        for bad in ["+0", "+x", "7:5", "24:00", "noon", ""] { #expect(StatusTime.parse(bad, now: now) == nil, "\(bad)") }
    }

    /// A buddy as a running instance reports it (the JSON of a `buddy` event).
    static func buddy(_ uri: String, _ status: String, complete: Bool) -> BuddySnapshot {
        let json = """
        {"account":"a","uri":"\(uri)","status":"\(status)","rule":"M8","source":"pidf","activities":[],
         "presenceSubscription":"active","dialogSubscription":"active","stale":false,"complete":\(complete)}
        """
        // a fixture written here: failing to decode it is a bug in the test
        return try! JSONDecoder().decode(BuddySnapshot.self, from: Data(json.utf8))
    }

    @Test("watch --once prints each URI once, at its first full state, and is done when all have one")
    func oncePrinting() {
        let capture = CommandGrammarTests.Capture()
        var printer = WatchPrinter(watched: ["sip:a@x.test", "sip:b@x.test"], once: true, json: false)
        printer.show(Self.buddy("sip:a@x.test", "unknown", complete: false), context: capture.context)
        printer.show(Self.buddy("sip:a@x.test", "busy", complete: true), context: capture.context)
        printer.show(Self.buddy("sip:a@x.test", "away", complete: true), context: capture.context)
        printer.show(Self.buddy("sip:c@x.test", "busy", complete: true), context: capture.context)
        #expect(!printer.isDone)
        printer.show(Self.buddy("sip:b@x.test", "offline", complete: true), context: capture.context)
        #expect(printer.isDone)
        #expect(capture.output.withLock { $0 } == "sip:a@x.test busy\nsip:b@x.test offline\n")

        var all = WatchPrinter(watched: ["sip:a@x.test"], once: false, json: true)
        all.show(Self.buddy("sip:a@x.test", "unknown", complete: false), context: capture.context)
        #expect(!all.isDone)
        #expect(capture.output.withLock { $0 }.hasSuffix("\"status\":\"unknown\",\"uri\":\"sip:a@x.test\"}\n"))
    }
}
