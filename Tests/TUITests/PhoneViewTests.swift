@testable import PhoneCore
import Testing
@testable import TUI

/// The mapping from PhoneCore's snapshot, and the command catalogue.
@Suite struct PhoneViewTests {
    @Test func mapsAccountsAndRegistration() {
        let view = PhoneView(snapshot: Fixtures.snapshot(status: "failed", failure: "no answer from the registrar",
                                                         retryIn: 29.6))
        #expect(view.accounts == [AccountRow(id: "alice", aor: "sip:alice@example.test", transport: "udp",
                                             registration: RegistrationRow(status: .failed, failure: "no answer from the registrar",
                                                                           retryIn: 30))])
        // Nothing else exists in the snapshot yet, and nothing is made up.
        #expect(view.buddyGroups.isEmpty && view.pendingWatchers.isEmpty && view.calls.isEmpty && view.ownPresence == nil)
    }

    @Test func catalogueComesFromTheGrammar() {
        let names = CommandCatalog.switchboard.commands.map(\.name)
        for expected in ["register", "unregister", "state", "events", "options", "inspect", "config", "bench", "daemon", "help"] {
            #expect(names.contains(expected))
        }
        #expect(CommandCatalog.switchboard.candidates(after: ["config"], partial: "") == ["check", "paths"])
        #expect(CommandCatalog.switchboard.candidates(after: [], partial: "st") == ["state", "status"])
        #expect(CommandCatalog.switchboard.candidates(after: ["nosuch"], partial: "").isEmpty)
        #expect(CommandCatalog.switchboard.candidates(after: ["help"], partial: "reg") == ["register"])
    }

    @Test func layoutDegradesInOrder() {
        func arrangement(_ rows: Int, _ columns: Int) -> ScreenLayout.Arrangement {
            ScreenLayout.compute(size: TerminalSize(rows: rows, columns: columns), focus: .calls, callCount: 0).arrangement
        }
        #expect(arrangement(24, 80) == .split)
        #expect(arrangement(10, 60) == .split)
        #expect(arrangement(9, 60) == .single(.calls))
        #expect(arrangement(24, 59) == .single(.calls))
        #expect(arrangement(3, 16) == .single(.calls))
        #expect(arrangement(2, 80) == .tiny)
        #expect(arrangement(24, 15) == .tiny)
        let split = ScreenLayout.compute(size: .standard, focus: .buddies, callCount: 3)
        #expect(split.panes[.buddies] == Rect(row: 0, column: 0, height: 22, width: 32))
        #expect(split.panes[.calls] == Rect(row: 0, column: 33, height: 4, width: 47))
        #expect(split.panes[.events] == Rect(row: 4, column: 33, height: 18, width: 47))
        #expect(split.statusBar == Rect(row: 22, column: 0, height: 1, width: 80))
        #expect(split.bottomLine == Rect(row: 23, column: 0, height: 1, width: 80))
        // Many calls take at most half the right column.
        let busy = ScreenLayout.compute(size: .standard, focus: .buddies, callCount: 50)
        #expect(busy.panes[.calls]?.height == 11)
    }
}

@Test("our own status shows as watchers see it: the interpreter's table, a call first, unpublished hidden",
      arguments: [("available", PresenceState.available), ("appointment", .busy), ("meeting", .busy), ("lunch", .away),
                  ("holiday", .away), ("steering", .busy), ("offline", .offline), ("working", .available),
                  ("a-word-of-my-own", .available)])
func ownStatusAsWatchersSeeIt(activity: String, expected: PresenceState) {
    let snapshot = OwnPresenceSnapshot(status: OwnStatus(activity: activity, note: "n"), publication: "published")
    #expect(PhoneView.ownPresence(snapshot) == OwnPresence(state: expected, note: "n"), "\(activity)")
    var onCall = snapshot
    onCall.call = CallPresence(codec: "PCMU", bitrate: 64_000, peerUserAgent: nil)
    #expect(PhoneView.ownPresence(onCall)?.state == .onThePhone)
    var off = snapshot
    off.publication = "off"
    #expect(PhoneView.ownPresence(off) == nil)
}
