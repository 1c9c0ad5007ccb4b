import Foundation
import Store
import Testing

@Suite("Reading the history: order, limits, filters")
struct HistoryQueryTests {
    /// Ten calls a minute apart, in a shuffled order of writing so that order
    /// comes from the start times, not from the ids.
    struct Sample {
        let history: CallHistory
        /// By start time, oldest first.
        let calls: [CallRecord]
    }

    func withSample(_ body: (Sample) async throws -> Void) async throws {
        try await withTemporaryDirectory { directory in
            let store = try SwitchboardStore(path: directory.child("switchboard.sqlite"))
            defer { try? store.close() }
            let history = store.callHistory
            let plan: [(minute: Double, account: String, direction: CallDirection, peer: String, result: CallResult?)] = [
                (3, "work", .incoming, "sip:bob@example.com", .answered),
                (0, "home", .outgoing, "sip:bob@example.com", .busy),
                (7, "home", .incoming, "sip:carol@example.com", .missed),
                (1, "home", .outgoing, "sip:dave@example.com", .failed(statusCode: 404)),
                (9, "work", .outgoing, "sip:bob@example.com", nil),
                (5, "work", .incoming, "sip:bob@example.com", .rejected),
                (2, "home", .outgoing, "sip:carol@example.com", .failed(statusCode: 503)),
                (8, "home", .incoming, "sip:dave@example.com", .missed),
                (4, "work", .outgoing, "sip:carol@example.com", .cancelled),
                (6, "home", .outgoing, "sip:dave@example.com", .answered),
            ]
            var calls: [CallRecord] = []
            for entry in plan {
                let start = time(entry.minute * 60)
                var call = try await history.begin(account: entry.account, direction: entry.direction,
                                                   peerURI: entry.peer, at: start)
                if entry.result == .answered {
                    call = try await history.answered(call.id, at: start.addingTimeInterval(2))
                }
                if let result = entry.result {
                    call = try await history.ended(call.id, at: start.addingTimeInterval(30), result: result)
                }
                calls.append(call)
            }
            try await body(Sample(history: history, calls: calls.sorted { $0.started < $1.started }))
        }
    }

    @Test("history(limit:) is newest first and stops at the limit")
    func newestFirstWithLimit() async throws {
        try await withSample { sample throws in
            let newestFirst = Array(sample.calls.reversed())
            #expect(try await sample.history.history(limit: 3) == Array(newestFirst.prefix(3)))
            #expect(try await sample.history.history(limit: 1) == [newestFirst[0]])
            #expect(try await sample.history.history(limit: 100) == newestFirst)
            #expect(try await sample.history.history(limit: 0).isEmpty)
            #expect(try await sample.history.history(CallHistoryQuery()) == newestFirst)
            await #expect(throws: CallHistoryError.invalidLimit(-1)) {
                try await sample.history.history(limit: -1)
            }
        }
    }

    @Test("Calls that started in the same millisecond come newest id first")
    func tiesBreakById() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SwitchboardStore(path: directory.child("switchboard.sqlite"))
            defer { try? store.close() }
            let history = store.callHistory
            var ids: [CallRecord.ID] = []
            for index in 0..<5 {
                ids.append(try await history.begin(account: "a", direction: .incoming,
                                                   peerURI: "sip:\(index)@x", at: t0).id)
            }
            #expect(try await history.history(limit: 5).map(\.id) == ids.reversed())
        }
    }

    @Test("By peer, direction, result and account, alone and together")
    func filters() async throws {
        try await withSample { sample throws in
            let history = sample.history
            func expected(_ include: (CallRecord) -> Bool) -> [CallRecord] {
                sample.calls.reversed().filter(include)
            }
            #expect(try await history.history(CallHistoryQuery(peerURI: "sip:bob@example.com"))
                == expected { $0.peerURI == "sip:bob@example.com" })
            #expect(try await history.history(CallHistoryQuery(peerURI: "sip:BOB@example.com")).isEmpty,
                    "exact match only")
            #expect(try await history.history(CallHistoryQuery(direction: .incoming))
                == expected { $0.direction == .incoming })
            #expect(try await history.history(CallHistoryQuery(result: .missed)).count == 2)
            #expect(try await history.history(CallHistoryQuery(result: .failed)).map(\.result)
                == [.failed(statusCode: 503), .failed(statusCode: 404)])
            #expect(try await history.history(CallHistoryQuery(account: "work"))
                == expected { $0.account == "work" })
            #expect(try await history.history(CallHistoryQuery(peerURI: "sip:dave@example.com", direction: .outgoing))
                == expected { $0.peerURI == "sip:dave@example.com" && $0.direction == .outgoing })
            #expect(try await history.history(CallHistoryQuery(peerURI: "sip:bob@example.com", limit: 2))
                == Array(expected { $0.peerURI == "sip:bob@example.com" }.prefix(2)))
            #expect(try await history.history(CallHistoryQuery(account: "work", direction: .incoming, result: .answered))
                .map(\.started) == [time(180)])
        }
    }

    @Test("A call in progress is in the history and activeCalls, but matches no result filter")
    func inProgressCalls() async throws {
        try await withSample { sample throws in
            let active = try await sample.history.activeCalls()
            #expect(active.count == 1)
            #expect(active.first?.started == time(540))
            #expect(try await sample.history.history(limit: 1) == active)
            for kind in CallResult.Kind.allCases {
                let matches = try await sample.history.history(CallHistoryQuery(result: kind))
                #expect(!matches.contains { $0.isInProgress })
            }
        }
    }
}
