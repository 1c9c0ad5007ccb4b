import Foundation
import Store
import Testing

@Suite("Calls left in progress by a crash")
struct CrashRecoveryTests {
    @Test("Reopening closes calls left in progress as interrupted, at their last known time; others are intact")
    func reopeningClosesInterruptedCalls() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.child("switchboard.sqlite")
            let store = try SwitchboardStore(path: path)
            let history = store.callHistory
            #expect(store.interruptedCalls.isEmpty)

            let finished = try await history.begin(account: "a", direction: .outgoing, peerURI: "sip:done@x", at: t0)
            _ = try await history.answered(finished.id, at: time(1), codec: "PCMU")
            let done = try await history.ended(finished.id, at: time(61), result: .answered)
            let missed = try await history.ended(
                try await history.begin(account: "a", direction: .incoming, peerURI: "sip:m@x", at: time(70)).id,
                at: time(90), result: .missed)
            // Three calls the crash catches: ringing, talking, talking with a recent sign of life.
            let ringing = try await history.begin(account: "a", direction: .incoming, peerURI: "sip:r@x", at: time(100))
            let talking = try await history.begin(account: "a", direction: .outgoing, peerURI: "sip:t@x", at: time(110))
            _ = try await history.answered(talking.id, at: time(115), codec: "PCMA")
            let long = try await history.begin(account: "b", direction: .outgoing, peerURI: "sip:l@x", at: time(120))
            _ = try await history.answered(long.id, at: time(121))
            try await history.stillActive(long.id, at: time(300))
            try await history.stillActive(long.id, at: time(250))  // late and out of order: ignored
            try store.close()  // the process ends without ending the three calls

            let reopened = try SwitchboardStore(path: path)
            defer { try? reopened.close() }
            let after = reopened.callHistory
            #expect(reopened.interruptedCalls.map(\.id) == [ringing.id, talking.id, long.id])

            let ringingAfter = try #require(try await after.record(ringing.id))
            #expect(ringingAfter.result == .interrupted)
            #expect(ringingAfter.ended == time(100))
            #expect(ringingAfter.duration == nil)

            let talkingAfter = try #require(try await after.record(talking.id))
            #expect(talkingAfter.result == .interrupted)
            #expect(talkingAfter.ended == time(115))
            #expect(talkingAfter.duration == 0)
            #expect(talkingAfter.codec == "PCMA")

            let longAfter = try #require(try await after.record(long.id))
            #expect(longAfter.ended == time(300))
            #expect(longAfter.duration == 179)

            #expect(try await after.record(finished.id) == done)
            #expect(try await after.record(missed.id) == missed)
            #expect(try await after.activeCalls().isEmpty)
            await #expect(throws: CallHistoryError.notInProgress(talking.id, result: .interrupted)) {
                try await after.ended(talking.id, at: time(400), result: .answered)
            }
        }
    }

    @Test("The files as a killed process leaves them (database and WAL, no shared memory) recover the same way")
    func snapshotOfLiveFilesRecovers() async throws {
        try await withTemporaryDirectory { directory in
            let live = directory.child("live.sqlite")
            let store = try SwitchboardStore(path: live)
            defer { try? store.close() }
            let history = store.callHistory
            let done = try await history.ended(
                try await history.begin(account: "a", direction: .outgoing, peerURI: "sip:d@x", at: t0).id,
                at: time(5), result: .busy)
            let open = try await history.begin(account: "a", direction: .incoming, peerURI: "sip:o@x", at: time(10))
            _ = try await history.answered(open.id, at: time(12))

            // Everything committed is in the two files right now, as it would be at a kill -9.
            let copy = directory.child("copy/switchboard.sqlite")
            try FileManager.default.createDirectory(atPath: directory.child("copy"), withIntermediateDirectories: false)
            try FileManager.default.copyItem(atPath: live, toPath: copy)
            try FileManager.default.copyItem(atPath: live + "-wal", toPath: copy + "-wal")

            let recovered = try SwitchboardStore(path: copy)
            defer { try? recovered.close() }
            #expect(recovered.interruptedCalls.map(\.id) == [open.id])
            let records = try await recovered.callHistory.history(limit: 10)
            #expect(records.map(\.id) == [open.id, done.id])
            #expect(records.first?.result == .interrupted)
            #expect(records.first?.ended == time(12))
            #expect(records.last == done)
        }
    }

    @Test("A store opened while another is open leaves that one's calls alone")
    func liveCallsOfAnotherStoreAreNotClosed() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.child("switchboard.sqlite")
            let daemon = try SwitchboardStore(path: path)
            let call = try await daemon.callHistory.begin(account: "a", direction: .outgoing, peerURI: "sip:x@y", at: t0)

            // e.g. `switchboard history` in another terminal during the call
            let reader = try SwitchboardStore(path: path)
            #expect(reader.interruptedCalls.isEmpty)
            #expect(try await reader.callHistory.activeCalls().map(\.id) == [call.id])
            try reader.close()

            let ended = try await daemon.callHistory.ended(call.id, at: time(3), result: .cancelled)
            #expect(ended.result == .cancelled)
            let left = try await daemon.callHistory.begin(account: "a", direction: .incoming, peerURI: "sip:z@y", at: time(9))
            try daemon.close()

            // Now nobody has it open: the next opener may close what is left.
            let next = try SwitchboardStore(path: path)
            defer { try? next.close() }
            #expect(next.interruptedCalls.map(\.id) == [left.id])
        }
    }
}
