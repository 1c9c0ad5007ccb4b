import Testing
@testable import SIPCore

@Suite struct SIPStreamFramerTests {
    static let message = Array(("MESSAGE sip:bob@example.test SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1;branch=z9hG4bK-1\r\n"
        + "From: <sip:a@example.test>;tag=1\r\nTo: <sip:bob@example.test>\r\nCall-ID: c\r\nCSeq: 1 MESSAGE\r\n"
        + "Content-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello").utf8)

    @Test func twoMessagesInOneWriteComeOutSeparately() {
        var framer = SIPStreamFramer()
        let events = framer.append(Self.message + Self.message)
        #expect(events == [.message(Self.message), .message(Self.message)])
        #expect(framer.bufferedCount == 0)
    }

    @Test func everySplitPointGivesTheSameMessages() {
        let stream = Self.message + Array("\r\n\r\n".utf8) + Self.message
        for split in 0...stream.count {
            var framer = SIPStreamFramer()
            let events = framer.append(stream[..<split]) + framer.append(stream[split...])
            #expect(events.filter { if case .message = $0 { return true } else { return false } }.count == 2, "split \(split)")
            #expect(!events.contains { if case .failure = $0 { return true } else { return false } })
        }
    }

    @Test func keepalivesBetweenMessages() {
        var framer = SIPStreamFramer()
        #expect(framer.append(Array("\r\n\r\n".utf8)) == [.ping])
        #expect(framer.append(Array("\r\n".utf8)) == [.pong])
        #expect(framer.append(Array("\r\n\r\n".utf8) + Self.message) == [.ping, .message(Self.message)])
    }

    @Test func unframeableStreamsFailOnceAndStop() {
        let noLength = Array("OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK-2\r\n\r\n".utf8)
        let negative = Array("OPTIONS sip:a@b SIP/2.0\r\nContent-Length: -999\r\n\r\n".utf8)
        let conflicting = Array("OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 1\r\nl: 2\r\n\r\nab".utf8)
        for input in [noLength, negative, conflicting] {
            var framer = SIPStreamFramer()
            let events = framer.append(input)
            #expect(events.count == 1)
            guard case .failure = events.first else { Issue.record("expected failure"); continue }
            #expect(framer.append(Self.message).isEmpty, "a failed stream stays failed")
        }
    }

    @Test func oversizeInputFails() {
        var framer = SIPStreamFramer(maximumHeadLength: 1024, maximumBodyLength: 10)
        let endless = [UInt8](repeating: UInt8(ascii: "a"), count: 2048)
        guard case .failure = framer.append(endless).first else { Issue.record("no failure for endless header"); return }
        var second = SIPStreamFramer(maximumHeadLength: 1024, maximumBodyLength: 4)
        guard case .failure = second.append(Self.message).first else { Issue.record("no failure for big body"); return }
    }

    @Test func partialMessageWaits() {
        var framer = SIPStreamFramer()
        #expect(framer.append(Self.message.dropLast(2)).isEmpty)
        #expect(framer.bufferedCount == Self.message.count - 2)
        #expect(framer.append(Self.message.suffix(2)) == [.message(Self.message)])
    }
}
