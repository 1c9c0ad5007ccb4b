import Foundation
import Testing
@testable import Presence

/// The availability rules of `PresenceInterpreter`, one case each.
@Suite("Interpreting PIDF into a status")
struct PresenceInterpreterTests {
    static let now = instant("2026-11-21T12:00:00Z")

    static func document(basic: [BasicStatus?] = [.open], im: String? = nil, activities: RPIDActivities? = nil,
                         idle: Bool = false) -> PIDFDocument {
        PIDFDocument(
            entity: "sip:bob@example.com",
            tuples: basic.enumerated().map { PresenceTuple(id: "t\($0.offset)", basic: $0.element, imStatus: im) },
            persons: activities == nil && !idle ? [] : [PresencePerson(
                id: "p", activities: activities,
                userInput: idle ? UserInput(.idle, lastInput: XMLDateTime(text: "2026-11-21T11:30:00Z")) : nil)])
    }

    static func availability(_ document: PIDFDocument) -> Availability {
        PresenceInterpreter().status(of: document, now: now).availability
    }

    @Test("an open tuple is available; all closed is offline", arguments: [
        ([.open], .available),
        ([.closed], .offline),
        ([.closed, .open], .available),
        ([.closed, .closed], .offline),
        ([nil], .offline),
    ] as [([BasicStatus?], Availability)])
    func basic(statuses: [BasicStatus?], expected: Availability) {
        #expect(Self.availability(Self.document(basic: statuses)) == expected)
    }

    @Test("RPID activities map to availability", arguments: [
        (RPIDActivity.onThePhone, Availability.onThePhone),
        (.busy, .busy), (.meeting, .busy), (.appointment, .busy), (.presentation, .busy), (.steering, .busy),
        (.away, .away), (.meal, .away), (.lunch, .away), (.vacation, .away), (.holiday, .away), (.sleeping, .away),
        (.inTransit, .away), (.travel, .away), (.permanentAbsence, .away),
        (.working, .available), (.unknown, .available), (.other("coding"), .available),
    ])
    func activity(activity: RPIDActivity, expected: Availability) {
        #expect(Self.availability(Self.document(activities: RPIDActivities([activity]))) == expected)
    }

    @Test("the most restrictive of several wins: on the phone, busy, away")
    func restrictiveness() {
        #expect(Self.availability(Self.document(activities: RPIDActivities([.away, .onThePhone, .busy]))) == .onThePhone)
        #expect(Self.availability(Self.document(activities: RPIDActivities([.away, .busy]))) == .busy)
        #expect(Self.availability(Self.document(activities: RPIDActivities([.away]), idle: true)) == .away)
        #expect(Self.availability(Self.document(im: "busy", idle: true)) == .busy)
    }

    @Test("offline stays offline whatever the activities say")
    func offlineWins() {
        #expect(Self.availability(Self.document(basic: [.closed], activities: RPIDActivities([.onThePhone]))) == .offline)
    }

    @Test("activities count only between from and until; later ones are scheduled")
    func timedActivities() {
        let past = RPIDActivities([.busy], from: XMLDateTime(text: "2026-11-21T08:00:00Z"), until: XMLDateTime(text: "2026-11-21T09:00:00Z"))
        let current = RPIDActivities([.busy], from: XMLDateTime(text: "2026-11-21T11:00:00Z"), until: XMLDateTime(text: "2026-11-21T13:00:00Z"))
        let future = RPIDActivities([.vacation], from: XMLDateTime(text: "2026-12-01T00:00:00Z"))
        #expect(Self.availability(Self.document(activities: past)) == .available)
        #expect(Self.availability(Self.document(activities: current)) == .busy)
        let status = PresenceInterpreter().status(of: Self.document(activities: future), now: Self.now)
        #expect(status.availability == .available)
        #expect(status.schedule.map(\.activities) == [[.vacation]])
    }

    @Test("legacy im:im values", arguments: [("busy", Availability.busy), ("away", .away), ("on-the-phone", .onThePhone),
                                             ("DND", .busy), ("online", .available)])
    func imStatus(value: String, expected: Availability) {
        #expect(Self.availability(Self.document(im: value)) == expected)
    }

    @Test("idle user input is away, with the time input stopped")
    func idle() {
        let status = PresenceInterpreter().status(of: Self.document(idle: true), now: Self.now)
        #expect(status.availability == .away)
        #expect(status.idleSince?.date == instant("2026-11-21T11:30:00Z"))
    }

    @Test("a person without tuples still tells availability")
    func personOnly() {
        let document = PIDFDocument(entity: "sip:b@example.com",
                                    persons: [PresencePerson(id: "p", activities: RPIDActivities([.meeting]))])
        #expect(Self.availability(document) == .busy)
    }

    @Test("the note follows the preferred languages")
    func noteLanguage() {
        let document = PIDFDocument(entity: "sip:b@example.com", tuples: [PresenceTuple(id: "t", basic: .open)],
                                    persons: [PresencePerson(id: "p", notes: [LocalizedNote("Lunch", language: "en"),
                                                                              LocalizedNote("Mittagessen", language: "de")])])
        #expect(PresenceInterpreter(preferredLanguages: ["de-AT"]).status(of: document, now: Self.now).note?.text == "Mittagessen")
        #expect(PresenceInterpreter(preferredLanguages: ["en"]).status(of: document, now: Self.now).note?.text == "Lunch")
        #expect(PresenceInterpreter().status(of: document, now: Self.now).note?.text == "Lunch")
    }

    @Test("the newest timestamp of the document is the status's timestamp")
    func timestamp() {
        let document = PIDFDocument(entity: "sip:b@example.com", tuples: [
            PresenceTuple(id: "a", basic: .open, timestamp: XMLDateTime(text: "2026-11-21T10:00:00Z")),
            PresenceTuple(id: "b", basic: .open, timestamp: XMLDateTime(text: "2026-11-21T11:00:00Z")),
        ], persons: [PresencePerson(id: "p", timestamp: XMLDateTime(text: "bad"))])
        #expect(PresenceInterpreter().status(of: document, now: Self.now).timestamp == instant("2026-11-21T11:00:00Z"))
    }
}
