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

    @Test("RFC 4235 §6.1: the first notification, version 0, full, a trying half-dialog with no remote tag")
    func trying() throws {
        let document = try Self.read("rfc4235-example-trying.xml")
        #expect(document.version == 0)
        #expect(document.state == .full)
        #expect(document.entity == "sip:alice@example.com")
        #expect(document.dialogs == [DialogInfoDialog(id: "as7d900as8", callID: "a84b4c76e66710", localTag: "1928301774",
                                                      direction: .initiator, state: .trying)])
        #expect(BLFState(document: document) == .ringing(direction: .initiator))
    }

    @Test("RFC 4235 (as Kamailio's pua_dialoginfo quotes it): the dialog early, now with the remote tag")
    func early() throws {
        let document = try Self.read("rfc4235-example-early.xml")
        #expect(document.version == 1)
        #expect(document.state == .full)
        #expect(document.dialogs == [DialogInfoDialog(id: "as7d900as8", callID: "a84b4c76e66710", localTag: "1928301774",
                                                      remoteTag: "456887766", direction: .initiator, state: .early)])
        #expect(BLFState(document: document) == .ringing(direction: .initiator))
    }

    @Test("RFC 4235 §4.2: the sample body, a confirmed dialog with its parties, duration and target parameters")
    func sampleBody() throws {
        let document = try Self.read("rfc4235-example-sample-body.xml")
        #expect(document.version == 1)
        #expect(document.state == .full)
        #expect(document.entity == "", "the sample carries no entity attribute")
        let dialog = try #require(document.dialogs.first)
        #expect(dialog.id == "123456")
        #expect(dialog.callID == nil && dialog.localTag == nil && dialog.direction == nil)
        #expect(dialog.state == .confirmed)
        #expect(dialog.duration == 274)
        #expect(dialog.local == DialogParticipant(identity: "sip:alice@example.com", displayName: "Alice",
                                                  target: "sip:alice@pc33.example.com",
                                                  targetParameters: [.init(name: "isfocus", value: "true"),
                                                                     .init(name: "class", value: "personal")]))
        #expect(dialog.remote == DialogParticipant(identity: "sip:bob@example.org", displayName: "Bob",
                                                   target: "sip:bobster@phone21.example.org"))
        #expect(BLFState(document: document) == .onThePhone)
    }

    @Test("RFC 4235 §6.2: a partial update, one dialog replaced by another; replaces and referred-by are skipped")
    func replaced() throws {
        let document = try Self.read("rfc4235-example-replaced.xml")
        #expect(document.version == 5)
        #expect(document.state == .partial)
        #expect(document.dialogs.map(\.id) == ["zxcvbnm3", "sfhjsjk12"])
        let old = document.dialogs[0]
        #expect(old.state == .terminated)
        #expect(old.stateEvent == "replaced")
        #expect(old.remoteTag == "8736347")
        let new = document.dialogs[1]
        #expect(new.direction == .recipient)
        #expect(new.state == .confirmed)
        #expect(new.local == DialogParticipant(target: "sip:alice@pc33.example.com",
                                               targetParameters: [.init(name: "+sip.rendering", value: "yes")]))
        #expect(new.remote == DialogParticipant(identity: "sip:cjones@example.net", displayName: "Cathy Jones",
                                                target: "sip:line3@host3.example.net",
                                                targetParameters: [.init(name: "actor", value: "attendant"),
                                                                   .init(name: "automaton", value: "false")]))
        #expect(BLFState(document: document) == .onThePhone, "the confirmed dialog outweighs the replaced one")
    }

    @Test("a partial update that ends the dialog, rejected with 486 (our document, not the RFC's)")
    func terminated() throws {
        let document = try Self.read("dialog-info-terminated-rejected.xml")
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

    @Test("Tracker: trying, early, terminated in order; stale and gapped versions")
    func tracker() throws {
        var tracker = DialogInfoTracker()
        #expect(tracker.state == .idle)
        #expect(tracker.apply(try Self.read("rfc4235-example-trying.xml")) == .applied)
        #expect(tracker.state == .ringing(direction: .initiator))
        #expect(tracker.apply(try Self.read("rfc4235-example-early.xml")) == .applied)
        #expect(tracker.dialogs.map(\.remoteTag) == ["456887766"], "the full version 1 replaces version 0")
        let ended = try Self.read("dialog-info-terminated-rejected.xml")
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
