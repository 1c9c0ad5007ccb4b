import Testing
@testable import SIPCore

/// Offer/answer (RFC 3264) as tables: what we offer, how we answer, how we
/// read answers.
@Suite struct SDPOfferAnswerTests {
    static let bobOrigin = SDPOrigin(username: "bob", sessionID: 2_890_844_527, sessionVersion: 2_890_844_527,
                                     address: "192.0.2.201")

    /// A remote offer: session lines after `t=`, then media sections.
    static func offer(session: [String] = [], _ media: String...) throws -> SessionDescription {
        let head = ["v=0", "o=alice 2890844526 2890844526 IN IP4 client.atlanta.example.com", "s=-",
                    "c=IN IP4 192.0.2.101", "t=0 0"]
        return try SDPTestSupport.parse((head + session + media).joined(separator: "\n"))
    }

    static func answer(_ offer: SessionDescription, wanting direction: MediaDirection = .sendrecv)
        throws(SDPNegotiationError) -> AnsweredOffer {
        try SDPAnswer.make(to: offer, with: SDPTestSupport.bob, origin: bobOrigin, direction: direction)
    }

    // MARK: offers

    @Test func ourInitialOffer() throws {
        let offer = SDPOffer.make(SDPTestSupport.alice, origin: SDPOrigin(username: "alice", sessionID: 2_890_844_526,
                                                                           sessionVersion: 2_890_844_526,
                                                                           address: "192.0.2.101"))
        #expect(offer.text == SDPTestSupport.crlf("""
            v=0
            o=alice 2890844526 2890844526 IN IP4 192.0.2.101
            s=-
            c=IN IP4 192.0.2.101
            t=0 0
            m=audio 49172 RTP/AVP 0 8 101
            a=rtpmap:0 PCMU/8000
            a=rtpmap:8 PCMA/8000
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-16
            a=ptime:20
            a=sendrecv
            """))
        #expect(try SDPTestSupport.wire(offer) == offer)
    }

    @Test func offerOptions() throws {
        var capabilities = AudioCapabilities(address: "2001:db8::5", port: 5004, codecs: [.pcma], telephoneEvent: nil,
                                             ptime: 30, rtcpPort: 5010)
        let offer = SDPOffer.make(capabilities, origin: SDPOrigin(sessionID: 9, sessionVersion: 9, address: "2001:db8::5"),
                                  direction: .recvonly)
        #expect(offer.connection == SDPConnection(networkType: "IN", addressType: "IP6", address: "2001:db8::5"))
        #expect(offer.media[0].formats == ["8"])
        #expect(offer.media[0].attributes == [SDPAttribute("rtpmap", "8 PCMA/8000"), SDPAttribute("ptime", "30"),
                                              SDPAttribute("rtcp", "5010"), SDPAttribute("recvonly")])
        capabilities.rtcpPort = 5005
        let usual = SDPOffer.make(capabilities, origin: offer.origin)
        #expect(!usual.media[0].hasAttribute("rtcp"), "a=rtcp only when RTCP is not on port + 1 (RFC 3605)")
    }

    // MARK: codec choice

    @Test(arguments: [
        // offer m= formats and rtpmap lines → the codec we answer with
        ("0 8 101", ["a=rtpmap:101 telephone-event/8000"], AudioCodec.pcmu),
        ("8 0", [], AudioCodec.pcma),
        ("18 8 0", ["a=rtpmap:18 G729/8000"], AudioCodec.pcma),
        ("3 0", [], AudioCodec.pcmu),
        ("96 0", ["a=rtpmap:96 PCMA/8000"], AudioCodec(name: "PCMA", payloadType: 96, clockRate: 8000)),
        ("97", ["a=rtpmap:97 pcmu/8000"], AudioCodec(name: "PCMU", payloadType: 97, clockRate: 8000)),
        ("98 8", ["a=rtpmap:98 PCMU/16000"], AudioCodec.pcma),
        ("99 0", ["a=rtpmap:99 PCMA/8000/2"], AudioCodec.pcmu),
        ("0", ["a=rtpmap:0 PCMA/8000"], AudioCodec(name: "PCMA", payloadType: 0, clockRate: 8000)),
    ] as [(String, [String], AudioCodec)])
    func codecChoice(_ formats: String, _ maps: [String], _ expected: AudioCodec) throws {
        let answered = try Self.answer(try Self.offer((["m=audio 49172 RTP/AVP \(formats)"] + maps)
            .joined(separator: "\n")))
        #expect(answered.audio.codec == expected)
        #expect(answered.answer.media[0].formats.first == "\(expected.payloadType)")
        #expect(answered.answer.media[0].rtpMap(for: "\(expected.payloadType)")?.encodingName == expected.name)
    }

    // MARK: telephone-event

    @Test(arguments: [
        // offer lines → telephone-event payload type and events in the answer
        (["m=audio 49172 RTP/AVP 0 101", "a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-15"], 101, "0-15"),
        (["m=audio 49172 RTP/AVP 0 96", "a=rtpmap:96 telephone-event/8000", "a=fmtp:96 0-16"], 96, "0-16"),
        (["m=audio 49172 RTP/AVP 0 100", "a=rtpmap:100 telephone-event/8000"], 100, "0-15"),
        (["m=audio 49172 RTP/AVP 0 101", "a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-11,16,32-40"], 101, "0-11,16"),
        (["m=audio 49172 RTP/AVP 0 101", "a=rtpmap:101 TELEPHONE-EVENT/8000", "a=fmtp:101 0-255"], 101, "0-16"),
    ] as [([String], Int, String)])
    func telephoneEventIsKept(_ lines: [String], _ payloadType: Int, _ events: String) throws {
        let answered = try Self.answer(try Self.offer(lines.joined(separator: "\n")))
        #expect(answered.audio.telephoneEventPayloadType == payloadType)
        let media = answered.answer.media[0]
        #expect(media.formats == ["0", "\(payloadType)"])
        #expect(media.fmtp(for: "\(payloadType)") == events)
        #expect(media.telephoneEvents.map(\.payloadType) == [payloadType])
    }

    @Test(arguments: [
        ["m=audio 49172 RTP/AVP 0"],
        ["m=audio 49172 RTP/AVP 0 101", "a=rtpmap:101 telephone-event/16000"],
        ["m=audio 49172 RTP/AVP 0 101", "a=rtpmap:101 telephone-event/8000", "a=fmtp:101 32-40"],
        ["m=audio 49172 RTP/AVP 0 101", "a=rtpmap:101 telephone-events/8000"],
    ])
    func telephoneEventIsLeftOut(_ lines: [String]) throws {
        let answered = try Self.answer(try Self.offer(lines.joined(separator: "\n")))
        #expect(answered.audio.telephoneEventPayloadType == nil)
        #expect(answered.answer.media[0].formats == ["0"])
    }

    @Test func noTelephoneEventWhenWeHaveNone() throws {
        var capabilities = SDPTestSupport.bob
        capabilities.telephoneEvent = nil
        let answered = try SDPAnswer.make(to: try Self.offer("m=audio 49172 RTP/AVP 0 101",
                                                             "a=rtpmap:101 telephone-event/8000"),
                                          with: capabilities, origin: Self.bobOrigin)
        #expect(answered.audio.telephoneEventPayloadType == nil)
    }

    // MARK: direction (RFC 3264 §6.1)

    @Test(arguments: [
        // session-level lines, media-level lines, what we want → answer, remote
        ([], [], MediaDirection.sendrecv, MediaDirection.sendrecv, MediaDirection.sendrecv),
        ([], ["a=sendrecv"], .sendrecv, .sendrecv, .sendrecv),
        ([], ["a=sendonly"], .sendrecv, .recvonly, .sendonly),
        ([], ["a=recvonly"], .sendrecv, .sendonly, .recvonly),
        ([], ["a=inactive"], .sendrecv, .inactive, .inactive),
        (["a=sendonly"], [], .sendrecv, .recvonly, .sendonly),
        (["a=inactive"], ["a=sendrecv"], .sendrecv, .sendrecv, .sendrecv),
        ([], [], .sendonly, .sendonly, .sendrecv),
        ([], ["a=sendonly"], .sendonly, .inactive, .sendonly),
        ([], ["a=recvonly"], .inactive, .inactive, .recvonly),
    ] as [([String], [String], MediaDirection, MediaDirection, MediaDirection)])
    func directionIsMirrored(_ session: [String], _ media: [String], _ wanted: MediaDirection,
                             _ answered: MediaDirection, _ remote: MediaDirection) throws {
        let offer = try Self.offer(session: session, (["m=audio 49172 RTP/AVP 0"] + media).joined(separator: "\n"))
        let result = try Self.answer(offer, wanting: wanted)
        #expect(result.answer.direction(of: result.answer.media[0]) == answered)
        #expect(result.audio.localDirection == answered)
        #expect(result.audio.remoteDirection == remote)
        #expect(result.answer.media[0].declaredDirection == answered, "always written")
    }

    // MARK: rejecting streams with port 0 (RFC 3264 §6)

    @Test(arguments: [
        // offered m= lines (no attributes needed) → answer ports, "A" for our audio port
        (["m=audio 49172 RTP/AVP 0", "m=video 51372 RTP/AVP 31"], ["A", "0"]),
        (["m=video 51372 RTP/AVP 31", "m=audio 49172 RTP/AVP 0"], ["0", "A"]),
        (["m=audio 49172 RTP/AVP 0", "m=audio 49174 RTP/AVP 8"], ["A", "0"]),
        (["m=audio 49172 RTP/SAVP 0", "m=audio 49174 RTP/AVP 8"], ["0", "A"]),
        (["m=audio 0 RTP/AVP 0", "m=audio 49174 RTP/AVP 0"], ["0", "A"]),
        (["m=audio 49172 RTP/AVP 18", "m=audio 49174 RTP/AVP 0"], ["0", "A"]),
        (["m=text 11000 RTP/AVP 98", "m=application 9 TCP/BFCP *", "m=audio 49172 RTP/AVP 0"], ["0", "0", "A"]),
    ])
    func unsupportedStreamsGetPortZero(_ lines: [String], _ ports: [String]) throws {
        let offer = try SDPTestSupport.parse((["v=0", "o=- 1 1 IN IP4 192.0.2.101", "s=-", "c=IN IP4 192.0.2.101",
                                               "t=0 0"] + lines).joined(separator: "\n"))
        let answer = try Self.answer(offer).answer
        #expect(answer.media.map { $0.port == SDPTestSupport.bob.port ? "A" : "\($0.port)" } == ports)
        for (offered, answered) in zip(offer.media, answer.media) {
            #expect(answered.mediaType == offered.mediaType)
            #expect(answered.transportProtocol == offered.transportProtocol)
            if answered.port == 0 { #expect(answered.formats == offered.formats && answered.attributes.isEmpty) }
        }
        #expect(try SDPTestSupport.wire(answer) == answer)
    }

    // MARK: 488 (RFC 3264 §6: nothing acceptable)

    @Test(arguments: [
        ["m=video 51372 RTP/AVP 31"],
        ["m=audio 49172 RTP/AVP 3 4 18"],
        ["m=audio 49172 RTP/AVP 96", "a=rtpmap:96 opus/48000/2"],
        ["m=audio 49172 RTP/AVP 101", "a=rtpmap:101 telephone-event/8000"],
        ["m=audio 49172 RTP/SAVP 0"],
        ["m=audio 49172 RTP/AVPF 0"],
        ["m=audio 0 RTP/AVP 0"],
        ["m=audio 49172 RTP/AVP"],
        [],
    ])
    func nothingAcceptableIs488(_ lines: [String]) throws {
        let offer = try SDPTestSupport.parse((["v=0", "o=- 1 1 IN IP4 192.0.2.101", "s=-", "c=IN IP4 192.0.2.101",
                                               "t=0 0"] + lines).joined(separator: "\n"))
        do {
            _ = try Self.answer(offer)
            Issue.record("accepted \(lines)")
        } catch {
            guard case .notAcceptable = error else { Issue.record("\(error)"); return }
            #expect(error.statusCode == 488)
        }
    }

    @Test func anAudioStreamWithoutAddressIsNotAcceptable() throws {
        let offer = try SDPTestSupport.parse("v=0\no=- 1 1 IN IP4 192.0.2.101\ns=-\nt=0 0\nm=audio 49172 RTP/AVP 0")
        #expect(throws: SDPNegotiationError.notAcceptable("m= line 1: no c= line")) { try Self.answer(offer) }
    }

    @Test func theAnswerCopiesTheOffersTiming() throws {
        let offer = try Self.offer(session: [], "m=audio 49172 RTP/AVP 0")
        var timed = offer
        timed.timings = [SDPTiming(start: 3_724_394_400, stop: 3_724_398_000)]
        #expect(try Self.answer(timed).answer.timings == timed.timings)
    }

    // MARK: reading the answer to our offer (RFC 3264 §7)

    static let ourOffer = SDPOffer.make(SDPTestSupport.alice, origin: SDPOrigin(sessionID: 5, sessionVersion: 5,
                                                                                 address: "192.0.2.101"))

    static func bobsAnswer(_ lines: String...) throws -> SessionDescription {
        try SDPTestSupport.parse((["v=0", "o=bob 7 7 IN IP4 192.0.2.201", "s=-", "c=IN IP4 192.0.2.201", "t=0 0"]
            + lines).joined(separator: "\n"))
    }

    @Test func readingAnAnswer() throws {
        let audio = try SDPOffer.readAnswer(try Self.bobsAnswer("m=audio 3456 RTP/AVP 8 96", "c=IN IP4 198.51.100.7",
                                                                "a=rtpmap:8 PCMA/8000",
                                                                "a=rtpmap:96 telephone-event/8000", "a=fmtp:96 0-15",
                                                                "a=ptime:30", "a=rtcp:3460", "a=recvonly"),
                                            to: Self.ourOffer)
        #expect(audio == NegotiatedAudio(codec: .pcma, telephoneEventPayloadType: 96, remoteAddress: "198.51.100.7",
                                         remotePort: 3456, remoteRTCPAddress: "198.51.100.7", remoteRTCPPort: 3460,
                                         remotePtime: 30, localDirection: .sendonly, remoteDirection: .recvonly))
    }

    @Test func rtcpAttributeWithItsOwnAddress() throws {
        let audio = try SDPOffer.readAnswer(try Self.bobsAnswer("m=audio 3456 RTP/AVP 0",
                                                                "a=rtcp:53020 IN IP6 2001:db8::7"), to: Self.ourOffer)
        #expect(audio.remoteRTCPAddress == "2001:db8::7" && audio.remoteRTCPPort == 53020)
        #expect(audio.remoteAddress == "192.0.2.201" && audio.remotePort == 3456)
    }

    @Test(arguments: [
        (["m=audio 0 RTP/AVP 0"], SDPNegotiationError.audioRejected),
        (["m=audio 3456 RTP/AVP 0", "m=video 0 RTP/AVP 31"],
         .answerMismatch("2 m= lines for the offer's 1")),
        (["m=video 3456 RTP/AVP 31"], .answerMismatch("m= line 1 is video, not audio")),
        (["m=audio 3456 RTP/AVP 18"], .noCommonCodec("the answer's formats 18 were not offered")),
    ] as [([String], SDPNegotiationError)])
    func unusableAnswers(_ lines: [String], _ expected: SDPNegotiationError) throws {
        let answer = try SDPTestSupport.parse((["v=0", "o=bob 7 7 IN IP4 192.0.2.201", "s=-", "c=IN IP4 192.0.2.201",
                                                "t=0 0"] + lines).joined(separator: "\n"))
        #expect(throws: expected) { try SDPOffer.readAnswer(answer, to: Self.ourOffer) }
        #expect(expected.statusCode == nil)
    }

    @Test func telephoneEventIsOnlyReadWhenOffered() throws {
        var capabilities = SDPTestSupport.alice
        capabilities.telephoneEvent = nil
        let offer = SDPOffer.make(capabilities, origin: Self.ourOffer.origin)
        let audio = try SDPOffer.readAnswer(try Self.bobsAnswer("m=audio 3456 RTP/AVP 0 101",
                                                                "a=rtpmap:101 telephone-event/8000"), to: offer)
        #expect(audio.telephoneEventPayloadType == nil)
    }

    @Test func twoPhonesAgree() throws {
        // Our offer answered by our own answerer, through text both ways.
        let answered = try SDPAnswer.make(to: try SDPTestSupport.wire(Self.ourOffer), with: SDPTestSupport.bob,
                                          origin: Self.bobOrigin)
        #expect(answered.audio.codec == .pcmu)
        #expect(answered.audio.telephoneEventPayloadType == 101)
        #expect(answered.audio.remoteAddress == "192.0.2.101" && answered.audio.remotePort == 49172)
        #expect(answered.audio.remotePtime == 20)
        let audio = try SDPOffer.readAnswer(try SDPTestSupport.wire(answered.answer), to: Self.ourOffer)
        #expect(audio.codec == .pcmu && audio.telephoneEventPayloadType == 101)
        #expect(audio.remoteAddress == "192.0.2.201" && audio.remotePort == 3456 && audio.remoteRTCPPort == 3457)
        #expect(audio.localDirection == .sendrecv && audio.remoteDirection == .sendrecv)
    }
}
