import Foundation
import Store
import Testing

@Suite("Records as JSON")
struct JSONTests {
    static let answered = CallRecord(
        id: CallRecord.ID(rawValue: 7), account: "alice", direction: .outgoing, peerURI: "sip:bob@example.com",
        peerDisplayName: "Bob", started: t0, answered: time(3), ended: time(63.5), result: .answered, codec: "PCMU")

    /// How commands print JSON: sorted keys, the encoder's default date strategy.
    func line(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test("An answered call: times as ISO 8601 UTC with milliseconds, duration in seconds")
    func answeredCall() throws {
        #expect(try line(Self.answered) == """
            {"account":"alice","answered":"2025-01-31T09:15:05.123Z","codec":"PCMU","direction":"out",\
            "duration":60.5,"ended":"2025-01-31T09:16:05.623Z","id":7,"peerDisplayName":"Bob",\
            "peerURI":"sip:bob@example.com","result":"answered","started":"2025-01-31T09:15:02.123Z"}
            """)
    }

    @Test("A failed call carries its status code beside a flat result")
    func failedCall() throws {
        let failed = CallRecord(id: CallRecord.ID(rawValue: 8), account: "a", direction: .incoming,
                                peerURI: "sip:x@y", started: t0, ended: time(1), result: .failed(statusCode: 488))
        #expect(try line(failed) == """
            {"account":"a","direction":"in","ended":"2025-01-31T09:15:03.123Z","id":8,"peerURI":"sip:x@y",\
            "result":"failed","started":"2025-01-31T09:15:02.123Z","statusCode":488}
            """)
    }

    @Test("A call in progress says so and has no end")
    func callInProgress() throws {
        let open = CallRecord(id: CallRecord.ID(rawValue: 9), account: "a", direction: .incoming,
                              peerURI: "sip:x@y", started: t0)
        #expect(try line(open) == """
            {"account":"a","direction":"in","id":9,"peerURI":"sip:x@y","result":"in_progress",\
            "started":"2025-01-31T09:15:02.123Z"}
            """)
    }

    @Test("Records read from the store survive encoding and decoding unchanged", arguments: [
        CallResult.answered, .missed, .rejected, .cancelled, .busy, .failed(statusCode: 503), .interrupted,
    ])
    func roundTrip(result: CallResult) async throws {
        try await withTemporaryDirectory { directory in
            let store = try SwitchboardStore(path: directory.child("switchboard.sqlite"))
            defer { try? store.close() }
            let history = store.callHistory
            let call = try await history.begin(account: "a", direction: .incoming, peerURI: "sip:x@y",
                                               peerDisplayName: "X", at: time(0.001))
            let open = try #require(try await history.record(call.id))
            if result == .answered || result == .interrupted || result.statusCode != nil {
                _ = try await history.answered(call.id, at: time(0.999), codec: "G722")
            }
            let ended = try await history.ended(call.id, at: time(60.007), result: result)
            for record in [open, ended] {
                let data = try JSONEncoder().encode([record])
                #expect(try JSONDecoder().decode([CallRecord].self, from: data) == [record])
            }
        }
    }

    @Test("Decoding refuses results it does not know and failures without a code", arguments: [
        #"{"id":1,"account":"a","direction":"in","peerURI":"u","started":"2025-01-31T09:15:02.123Z","result":"exploded"}"#,
        #"{"id":1,"account":"a","direction":"in","peerURI":"u","started":"2025-01-31T09:15:02.123Z","result":"failed"}"#,
        #"{"id":1,"account":"a","direction":"in","peerURI":"u","started":"2025-01-31T09:15:02.123Z","result":"busy","statusCode":486}"#,
        #"{"id":1,"account":"a","direction":"in","peerURI":"u","started":"yesterday","result":"missed"}"#,
        #"{"id":1,"account":"a","direction":"up","peerURI":"u","started":"2025-01-31T09:15:02.123Z","result":"missed"}"#,
    ])
    func decodingRefusesBadValues(json: String) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(CallRecord.self, from: Data(json.utf8))
        }
    }
}
