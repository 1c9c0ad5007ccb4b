import Foundation
import Testing
@testable import Presence

/// RFC 3863, RFC 4479, RFC 4480 and RFC 4481 example documents.
@Suite("RFC example documents: PIDF, data model, RPID, timed-status")
struct RFCExamplePIDFTests {
    @Test("RFC 3863: the PIDF namespace under any prefix, or as the default")
    func prefixedAndDefault() throws {
        let prefixed = try PresenceFixtures.pidf("rfc3863-example-prefixed.xml")
        let plain = try PresenceFixtures.pidf("rfc3863-example-default-namespace.xml")
        #expect(prefixed == plain)
        #expect(prefixed.entity == "pres:someone@example.com")
        #expect(prefixed.tuples == [PresenceTuple(id: "sg89ae", basic: .open,
                                                  contact: PresenceContact(uri: "tel:+09012345678", priority: 0.8))])
    }

    @Test("RFC 3863: a status extension in another namespace is skipped")
    func statusExtension() throws {
        let document = try PresenceFixtures.pidf("rfc3863-example-status-extension.xml")
        #expect(document.tuples == [PresenceTuple(id: "ub93s3", basic: .open,
                                                  contact: PresenceContact(uri: "im:someone@example.com"))])
    }

    @Test("RFC 3863: two tuples, im:im busy, notes in English and French, a timestamp")
    func notesAndTuples() throws {
        let document = try PresenceFixtures.pidf("rfc3863-example-im-notes.xml")
        #expect(document.tuples.count == 2)
        let first = document.tuples[0]
        #expect(first.id == "bs35r9")
        #expect(first.basic == .open)
        #expect(first.imStatus == "busy")
        #expect(first.contact == PresenceContact(uri: "im:someone@mobilecarrier.net", priority: 0.8))
        #expect(first.notes == [LocalizedNote("Don't Disturb Please!", language: "en"),
                                LocalizedNote("Ne derangez pas, s'il vous plait", language: "fr")])
        #expect(first.timestamp?.text == "2001-10-27T16:49:29Z")
        #expect(first.timestamp?.date == instant("2001-10-27T16:49:29Z"))
        #expect(document.tuples[1] == PresenceTuple(id: "eg92n8", basic: .open,
                                                    contact: PresenceContact(uri: "mailto:someone@example.com", priority: 1.0)))
        #expect(document.notes == [LocalizedNote("I'll be in Tokyo next week")])

        let status = PresenceInterpreter(preferredLanguages: ["fr"]).status(of: document, now: instant("2001-10-28T00:00:00Z"))
        #expect(status.availability == .busy, "im:im busy on an open tuple")
        #expect(status.contacts.map(\.uri) == ["mailto:someone@example.com", "im:someone@mobilecarrier.net"])
        #expect(status.note?.text == "I'll be in Tokyo next week", "the document note comes before tuple notes")
    }

    @Test("RFC 3863: unknown extensions in tuples and presence are skipped; contact text is trimmed")
    func extensions() throws {
        let document = try PresenceFixtures.pidf("rfc3863-example-extensions.xml")
        #expect(document.tuples.map(\.id) == ["ck38g9", "md66je"])
        #expect(document.tuples.map(\.contact) == [PresenceContact(uri: "tel:+09012345678", priority: 0.65),
                                                   PresenceContact(uri: "im:someone@mobilecarrier.net", priority: 1.0)])
    }

    @Test("RFC 3863: an unknown element marked mustUnderstand flags the document")
    func mustUnderstand() throws {
        let reading = try PIDFReader.read(PresenceFixtures.bytes("rfc3863-example-must-understand.xml"))
        guard case .notUnderstood(let reasons, let partial) = reading else {
            Issue.record("expected notUnderstood, got \(reading)")
            return
        }
        #expect(reasons.count == 1)
        #expect(reasons.first?.contains("ex1") == true)
        #expect(reasons.first?.contains("tuple \"tj25ds\"") == true)
        #expect(partial.tuples.first?.contact?.priority == 0.725)
        #expect(PresenceInterpreter().interpret(reading, now: Date()) == .notUnderstood(reasons: reasons))
    }

    @Test("RFC 4479: a service, a person on the phone and an idle device")
    func dataModel() throws {
        let document = try PresenceFixtures.pidf("rfc4479-example.xml")
        #expect(document.tuples.first?.deviceIDs == ["mac:8asd7d7d70"])
        #expect(document.tuples.first?.contact == PresenceContact(uri: "sip:someone@example.com"))
        #expect(document.persons.map(\.id) == ["p1"])
        #expect(document.entity == "", "the example carries no entity attribute")
        #expect(document.tuples.first?.basic == .open, "the caps:servcaps extension in the tuple is skipped")
        #expect(document.persons.first?.activities?.activities == [.onThePhone])
        #expect(document.persons.first?.timestamp == nil)
        #expect(document.devices == [PresenceDevice(id: "pc122", deviceID: "mac:8asd7d7d70", userInput: UserInput(.idle),
                                                    timestamp: nil)])
        let status = PresenceInterpreter().status(of: document, now: instant("2005-05-30T22:01:00Z"))
        #expect(status.availability == .onThePhone)
        #expect(status.activities == [.onThePhone])
    }

    @Test("RFC 4480: every RPID element of the example")
    func rpid() throws {
        let document = try PresenceFixtures.pidf("rfc4480-example.xml")
        #expect(document.tuples.map(\.id) == ["bs35r9", "ty4658", "eg92n8"])
        #expect(document.tuples[0].deviceIDs == ["urn:device:0003ba4811e3"])
        #expect(document.tuples[2].rpidClass == "email")
        #expect(document.tuples[2].statusIcon == "http://example.com/mail.png")
        #expect(document.tuples[0].contact == PresenceContact(uri: "im:someone@mobile.example.net", priority: 0.8))
        #expect(document.notes == [LocalizedNote("I'll be in Tokyo next week")])

        let device = try #require(document.devices.first)
        #expect(device.id == "pc147")
        #expect(device.deviceID == "urn:device:0003ba4811e3")
        #expect(device.notes == [LocalizedNote("PC")])
        #expect(device.userInput?.state == .idle)
        #expect(device.userInput?.idleThreshold == 600)
        #expect(device.userInput?.lastInput?.date == instant("2004-10-21T18:20:00Z"))

        let person = try #require(document.persons.first)
        #expect(person.id == "p1")
        #expect(person.activities == RPIDActivities([.away], from: XMLDateTime(text: "2005-05-30T12:00:00+05:00"),
                                                    until: XMLDateTime(text: "2005-05-30T17:00:00+05:00"),
                                                    notes: [LocalizedNote("Far away")]))
        #expect(person.rpidClass == "calendar")
        #expect(person.mood == RPIDMood(["angry"], other: "brooding"))
        #expect(person.placeType == RPIDPlaceType(["residence"]))
        #expect(person.privacy == RPIDPrivacy(["unknown"]))
        #expect(person.sphere == "bowling league")
        #expect(person.statusIcon == "http://example.com/play.gif")
        #expect(person.timeOffset == TimeOffset(minutes: -240))
        #expect(person.notes == [LocalizedNote("Scoring 120")])
        #expect(person.timestamp?.date == instant("2005-05-30T11:09:44Z"))
    }

    @Test("RFC 4480: what the example means at 10:00 UTC, inside the away interval")
    func rpidInterpretation() throws {
        let document = try PresenceFixtures.pidf("rfc4480-example.xml")
        let status = PresenceInterpreter().status(of: document, now: instant("2005-05-30T10:00:00Z"))
        #expect(status.availability == .away)
        #expect(status.activities == [.away])
        #expect(status.note == LocalizedNote("Scoring 120"))
        #expect(status.place == "residence")
        #expect(status.mood == ["angry", "brooding"])
        #expect(status.idleSince?.text == "2004-10-21T13:20:00-05:00")
        #expect(status.contacts.map(\.tupleID) == ["ty4658", "eg92n8", "bs35r9"], "by priority, ties in document order")

        let later = PresenceInterpreter().status(of: document, now: instant("2005-06-01T10:00:00Z"))
        #expect(later.activities.isEmpty, "the away activity ended at 17:00+05:00")
        #expect(later.availability == .away, "the PC is still idle")
    }

    @Test("RFC 4481: closed next week while open now, as a schedule")
    func timedStatus() throws {
        let document = try PresenceFixtures.pidf("rfc4481-example.xml")
        let tuple = try #require(document.tuples.first)
        #expect(tuple.basic == .open)
        #expect(tuple.contact == PresenceContact(uri: "sip:someone@example.com"))
        #expect(tuple.timedStatuses == [TimedStatus(from: XMLDateTime(text: "2005-08-15T10:20:00.000-05:00"),
                                                    until: XMLDateTime(text: "2005-08-22T19:30:00.000-05:00"),
                                                    basic: .closed)])
        #expect(document.notes == [LocalizedNote("I'll be in Tokyo next week", language: "en")])

        let status = PresenceInterpreter().status(of: document, now: instant("2005-08-01T00:00:00Z"))
        #expect(status.availability == .available)
        #expect(status.schedule.count == 1)
        #expect(status.schedule.first?.basic == .closed)
        #expect(status.schedule.first?.from.date == instant("2005-08-15T15:20:00Z"))
    }
}
