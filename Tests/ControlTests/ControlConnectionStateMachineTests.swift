import Testing
@testable import Control

@Suite("Connection state machine")
struct ControlConnectionStateMachineTests {
    typealias Machine = ControlConnectionStateMachine
    typealias Action = Machine.Action

    static let limits = Machine.Limits(maxLineBytes: 64, maxOutboundBytes: 200, maxQueuedRequests: 4, maxJSONDepth: 8)

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    static func reply(_ id: ControlRequestID?, _ reply: ControlReply) -> Action {
        .write(ControlWire.replyLine(id: id, reply: reply))
    }

    @Test("one request goes to the handler and its reply comes back under its id")
    func requestReply() {
        var machine = Machine(limits: Self.limits)
        #expect(machine.bytesReceived(Self.bytes(#"{"id":1,"command":"status"}"# + "\n")) == [.dispatch(.command("status"))])
        #expect(machine.replyReady(.ok(["up": true])) == [Self.reply(.int(1), .ok(["up": true]))])
    }

    @Test("replies keep request order, errors and subscriptions included")
    func ordering() {
        var limits = Self.limits
        limits.maxOutboundBytes = 10_000
        var machine = Machine(limits: limits)
        let input = #"{"id":1,"command":"a"}"# + "\nnope\n" + #"{"id":2,"subscribe":["call"]}"# + "\n"
            + #"{"id":3,"snapshot":true}"# + "\n"
        // Only the first request starts; the rest wait for its reply.
        #expect(machine.bytesReceived(Self.bytes(input)) == [.dispatch(.command("a"))])
        let badJSON = ControlError(code: .badJSON, message: "unexpected byte 0x6F at byte 1")
        #expect(machine.replyReady(.ok("A")) == [
            Self.reply(.int(1), .ok("A")),
            Self.reply(nil, .failure(badJSON)),
            .updateSubscription(.names(["call"])),
            Self.reply(.int(2), .ok(["subscribed": ["call"]])),
            .dispatch(.snapshot),
        ])
        #expect(machine.replyReady(.ok("S")) == [Self.reply(.int(3), .ok("S"))])
        // A reply nobody is waiting for is ignored.
        #expect(machine.replyReady(.ok("late")) == [])
    }

    @Test("events go out at once, between replies; filtering was the registry's job")
    func events() {
        var machine = Machine(limits: Self.limits)
        let line = ControlWire.eventLine("call", data: 1)
        #expect(machine.bytesReceived(Self.bytes(#"{"id":1,"command":"a"}"# + "\n")) == [.dispatch(.command("a"))])
        #expect(machine.eventPublished(line: line) == [.write(line)])
        #expect(machine.replyReady(.ok(nil)) == [Self.reply(.int(1), .ok(nil))])
        #expect(machine.bytesReceived(Self.bytes(#"{"id":2,"subscribe":["call"]}"# + "\n")) == [
            .updateSubscription(.names(["call"])), Self.reply(.int(2), .ok(["subscribed": ["call"]])),
        ])
    }

    @Test("a line too long gets its reply after earlier ones, then the connection closes")
    func lineTooLong() {
        var machine = Machine(limits: Self.limits)
        let input = #"{"id":1,"command":"a"}"# + "\n" + String(repeating: "x", count: 100) + "\n" + #"{"id":2,"command":"b"}"# + "\n"
        #expect(machine.bytesReceived(Self.bytes(input)) == [.dispatch(.command("a")), .pauseReading])
        let actions = machine.replyReady(.ok(nil))
        #expect(actions.count == 2)
        #expect(actions.first == Self.reply(.int(1), .ok(nil)))
        guard case .writeAndClose(let line) = actions.last else {
            Issue.record("expected writeAndClose, got \(actions)")
            return
        }
        #expect(ControlServerMessage(line: line.dropLast())
                == .reply(nil, .error(.lineTooLong, "a line is longer than 64 bytes; closing")))
        #expect(machine.isFinished)
        #expect(machine.bytesReceived(Self.bytes(#"{"id":3,"command":"c"}"# + "\n")) == [])
    }

    @Test("end of input: a partial line is dropped, queued requests are answered, then close")
    func inputClosed() {
        var machine = Machine(limits: Self.limits)
        #expect(machine.bytesReceived(Self.bytes(#"{"id":1,"command":"a"}"# + "\n" + #"{"id":2,"comm"#)) == [.dispatch(.command("a"))])
        #expect(machine.inputClosed() == [])
        #expect(machine.replyReady(.ok(nil)) == [Self.reply(.int(1), .ok(nil)), .close])
    }

    @Test("end of input with nothing pending closes at once")
    func inputClosedIdle() {
        var machine = Machine(limits: Self.limits)
        #expect(machine.bytesReceived(Self.bytes("half a line")) == [])
        #expect(machine.inputClosed() == [.close])
    }

    @Test("too many queued requests pause reading until the queue halves")
    func backpressure() {
        var machine = Machine(limits: Self.limits)
        let five = (1...5).map { #"{"id":\#($0),"command":"c\#($0)"}"# + "\n" }.joined()
        #expect(machine.bytesReceived(Self.bytes(five)) == [.dispatch(.command("c1")), .pauseReading])
        #expect(machine.replyReady(.ok(1)) == [Self.reply(.int(1), .ok(1)), .dispatch(.command("c2"))])
        #expect(machine.replyReady(.ok(2)) == [Self.reply(.int(2), .ok(2)), .dispatch(.command("c3")), .resumeReading])
    }

    @Test("a client that leaves too much unread is dropped; a single big reply is not")
    func outboundLimit() {
        var machine = Machine(limits: Self.limits)
        _ = machine.bytesReceived(Self.bytes(#"{"id":1,"subscribe":"*"}"# + "\n"))
        let subscribeReply = machine.outboundBytes
        machine.writeCompleted(byteCount: subscribeReply)
        #expect(machine.outboundBytes == 0)

        let big = ControlWire.eventLine("e", data: .string(String(repeating: "x", count: 500)))
        #expect(machine.eventPublished(line: big) == [.write(big)])  // nothing else waiting
        machine.writeCompleted(byteCount: big.count)

        let small = ControlWire.eventLine("e", data: 1)
        var writes = 0
        var actions: [Action] = []
        while actions != [.dropSlowClient], writes < 100 {
            actions = machine.eventPublished(line: small)
            if actions == [.write(small)] { writes += 1 }
        }
        #expect(actions == [.dropSlowClient])
        #expect(writes == 200 / small.count)
        #expect(machine.isFinished)
        #expect(machine.eventPublished(line: small) == [])
    }

    @Test("after the channel closes nothing is done")
    func closed() {
        var machine = Machine(limits: Self.limits)
        _ = machine.bytesReceived(Self.bytes(#"{"id":1,"command":"a"}"# + "\n"))
        machine.channelClosed()
        #expect(machine.replyReady(.ok(nil)) == [])
        #expect(machine.inputClosed() == [])
    }
}
