import Foundation
import Store
import SwitchboardTestKit
import Testing
@testable import Commands

/// `switchboard history` reads what the store recorded.
@Suite struct HistoryCommandTests {
    @Test func listsCallsNewestFirst() async throws {
        let data = NSTemporaryDirectory() + "sb-data-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: data) }
        let store = try SwitchboardStore(path: data + "/switchboard/switchboard.sqlite")
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let answered = try await store.callHistory.begin(account: "alice", direction: .outgoing,
                                                         peerURI: "sip:bob@example.test", peerDisplayName: "Bob", at: start)
        _ = try await store.callHistory.answered(answered.id, at: start.addingTimeInterval(2), codec: "PCMU")
        _ = try await store.callHistory.ended(answered.id, at: start.addingTimeInterval(65), result: .answered)
        let busy = try await store.callHistory.begin(account: "alice", direction: .outgoing,
                                                     peerURI: "sip:carol@example.test", at: start.addingTimeInterval(100))
        _ = try await store.callHistory.ended(busy.id, at: start.addingTimeInterval(101), result: .busy)
        try store.close()

        let capture = CommandGrammarTests.Capture()
        var context = capture.context
        context.environment = ["HOME": NSTemporaryDirectory(), "XDG_DATA_HOME": data]
        #expect(await CommandRunner.run(["history"], context: context) == 0, "\(capture.errors.withLock { $0 })")
        let lines = capture.output.withLock { $0 }.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.contains("sip:carol@example.test  busy") == true, "\(lines)")
        #expect(lines.last?.contains("Bob <sip:bob@example.test>  answered 1:03 PCMU") == true, "\(lines)")

        let json = CommandGrammarTests.Capture()
        var jsonContext = json.context
        jsonContext.environment = context.environment
        #expect(await CommandRunner.run(["history", "--json", "--peer", "sip:bob@example.test"], context: jsonContext) == 0)
        let records = try JSONDecoder().decode([CallRecord].self, from: Data(json.output.withLock { $0 }.utf8))
        #expect(records.map(\.peerURI) == ["sip:bob@example.test"])
        #expect(records.first?.duration == 63)
    }

    @Test func aCorruptStoreIsAnErrorNotACrash() async throws {
        let data = NSTemporaryDirectory() + "sb-data-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: data) }
        try FileManager.default.createDirectory(atPath: data + "/switchboard", withIntermediateDirectories: true)
        let junk = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try junk.write(to: URL(fileURLWithPath: data + "/switchboard/switchboard.sqlite"))
        let capture = CommandGrammarTests.Capture()
        var context = capture.context
        context.environment = ["HOME": NSTemporaryDirectory(), "XDG_DATA_HOME": data]
        #expect(await CommandRunner.run(["history"], context: context) == 2)
        #expect(capture.errors.withLock { $0 }.contains("cannot open the call history") && capture.errors.withLock { $0 }.contains("left unchanged"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: data + "/switchboard/switchboard.sqlite")) == junk, "data kept")
    }
}

@Test("history and messages rows: yyyy-MM-dd HH:mm in local time, as a POSIX DateFormatter writes it")
func rowTimestamps() {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = "yyyy-MM-dd HH:mm"
    for seconds in [0.0, 1_738_314_902.123, 1_800_000_000, 946_684_799, 4_102_444_800] {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(HistoryCommand.timestamp(date) == formatter.string(from: date), "\(date)")
    }
}
