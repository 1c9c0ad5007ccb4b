import Testing
@testable import Media

@Suite("DTMF: RFC 4733 events and SIP INFO")
struct DTMFTests {
    @Test("keys and their event codes (RFC 4733 §3.2)")
    func digits() {
        #expect(DTMFDigit("5")?.event == 5)
        #expect(DTMFDigit("*")?.event == 10)
        #expect(DTMFDigit("#")?.event == 11)
        #expect(DTMFDigit("a")?.event == 12)
        #expect(DTMFDigit("D")?.event == 15)
        #expect(DTMFDigit("E") == nil)
        #expect(DTMFDigit(event: 16) == nil)
        #expect(DTMFDigit.digits("12#")?.map(\.description) == ["1", "2", "#"])
        #expect(DTMFDigit.digits("1x") == nil)
    }

    @Test("payload: event, E bit, volume, duration")
    func payload() throws {
        let event = TelephoneEvent(event: 11, isEnd: true, volume: 10, duration: 1280)
        #expect(event.encoded() == [11, 0x8A, 0x05, 0x00])
        #expect(try TelephoneEvent(parsing: [11, 0x8A, 0x05, 0x00]) == event)
        // The reserved R bit is ignored on receipt.
        #expect(try TelephoneEvent(parsing: [1, 0x4A, 0, 160]) == TelephoneEvent(event: 1, isEnd: false, volume: 10, duration: 160))
        // Several events in one packet: the first is the packet's.
        #expect(try TelephoneEvent(parsing: [2, 0x80, 0, 1, 3, 0, 0, 2]).event == 2)
        for length in [0, 1, 3, 5, 7] {
            #expect(throws: TelephoneEvent.ParseError.wrongLength(length)) {
                try TelephoneEvent(parsing: Array(repeating: 0, count: length))
            }
        }
    }

    @Test("sender: start with marker, updates every 50 ms, three end packets, one timestamp")
    func senderSequence() {
        var sender = DTMFSender()
        sender.enqueue([DTMFDigit("5")!], duration: .milliseconds(100), now: .zero)
        #expect(sender.nextDeadline == .zero)
        var packets: [DTMFSender.Packet] = []
        var times: [Duration] = []
        while let deadline = sender.nextDeadline {
            // A different media clock on every call: only the first counts.
            let due = sender.poll(now: deadline, mediaTimestamp: 4000 + UInt32(packets.count) * 999)
            packets += due
            times += due.map { _ in deadline }
        }
        #expect(times == [.zero, .milliseconds(50), .milliseconds(100), .milliseconds(150), .milliseconds(200)])
        #expect(packets.map(\.marker) == [true, false, false, false, false])
        #expect(packets.map(\.event.duration) == [0, 400, 800, 800, 800])
        #expect(packets.map(\.event.isEnd) == [false, false, true, true, true])
        #expect(packets.allSatisfy { $0.timestamp == 4000 && $0.event.event == 5 && $0.event.volume == 10 })
        #expect(!sender.isSending)
        #expect(sender.nextDeadline == nil)
    }

    @Test("sender: digits follow each other after a gap, each with its own timestamp")
    func senderQueue() {
        var sender = DTMFSender()
        sender.enqueue(DTMFDigit.digits("12")!, duration: .milliseconds(120), now: .zero)
        var starts: [(Duration, DTMFSender.Packet)] = []
        var clock = 0
        while let deadline = sender.nextDeadline, deadline < .seconds(2) {
            // The media clock runs at 8 kHz alongside.
            clock = Int(deadline.components.seconds) * 8000 + Int(deadline.components.attoseconds / 125_000_000_000_000)
            for packet in sender.poll(now: deadline, mediaTimestamp: UInt32(clock)) where packet.marker {
                starts.append((deadline, packet))
            }
        }
        #expect(starts.count == 2)
        #expect(starts[0].1.event.event == 1 && starts[1].1.event.event == 2)
        // 120 ms digit, end packets at 120, 170, 220 ms, 50 ms gap.
        #expect(starts[1].0 == .milliseconds(270))
        #expect(starts[1].1.timestamp == 270 * 8)
    }

    @Test("sender: digits queued later start when queued, not in the past")
    func senderStartsNow() {
        var sender = DTMFSender()
        sender.enqueue([DTMFDigit("0")!], duration: .milliseconds(50), now: .seconds(3))
        #expect(sender.nextDeadline == .seconds(3))
        #expect(sender.poll(now: .seconds(2), mediaTimestamp: 0).isEmpty)
        #expect(sender.poll(now: .seconds(3), mediaTimestamp: 24000).map(\.timestamp) == [24000])
        // Queued while one is being sent: follows it after the gap.
        sender.enqueue([DTMFDigit("1")!], duration: .milliseconds(50), now: .seconds(3))
        var starts: [Duration] = []
        while let deadline = sender.nextDeadline {
            if sender.poll(now: deadline, mediaTimestamp: 0).contains(where: \.marker) { starts.append(deadline) }
        }
        #expect(starts == [.milliseconds(3200)])
    }

    @Test("sender: a late poll sends one packet, not a burst")
    func senderLatePoll() {
        var sender = DTMFSender()
        sender.enqueue([DTMFDigit("9")!], duration: .seconds(1), now: .zero)
        _ = sender.poll(now: .zero, mediaTimestamp: 0)
        let late = sender.poll(now: .milliseconds(400), mediaTimestamp: 0)
        #expect(late.count == 1)
        #expect(late[0].event.duration == 3200)
        #expect(sender.nextDeadline == .milliseconds(450))
    }

    @Test("receiver: each event reported once despite updates and three end packets")
    func receiverDeduplicates() {
        var receiver = DTMFReceiver()
        var reported: [DTMFDigit] = []
        func receive(_ event: UInt8, _ end: Bool, _ duration: UInt16, _ timestamp: UInt32) {
            if let digit = receiver.receive(TelephoneEvent(event: event, isEnd: end, volume: 10, duration: duration), timestamp: timestamp) {
                reported.append(digit)
            }
        }
        receive(1, false, 0, 1000)
        receive(1, false, 400, 1000)
        receive(1, true, 800, 1000)
        receive(1, true, 800, 1000)
        receive(1, true, 800, 1000)
        // Same key again: a new event, a new timestamp.
        receive(1, true, 800, 3000)  // start and updates lost: still reported
        receive(1, true, 800, 3000)
        receive(2, false, 0, 900)  // older than the last event: late
        receive(16, false, 0, 5000)  // not DTMF (flash)
        receive(12, false, 0, UInt32.max &- 10)  // wraps: older
        #expect(reported.map(\.description) == ["1", "1"])
        receive(3, false, 0, 6000)
        #expect(reported.map(\.description) == ["1", "1", "3"])
    }

    @Test("SIP INFO application/dtmf-relay: encode and parse")
    func relayBody() throws {
        let body = DTMFRelayBody(digit: DTMFDigit("5")!, durationMilliseconds: 160)
        #expect(body.encoded == "Signal=5\r\nDuration=160\r\n")
        #expect(try DTMFRelayBody(parsing: body.encoded) == body)
        #expect(try DTMFRelayBody(parsing: "signal = #\nduration= 250\n") == DTMFRelayBody(digit: DTMFDigit("#")!, durationMilliseconds: 250))
        #expect(try DTMFRelayBody(parsing: "Signal=11\r\n").digit == DTMFDigit("#"))
        #expect(try DTMFRelayBody(parsing: "Signal=a").durationMilliseconds == nil)
        #expect(try DTMFRelayBody(parsing: "Foo=bar\r\nSignal=*\r\n").digit == DTMFDigit("*"))
    }

    @Test("SIP INFO bodies that are not DTMF", arguments: [
        ("", DTMFRelayBody.ParseError.missingSignal),
        ("Duration=160", .missingSignal),
        ("Signal=", .invalidSignal("")),
        ("Signal=E", .invalidSignal("E")),
        ("Signal=55", .invalidSignal("55")),
        ("Signal=1\r\nDuration=-5", .invalidDuration("-5")),
        ("Signal=1\r\nDuration=long", .invalidDuration("long")),
    ])
    func relayBodyErrors(text: String, expected: DTMFRelayBody.ParseError) {
        #expect(throws: expected) { try DTMFRelayBody(parsing: text) }
    }
}
