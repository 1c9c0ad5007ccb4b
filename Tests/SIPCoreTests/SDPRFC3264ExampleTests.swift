import Foundation
import Testing
@testable import SIPCore

/// The examples of RFC 3264 §10, SDP text copied from the RFC (the RFC's
/// `s=` lines are empty; "telephone-events" is the RFC's own spelling).
@Suite struct SDPRFC3264ExampleTests {
    /// §10.1, Alice's offer: audio and two video streams.
    static let basicOffer = """
        v=0
        o=alice 2890844526 2890844526 IN IP4 host.anywhere.com
        s=
        c=IN IP4 host.anywhere.com
        t=0 0
        m=audio 49170 RTP/AVP 0
        a=rtpmap:0 PCMU/8000
        m=video 51372 RTP/AVP 31
        a=rtpmap:31 H261/90000
        m=video 53000 RTP/AVP 32
        a=rtpmap:32 MPV/90000
        """

    /// §10.1, Bob's answer: the first video stream rejected.
    static let basicAnswer = """
        v=0
        o=bob 2890844730 2890844730 IN IP4 host.example.com
        s=
        c=IN IP4 host.example.com
        t=0 0
        m=audio 49920 RTP/AVP 0
        a=rtpmap:0 PCMU/8000
        m=video 0 RTP/AVP 31
        m=video 53000 RTP/AVP 32
        a=rtpmap:32 MPV/90000
        """

    /// §10.1, Bob's later offer: new audio port, a recvonly event stream added.
    static let secondOffer = """
        v=0
        o=bob 2890844730 2890844731 IN IP4 host.example.com
        s=
        c=IN IP4 host.example.com
        t=0 0
        m=audio 65422 RTP/AVP 0
        a=rtpmap:0 PCMU/8000
        m=video 0 RTP/AVP 31
        m=video 53000 RTP/AVP 32
        a=rtpmap:32 MPV/90000
        m=audio 51434 RTP/AVP 110
        a=rtpmap:110 telephone-events/8000
        a=recvonly
        """

    /// §10.1, Alice's answer to it.
    static let secondAnswer = """
        v=0
        o=alice 2890844526 2890844527 IN IP4 host.anywhere.com
        s=
        c=IN IP4 host.anywhere.com
        t=0 0
        m=audio 49170 RTP/AVP 0
        a=rtpmap:0 PCMU/8000
        m=video 0 RTP/AVP 31
        a=rtpmap:31 H261/90000
        m=video 53000 RTP/AVP 32
        a=rtpmap:32 MPV/90000
        m=audio 53122 RTP/AVP 110
        a=rtpmap:110 telephone-events/8000
        a=sendonly
        """

    /// §10.2: one of N codec selection, first inactive, then locked down.
    static let inactiveOffer = """
        v=0
        o=alice 2890844526 2890844526 IN IP4 host.anywhere.com
        s=
        c=IN IP4 host.anywhere.com
        t=0 0
        m=audio 62986 RTP/AVP 0 4 18
        a=rtpmap:0 PCMU/8000
        a=rtpmap:4 G723/8000
        a=rtpmap:18 G729/8000
        a=inactive
        """

    static let inactiveAnswer = """
        v=0
        o=bob 2890844730 2890844731 IN IP4 host.example.com
        s=
        c=IN IP4 host.example.com
        t=0 0
        m=audio 54344 RTP/AVP 0 4
        a=rtpmap:0 PCMU/8000
        a=rtpmap:4 G723/8000
        a=inactive
        """

    static let lockedOffer = """
        v=0
        o=alice 2890844526 2890844527 IN IP4 host.anywhere.com
        s=
        c=IN IP4 host.anywhere.com
        t=0 0
        m=audio 62986 RTP/AVP 4
        a=rtpmap:4 G723/8000
        a=sendrecv
        """

    static let lockedAnswer = """
        v=0
        o=bob 2890844730 2890844732 IN IP4 host.example.com
        s=
        c=IN IP4 host.example.com
        t=0 0
        m=audio 54344 RTP/AVP 4
        a=rtpmap:4 G723/8000
        a=sendrecv
        """

    static let all = [basicOffer, basicAnswer, secondOffer, secondAnswer, inactiveOffer, inactiveAnswer,
                      lockedOffer, lockedAnswer]

    @Test(arguments: all)
    func examplesParseAndRoundTrip(_ text: String) throws {
        let session = try SDPTestSupport.parse(text)
        #expect(session.sessionName == " ")
        #expect(try SDPTestSupport.wire(session) == session)
        // what we write differs from the RFC's text only in `s= `
        #expect(session.text == SDPTestSupport.crlf(text).replacingOccurrences(of: "s=\r\n", with: "s= \r\n"))
    }

    @Test func section10_1ReadingBobsAnswer() throws {
        let audio = try SDPOffer.readAnswer(try SDPTestSupport.parse(Self.basicAnswer),
                                            to: try SDPTestSupport.parse(Self.basicOffer))
        #expect(audio.codec == .pcmu)
        #expect(audio.remoteAddress == "host.example.com")
        #expect(audio.remotePort == 49920)
        #expect(audio.remoteRTCPPort == 49921)
        #expect(audio.telephoneEventPayloadType == nil)
        #expect(audio.localDirection == .sendrecv && audio.remoteDirection == .sendrecv)
    }

    @Test func section10_1AnsweringAlicesOffer() throws {
        // We take the audio and refuse both video streams, keeping the order.
        let answered = try SDPAnswer.make(to: try SDPTestSupport.parse(Self.basicOffer), with: SDPTestSupport.bob,
                                          origin: SDPOrigin(username: "bob", sessionID: 2_890_844_730,
                                                            sessionVersion: 2_890_844_730, address: "192.0.2.201"))
        let media = answered.answer.media
        #expect(media.map(\.mediaType) == ["audio", "video", "video"])
        #expect(media.map(\.port) == [3456, 0, 0])
        #expect(media[1].formats == ["31"] && media[2].formats == ["32"])
        #expect(media[0].formats == ["0"], "Alice offered no telephone-event")
        #expect(answered.audio.remoteAddress == "host.anywhere.com")
        #expect(answered.audio.remotePort == 49170)
        #expect(try SDPTestSupport.wire(answered.answer) == answered.answer)
    }

    @Test func section10_1AnsweringBobsSecondOffer() throws {
        // Four streams: the first audio is ours; the event-only audio stream
        // (a second audio stream, in a format we do not know) is refused.
        let answered = try SDPAnswer.make(to: try SDPTestSupport.parse(Self.secondOffer), with: SDPTestSupport.alice,
                                          origin: SDPOrigin(sessionID: 2_890_844_526, sessionVersion: 2_890_844_527,
                                                            address: "192.0.2.101"))
        #expect(answered.answer.media.map(\.port) == [49172, 0, 0, 0])
        #expect(answered.answer.media.map(\.mediaType) == ["audio", "video", "video", "audio"])
        #expect(answered.audio.remotePort == 65422)
    }

    @Test func section10_1AlicesSecondAnswerKeepsHerOrigin() throws {
        let first = try SDPTestSupport.parse(Self.basicOffer)
        let second = try SDPTestSupport.parse(Self.secondAnswer)
        #expect(second.origin.sessionID == first.origin.sessionID)
        #expect(second.origin.sessionVersion == first.origin.sessionVersion + 1)
        #expect(second.direction(of: second.media[3]) == .sendonly)
    }

    @Test func section10_2OneOfNCodecs() throws {
        // Answering the inactive offer: the first codec we know, inactive.
        let answered = try SDPAnswer.make(to: try SDPTestSupport.parse(Self.inactiveOffer), with: SDPTestSupport.bob,
                                          origin: SDPOrigin(sessionID: 7, sessionVersion: 7, address: "192.0.2.201"))
        #expect(answered.audio.codec == .pcmu)
        #expect(answered.audio.localDirection == .inactive)
        #expect(answered.answer.direction(of: answered.answer.media[0]) == .inactive)
        #expect(!answered.answer.media[0].formats.contains("18"))

        // Reading Bob's answer as Alice: PCMU, inactive both ways.
        let audio = try SDPOffer.readAnswer(try SDPTestSupport.parse(Self.inactiveAnswer),
                                            to: try SDPTestSupport.parse(Self.inactiveOffer))
        #expect(audio.codec == .pcmu)
        #expect(audio.localDirection == .inactive && audio.remoteDirection == .inactive)

        // The locked-down offer is G.723 only, which we do not speak: 488.
        #expect(throws: SDPNegotiationError.self) {
            try SDPAnswer.make(to: try SDPTestSupport.parse(Self.lockedOffer), with: SDPTestSupport.bob,
                               origin: SDPOrigin(sessionID: 7, sessionVersion: 8, address: "192.0.2.201"))
        }
        // Read as Alice, Bob's final answer gives G.723 sendrecv.
        let locked = try SDPOffer.readAnswer(try SDPTestSupport.parse(Self.lockedAnswer),
                                             to: try SDPTestSupport.parse(Self.lockedOffer))
        #expect(locked.codec == AudioCodec(name: "G723", payloadType: 4, clockRate: 8000))
        #expect(locked.localDirection == .sendrecv)
    }
}
