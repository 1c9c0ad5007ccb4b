import Foundation
@testable import PhoneCore
import Presence
import SIPCore
import SIPUA
import Testing

/// Our own document, read back the way a watcher reads it, and a buddy's
/// NOTIFYs turned into one merged status.
@Suite struct OwnPresenceTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let interpreter = PresenceInterpreter()

    static func readBack(_ document: PIDFDocument) throws -> PresenceStatus {
        let reading = try PIDFReader.read(PIDFWriter.bytes(document))
        return try #require(interpreter.interpret(reading, now: now).status)
    }

    @Test("busy with a note and an end time reads back as busy with that note")
    func busyWithNote() throws {
        let until = Self.now.addingTimeInterval(3600)
        let document = OwnPresenceDocument.document(
            entity: "sip:alice@example.test", contact: "sip:alice@127.0.0.1:5070",
            status: OwnStatus(activity: "busy", note: "in a meeting", until: until), call: nil, now: Self.now)
        let status = try Self.readBack(document)
        #expect(status.availability == .busy)
        #expect(status.note?.text == "in a meeting")
        #expect(status.activities == [.busy])
        #expect(document.persons.first?.activities?.until?.date == until)
        // after `until` the activity is no longer in force
        let later = Self.interpreter.interpret(try PIDFReader.read(PIDFWriter.bytes(document)),
                                               now: until.addingTimeInterval(60))
        #expect(later.status?.availability == .available)
    }

    @Test("a call publishes on-the-phone with session type, codec, bitrate and peer; the note stays")
    func onThePhone() throws {
        let call = CallPresence(codec: "PCMU", bitrate: 64000, peerUserAgent: "Linphone/5.2")
        let document = OwnPresenceDocument.document(
            entity: "sip:alice@example.test", contact: nil, status: OwnStatus(activity: "away", note: "back soon"),
            call: call, now: Self.now)
        let status = try Self.readBack(document)
        #expect(status.availability == .onThePhone)
        #expect(status.note?.text == "back soon")
        #expect(document.tuples.first?.notes.first?.text == "audio call, PCMU 64 kbit/s, with Linphone/5.2")
    }

    @Test("offline publishes a closed tuple; available has no activity; ids are stable")
    func offlineAndAvailable() throws {
        let offline = OwnPresenceDocument.document(entity: "sip:a@x.test", contact: nil,
                                                   status: OwnStatus(activity: "offline"), call: nil, now: Self.now)
        #expect(try Self.readBack(offline).availability == .offline)
        let available = OwnPresenceDocument.document(entity: "sip:a@x.test", contact: nil, status: nil, call: nil,
                                                     now: Self.now.addingTimeInterval(5))
        #expect(try Self.readBack(available).availability == .available)
        #expect(available.persons.first?.activities == nil)
        #expect(offline.tuples.first?.id == available.tuples.first?.id, "watchers match tuples by id")
        #expect(OwnStatus.isValidActivity("meeting") && !OwnStatus.isValidActivity("partying"))
    }

    static func pidf(_ activity: String?, note: String? = nil) -> EventBody {
        let status = activity.map { OwnStatus(activity: $0, note: note) }
        let document = OwnPresenceDocument.document(entity: "sip:bob@example.test", contact: nil, status: status,
                                                    call: nil, now: now)
        return EventBody(contentType: .pidf, bytes: PIDFWriter.bytes(document))
    }

    static func dialogInfo(_ state: String) -> EventBody {
        let xml = """
        <?xml version="1.0"?>
        <dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="1" state="full" entity="sip:bob@example.test">
        <dialog id="d1" direction="initiator"><state>\(state)</state></dialog></dialog-info>
        """
        return EventBody(contentType: MediaType("application", "dialog-info+xml"), bytes: Array(xml.utf8))
    }

    @Test("a buddy is complete only once both packages spoke; BLF in a call beats the PIDF (M4)")
    func buddyMerge() {
        var buddy = BuddyRecord(account: "a", uri: "sip:bob@example.test")
        #expect(buddy.snapshot.status == "unknown" && !buddy.snapshot.complete)
        buddy.subscriptionChanged(package: "presence", to: .active(expiresAt: .origin))
        buddy.notified(package: "presence", body: Self.pidf("busy", note: "in a meeting"),
                       interpreter: Self.interpreter, now: Self.now)
        #expect(buddy.snapshot.status == "busy" && buddy.snapshot.note == "in a meeting")
        #expect(!buddy.snapshot.complete, "the dialog package has said nothing yet")
        buddy.notified(package: "dialog", body: nil, interpreter: Self.interpreter, now: Self.now)
        #expect(buddy.snapshot.complete && buddy.snapshot.line == "idle")
        buddy.notified(package: "dialog", body: Self.dialogInfo("confirmed"), interpreter: Self.interpreter,
                       now: Self.now.addingTimeInterval(1))
        #expect(buddy.snapshot.status == "on-the-phone" && buddy.snapshot.rule == "M4")
        #expect(buddy.snapshot.note == "in a meeting", "the note is always the PIDF's")
    }

    @Test("a failed subscription is its own state; an unreadable PIDF is not understood, not a status")
    func failuresAreShownAsSuch() {
        var failed = BuddyRecord(account: "a", uri: "sip:nobody@example.test")
        failed.subscriptionChanged(package: "presence",
                                   to: .failed(.rejected(statusCode: 404, reasonPhrase: "Not Found"), retryAt: nil))
        failed.subscriptionChanged(package: "dialog", to: .active(expiresAt: .origin))
        #expect(failed.snapshot.status == "subscription-failed")
        #expect(failed.snapshot.reason == "404 Not Found")
        #expect(!failed.snapshot.complete, "the dialog subscription has not spoken")
        failed.notified(package: "dialog", body: nil, interpreter: Self.interpreter, now: Self.now)
        #expect(failed.snapshot.complete && failed.snapshot.status == "subscription-failed")

        var garbled = BuddyRecord(account: "a", uri: "sip:bob@example.test")
        garbled.notified(package: "presence", body: EventBody(contentType: .pidf, bytes: Array("<presence".utf8)),
                         interpreter: Self.interpreter, now: Self.now)
        #expect(garbled.snapshot.status == "not-understood")
    }

    @Test("snapshots written before presence existed still decode")
    func oldSnapshotDecodes() throws {
        let old = """
        {"accounts":[{"id":"alice","aor":"sip:alice@example.test","nextHop":"sip:127.0.0.1","transport":"udp",
        "insecureTLS":false,"registration":{"status":"registered","bindings":[]}}]}
        """
        let snapshot = try JSONDecoder().decode(PhoneSnapshot.self, from: Data(old.utf8))
        #expect(snapshot.accounts.first?.presence == nil && snapshot.buddies == nil)
        #expect(snapshot.accounts.first?.registration.status == .registered)
    }
}
