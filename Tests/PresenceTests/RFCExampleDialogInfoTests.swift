import Foundation
import Testing
@testable import Presence

/// RFC 4235 examples, the BLF state they mean, and the tracker that
/// applies full and partial notifications in version order.
@Suite("RFC example documents: dialog-info and BLF")
struct RFCExampleDialogInfoTests {
    static func read(_ name: String) throws -> DialogInfoDocument {
        try #require(DialogInfoReader.read(PresenceFixtures.bytes(name)).document)
    }

    @Test("RFC 4235: an early dialog, version 0, full state")
    func early() throws {
        let document = try Self.read("rfc4235-example-early.xml")
        #expect(document.version == 0)
        #expect(document.state == .full)
        #expect(document.entity == "sip:alice@example.com")
        #expect(document.dialogs == [DialogInfoDialog(id: "as7d900as8", callID: "a84b4c76e66710", localTag: "1928301774",
                                                      remoteTag: "456887766", direction: .initiator, state: .early)])
        #expect(BLFState(document: document) == .ringing(direction: .initiator))
    }

    @Test("RFC 4235: a confirmed dialog with its parties, duration and target parameter")
    func confirmed() throws {
        let document = try Self.read("rfc4235-example-confirmed.xml")
        let dialog = try #require(document.dialogs.first)
        #expect(dialog.state == .confirmed)
        #expect(dialog.duration == 274)
        #expect(dialog.local == DialogParticipant(identity: "sip:alice@example.com", displayName: "Alice",
                                                  target: "sip:alice@pc33.example.com",
                                                  targetParameters: [.init(name: "+sip.rendering", value: "yes")]))
        #expect(dialog.remote == DialogParticipant(identity: "sip:bob@example.org", displayName: "Bob",
                                                   target: "sip:bobster@phone21.example.org"))
        #expect(BLFState(document: document) == .onThePhone)
    }

    @Test("RFC 4235: a partial update that ends the dialog, rejected with 486")
    func terminated() throws {
        let document = try Self.read("rfc4235-example-terminated.xml")
        #expect(document.state == .partial)
        #expect(document.version == 2)
        let dialog = try #require(document.dialogs.first)
        #expect(dialog.state == .terminated)
        #expect(dialog.stateEvent == "rejected")
        #expect(dialog.stateCode == 486)
        #expect(BLFState(document: document) == .terminated(event: "rejected", code: 486))
    }

    @Test("BLF: no dialogs is idle; confirmed beats early beats terminated")
    func strongestDialog() {
        #expect(BLFState(dialogs: []) == .idle)
        let early = DialogInfoDialog(id: "1", direction: .recipient, state: .early)
        let confirmed = DialogInfoDialog(id: "2", state: .confirmed)
        let ended = DialogInfoDialog(id: "3", state: .terminated, stateEvent: "remote-bye")
        let unknown = DialogInfoDialog(id: "4", state: nil)
        #expect(BLFState(dialogs: [ended, early, confirmed]) == .onThePhone)
        #expect(BLFState(dialogs: [ended, early]) == .ringing(direction: .recipient))
        #expect(BLFState(dialogs: [ended, unknown]) == .terminated(event: "remote-bye", code: nil))
        #expect(BLFState(dialogs: [unknown]) == .idle, "a dialog without a known state says nothing")
        #expect(BLFState(dialogs: [DialogInfoDialog(id: "5", state: .trying)]) == .ringing(direction: nil))
    }

    @Test("Tracker: early, confirmed, terminated in order; stale and gapped versions")
    func tracker() throws {
        var tracker = DialogInfoTracker()
        #expect(tracker.state == .idle)
        #expect(tracker.apply(try Self.read("rfc4235-example-early.xml")) == .applied)
        #expect(tracker.state == .ringing(direction: .initiator))
        #expect(tracker.apply(try Self.read("rfc4235-example-confirmed.xml")) == .applied)
        #expect(tracker.state == .onThePhone)
        let ended = try Self.read("rfc4235-example-terminated.xml")
        #expect(tracker.apply(ended) == .applied)
        #expect(tracker.state == .terminated(event: "rejected", code: 486))
        #expect(tracker.apply(ended) == .staleIgnored, "the same version again")
        #expect(tracker.version == 2)

        let skipped = DialogInfoDocument(version: 5, state: .partial, entity: "sip:alice@example.com",
                                         dialogs: [DialogInfoDialog(id: "x", state: .confirmed)])
        #expect(tracker.apply(skipped) == .versionGap(expected: 3, received: 5))
        #expect(tracker.state == .terminated(event: "rejected", code: 486), "a gapped update is not applied")

        let next = DialogInfoDocument(version: 3, state: .partial, entity: "sip:alice@example.com",
                                      dialogs: [DialogInfoDialog(id: "new", direction: .recipient, state: .early)])
        #expect(tracker.apply(next) == .applied)
        #expect(tracker.dialogs.map(\.id) == ["new"], "the terminated dialog is forgotten on the next update")
        #expect(tracker.state == .ringing(direction: .recipient))

        let full = DialogInfoDocument(version: 9, state: .full, entity: "sip:alice@example.com")
        #expect(tracker.apply(full) == .applied, "a full document may jump versions")
        #expect(tracker.state == .idle)
    }
}
