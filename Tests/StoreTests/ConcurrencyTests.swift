import Foundation
import Store
import Testing

@Suite("Writes from many calls at once")
struct ConcurrencyTests {
    /// One call's whole life, as a call task would write it.
    static func placeCall(_ history: CallHistory, index: Int) async throws -> CallRecord.ID {
        let start = time(Double(index))
        let call = try await history.begin(account: "acc\(index % 3)", direction: index.isMultiple(of: 2) ? .incoming : .outgoing,
                                           peerURI: "sip:peer\(index)@example.com", at: start)
        _ = try await history.answered(call.id, at: start.addingTimeInterval(1), codec: "PCMU")
        try await history.stillActive(call.id, at: start.addingTimeInterval(5))
        _ = try await history.ended(call.id, at: start.addingTimeInterval(Double(10 + index)), result: .answered)
        return call.id
    }

    @Test("Many tasks write their calls through one store; every call is whole")
    func manyTasksOneStore() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SwitchboardStore(path: directory.child("switchboard.sqlite"))
            defer { try? store.close() }
            let history = store.callHistory
            let count = 64
            let ids = try await withThrowingTaskGroup(of: CallRecord.ID.self) { group in
                for index in 0..<count {
                    group.addTask { try await Self.placeCall(history, index: index) }
                }
                var ids: [CallRecord.ID] = []
                for try await id in group { ids.append(id) }
                return ids
            }
            #expect(Set(ids).count == count)
            let records = try await history.history(limit: count + 1)
            #expect(records.count == count)
            #expect(try await history.activeCalls().isEmpty)
            for record in records {
                let index = Int(record.peerURI.dropFirst("sip:peer".count).prefix { $0.isNumber })!
                #expect(record.started == time(Double(index)))
                #expect(record.duration == Double(10 + index) - 1)
                #expect(record.result == .answered)
            }
        }
    }

    @Test("Two stores on one file (as two processes would) write at the same time without losing a call")
    func twoStoresOneFile() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.child("switchboard.sqlite")
            let first = try SwitchboardStore(path: path)
            let second = try SwitchboardStore(path: path)
            defer {
                try? first.close()
                try? second.close()
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<40 {
                    let history = index.isMultiple(of: 2) ? first.callHistory : second.callHistory
                    group.addTask { _ = try await Self.placeCall(history, index: index) }
                }
                try await group.waitForAll()
            }
            let records = try await first.callHistory.history(limit: 100)
            #expect(records.count == 40)
            #expect(records.allSatisfy { $0.result == .answered })
        }
    }
}
