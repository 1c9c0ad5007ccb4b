import Foundation
import Store
import Testing

@Suite("The life of a call: begin, answer, end")
struct CallLifecycleTests {
    /// Runs `body` with a store in a fresh directory.
    func withStore(_ body: (CallHistory) async throws -> Void) async throws {
        try await withTemporaryDirectory { directory in
            let store = try SwitchboardStore(path: directory.child("switchboard.sqlite"))
            defer { try? store.close() }
            try await body(store.callHistory)
        }
    }

    @Test("begin writes a call in progress")
    func beginRecordsCallInProgress() async throws {
        try await withStore { history in
            let call = try await history.begin(account: "alice", direction: .incoming, peerURI: "sip:bob@example.com",
                                               peerDisplayName: "Bob", at: t0)
            #expect(call.account == "alice")
            #expect(call.direction == .incoming)
            #expect(call.peerURI == "sip:bob@example.com")
            #expect(call.peerDisplayName == "Bob")
            #expect(call.started == t0)
            #expect(call.answered == nil && call.ended == nil && call.result == nil && call.codec == nil)
            #expect(call.isInProgress)
            #expect(call.duration == nil)
            #expect(try await history.record(call.id) == call)
            #expect(try await history.activeCalls() == [call])
        }
    }

    @Test("answered then ended: times, codec, result and the derived duration")
    func answeredCallHasDuration() async throws {
        try await withStore { history in
            let call = try await history.begin(account: "alice", direction: .outgoing, peerURI: "sip:bob@example.com",
                                               at: t0)
            let answered = try await history.answered(call.id, at: time(4.5), codec: "PCMA")
            #expect(answered.answered == time(4.5))
            #expect(answered.codec == "PCMA")
            #expect(answered.isInProgress)
            #expect(answered.duration == nil)

            let ended = try await history.ended(call.id, at: time(65.25), result: .answered)
            #expect(ended.ended == time(65.25))
            #expect(ended.result == .answered)
            #expect(ended.codec == "PCMA")
            #expect(ended.duration == 60.75)
            #expect(try await history.record(call.id) == ended)
            #expect(try await history.activeCalls().isEmpty)
        }
    }

    @Test("Calls that never connect end with their result and no duration", arguments: [
        (CallDirection.incoming, CallResult.missed),
        (.incoming, .rejected),
        (.outgoing, .cancelled),
        (.outgoing, .busy),
        (.outgoing, .failed(statusCode: 404)),
        (.incoming, .failed(statusCode: 488)),
        (.outgoing, .failed(statusCode: 699)),
        (.outgoing, .failed(statusCode: 300)),
    ])
    func unansweredResults(direction: CallDirection, result: CallResult) async throws {
        try await withStore { history in
            let call = try await history.begin(account: "a", direction: direction, peerURI: "sip:x@y", at: t0)
            let ended = try await history.ended(call.id, at: time(12), result: result)
            #expect(ended.result == result)
            #expect(ended.result?.statusCode == result.statusCode)
            #expect(ended.ended == time(12))
            #expect(ended.answered == nil)
            #expect(ended.duration == nil)
            #expect(try await history.record(call.id) == ended)
        }
    }

    @Test("A connected call can still end in failure, with its duration")
    func answeredCallCanFail() async throws {
        try await withStore { history in
            let call = try await history.begin(account: "a", direction: .outgoing, peerURI: "sip:x@y", at: t0)
            _ = try await history.answered(call.id, at: time(1))
            let ended = try await history.ended(call.id, at: time(31), result: .failed(statusCode: 408))
            #expect(ended.result == .failed(statusCode: 408))
            #expect(ended.duration == 30)
        }
    }

    @Test("Status codes that are not final failures are refused", arguments: [0, 100, 180, 200, 299, 700, -1])
    func invalidStatusCodes(code: Int) async throws {
        try await withStore { history in
            let call = try await history.begin(account: "a", direction: .outgoing, peerURI: "sip:x@y", at: t0)
            await #expect(throws: CallHistoryError.invalidStatusCode(code)) {
                try await history.ended(call.id, at: time(1), result: .failed(statusCode: code))
            }
            #expect(try await history.record(call.id) == call)
        }
    }

    @Test("Results that contradict the record are refused and the call stays in progress")
    func contradictoryResults() async throws {
        try await withStore { history in
            let never = try await history.begin(account: "a", direction: .incoming, peerURI: "sip:x@y", at: t0)
            await #expect(throws: CallHistoryError.resultContradictsAnswer(never.id, result: .answered, wasAnswered: false)) {
                try await history.ended(never.id, at: time(5), result: .answered)
            }
            #expect(try await history.record(never.id) == never)

            let taken = try await history.begin(account: "a", direction: .incoming, peerURI: "sip:x@y", at: t0)
            let answered = try await history.answered(taken.id, at: time(2))
            for result in [CallResult.missed, .rejected, .cancelled, .busy] {
                await #expect(throws: CallHistoryError.resultContradictsAnswer(taken.id, result: result, wasAnswered: true)) {
                    try await history.ended(taken.id, at: time(5), result: result)
                }
            }
            #expect(try await history.record(taken.id) == answered)
        }
    }

    @Test("Writes out of order are refused: twice answered, ended twice, unknown ids")
    func outOfOrderWrites() async throws {
        try await withStore { history in
            let call = try await history.begin(account: "a", direction: .outgoing, peerURI: "sip:x@y", at: t0)
            _ = try await history.answered(call.id, at: time(1))
            await #expect(throws: CallHistoryError.alreadyAnswered(call.id)) {
                try await history.answered(call.id, at: time(2))
            }
            let ended = try await history.ended(call.id, at: time(3), result: .answered)
            await #expect(throws: CallHistoryError.notInProgress(call.id, result: .answered)) {
                try await history.ended(call.id, at: time(4), result: .failed(statusCode: 500))
            }
            await #expect(throws: CallHistoryError.notInProgress(call.id, result: .answered)) {
                try await history.stillActive(call.id, at: time(4))
            }
            #expect(try await history.record(call.id) == ended)

            let unknown = CallRecord.ID(rawValue: 999)
            await #expect(throws: CallHistoryError.unknownCall(unknown)) {
                try await history.answered(unknown, at: time(1))
            }
            await #expect(throws: CallHistoryError.unknownCall(unknown)) {
                try await history.ended(unknown, at: time(1), result: .missed)
            }
            #expect(try await history.record(unknown) == nil)
        }
    }

    @Test("A call torn down by cancelling its task still has its end recorded")
    func cancelledTaskStillWrites() async throws {
        try await withStore { history in
            let call = try await history.begin(account: "a", direction: .outgoing, peerURI: "sip:x@y", at: t0)
            let teardown = Task {
                while !Task.isCancelled { await Task.yield() }
                return try await history.ended(call.id, at: time(5), result: .cancelled)
            }
            teardown.cancel()
            #expect(try await teardown.value.result == .cancelled)
            #expect(try await history.record(call.id)?.result == .cancelled)
        }
    }

    @Test("A wall clock that steps back never makes a negative duration")
    func clockSteppingBack() async throws {
        try await withStore { history in
            let call = try await history.begin(account: "a", direction: .outgoing, peerURI: "sip:x@y", at: time(10))
            let answered = try await history.answered(call.id, at: time(8))
            #expect(answered.answered == time(10), "raised to the start")
            let ended = try await history.ended(call.id, at: time(9), result: .answered)
            #expect(ended.ended == time(10), "raised to the answer")
            #expect(ended.duration == 0)
        }
    }

    @Test("Times are kept to the millisecond")
    func millisecondPrecision() async throws {
        try await withStore { history in
            let call = try await history.begin(account: "a", direction: .outgoing, peerURI: "sip:x@y",
                                               at: t0.addingTimeInterval(0.000_4))
            #expect(call.started == t0)
            let ended = try await history.ended(call.id, at: t0.addingTimeInterval(1.000_6), result: .cancelled)
            #expect(ended.ended == time(1.001))
        }
    }

    @Test("Text is stored as given: quotes, Unicode, SQL-looking names")
    func textRoundTrips() async throws {
        try await withStore { history in
            let name = "Zoë \"the boss\" O'Brien'); DROP TABLE call; --"
            let call = try await history.begin(account: "work ☎", direction: .incoming,
                                               peerURI: "sip:zo%C3%AB@example.com;transport=tls",
                                               peerDisplayName: name, at: t0)
            let read = try #require(try await history.record(call.id))
            #expect(read.peerDisplayName == name)
            #expect(read.account == "work ☎")
            #expect(try await history.history(limit: 5).count == 1)
        }
    }
}
