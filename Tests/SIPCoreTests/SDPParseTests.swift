import Testing
@testable import SIPCore

/// Reading descriptions through libosip2 into values, and writing them back.
@Suite struct SDPParseTests {
    /// Every line type of RFC 8866 §5 once, in its order.
    static let everyField = """
        v=0
        o=jdoe 3724394400 3724394405 IN IP4 198.51.100.1
        s=Call to John Smith
        i=SDP Offer #1
        u=http://www.jdoe.example.com/home.html
        e=Jane Doe <jane@jdoe.example.com>
        p=+1 617 555-6011
        c=IN IP4 198.51.100.1
        b=CT:128
        t=0 0
        r=7d 1h 0 25h
        t=3724394400 3724398000
        z=2882844526 -1h 2898848070 0
        k=prompt
        a=recvonly
        a=tool:switchboard
        m=audio 49170 RTP/AVP 0 8 101
        i=main audio
        c=IN IP6 2001:db8::1
        b=AS:64
        k=clear:secret
        a=rtpmap:0 PCMU/8000
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-16
        a=ptime:20
        a=rtcp:53020 IN IP4 126.16.64.4
        a=sendrecv
        m=video 51372/2 RTP/AVP 99
        c=IN IP4 233.252.0.1/127/3
        c=IN IP6 ff15::101/3
        a=rtpmap:99 h263-1998/90000
        """

    @Test func everyFieldIsRead() throws {
        let session = try SDPTestSupport.parse(Self.everyField)
        #expect(session.version == 0)
        #expect(session.origin == SDPOrigin(username: "jdoe", sessionID: 3_724_394_400, sessionVersion: 3_724_394_405,
                                            networkType: "IN", addressType: "IP4", address: "198.51.100.1"))
        #expect(session.sessionName == "Call to John Smith")
        #expect(session.information == "SDP Offer #1")
        #expect(session.uri == "http://www.jdoe.example.com/home.html")
        #expect(session.emails == ["Jane Doe <jane@jdoe.example.com>"])
        #expect(session.phones == ["+1 617 555-6011"])
        #expect(session.connection == SDPConnection(address: "198.51.100.1"))
        #expect(session.bandwidths == [SDPBandwidth(type: "CT", value: 128)])
        #expect(session.timings == [SDPTiming(start: 0, stop: 0, repeats: ["7d 1h 0 25h"]),
                                    SDPTiming(start: 3_724_394_400, stop: 3_724_398_000)])
        #expect(session.timeZones == "2882844526 -1h 2898848070 0")
        #expect(session.encryptionKey == "prompt")
        #expect(session.attributes == [SDPAttribute("recvonly"), SDPAttribute("tool", "switchboard")])
        #expect(session.media.count == 2)

        let audio = session.media[0]
        #expect(audio.mediaType == "audio" && audio.port == 49170 && audio.portCount == nil)
        #expect(audio.transportProtocol == "RTP/AVP")
        #expect(audio.formats == ["0", "8", "101"])
        #expect(audio.information == "main audio")
        #expect(audio.connections == [SDPConnection(networkType: "IN", addressType: "IP6", address: "2001:db8::1")])
        #expect(audio.bandwidths == [SDPBandwidth(type: "AS", value: 64)])
        #expect(audio.encryptionKey == "clear:secret")
        #expect(audio.attributes.count == 6)

        let video = session.media[1]
        #expect(video.port == 51372 && video.portCount == 2)
        #expect(video.connections == [
            SDPConnection(networkType: "IN", addressType: "IP4", address: "233.252.0.1", ttl: 127, numberOfAddresses: 3),
            SDPConnection(networkType: "IN", addressType: "IP6", address: "ff15::101", numberOfAddresses: 3),
        ])
    }

    @Test func writingFollowsTheOrderOfRFC8866() throws {
        let text = SDPTestSupport.crlf(Self.everyField)
        let session = try SessionDescription(parsing: text)
        #expect(session.text == text)
        #expect(try SessionDescription(parsing: session.serialized()) == session)
    }

    @Test func typedAttributes() throws {
        let session = try SDPTestSupport.parse(Self.everyField)
        let audio = session.media[0]
        #expect(audio.rtpMap(for: "0") == RTPMap(payloadType: 0, encodingName: "PCMU", clockRate: 8000))
        // no rtpmap line for 8: the static assignment of RFC 3551
        #expect(audio.rtpMap(for: "8") == RTPMap(payloadType: 8, encodingName: "PCMA", clockRate: 8000))
        #expect(audio.rtpMap(for: "101")?.encodingName == "telephone-event")
        #expect(audio.rtpMap(for: "96") == nil)
        #expect(audio.fmtp(for: "101") == "0-16")
        #expect(audio.fmtp(for: "0") == nil)
        #expect(audio.ptime == 20)
        #expect(audio.rtcp == RTCPAttribute(port: 53020, connection: SDPConnection(address: "126.16.64.4")))
        #expect(audio.telephoneEvents == [TelephoneEventFormat(payloadType: 101, clockRate: 8000, events: .dtmfAndFlash)])
        #expect(session.media[1].rtpMap(for: "99")?.clockRate == 90000)
        #expect(session.media[1].rtpMap(for: "8") == nil, "static audio types are not video types")
    }

    @Test func mediaDirectionOverridesSessionDirection() throws {
        let session = try SDPTestSupport.parse(Self.everyField)
        #expect(session.declaredDirection == .recvonly)
        #expect(session.direction(of: session.media[0]) == .sendrecv)
        #expect(session.direction(of: session.media[1]) == .recvonly)
        var plain = session
        plain.attributes = []
        #expect(plain.direction(of: plain.media[1]) == .sendrecv, "the default (RFC 8866 §6.7)")
    }

    @Test func mediaConnectionOverridesSessionConnection() throws {
        let session = try SDPTestSupport.parse(Self.everyField)
        #expect(session.connection(for: session.media[0])?.address == "2001:db8::1")
        var bare = session.media[0]
        bare.connections = []
        #expect(session.connection(for: bare)?.address == "198.51.100.1")
    }

    @Test(arguments: [
        ("0 PCMU/8000", RTPMap(payloadType: 0, encodingName: "PCMU", clockRate: 8000)),
        ("96 opus/48000/2", RTPMap(payloadType: 96, encodingName: "opus", clockRate: 48000, channels: 2)),
        ("127 L16/44100/1", RTPMap(payloadType: 127, encodingName: "L16", clockRate: 44100, channels: 1)),
    ])
    func rtpmapValues(_ text: String, _ expected: RTPMap) {
        #expect(RTPMap(attributeValue: text) == expected)
        #expect(RTPMap(attributeValue: text)?.attributeValue == text)
    }

    @Test(arguments: ["", "0", "x PCMU/8000", "128 PCMU/8000", "0 PCMU", "0 PCMU/", "0 /8000", "0 PCMU/8000/0",
                      "0 PCMU/-8000", "0 PCMU/8000/2/1", "-1 PCMU/8000"])
    func unreadableRtpmapValues(_ text: String) {
        #expect(RTPMap(attributeValue: text) == nil)
    }

    @Test(arguments: [
        ("0-15", "0-15"), ("0-16", "0-16"), ("0-11,16", "0-11,16"), ("16, 0-11", "0-11,16"),
        ("7,5,6", "5-7"), ("0-255", "0-255"), ("32-41,16", "16,32-41"),
    ])
    func telephoneEventLists(_ fmtp: String, _ written: String) {
        #expect(TelephoneEventSet(fmtp: fmtp)?.fmtpValue == written)
    }

    @Test(arguments: ["", "a", "1-", "-1", "5-3", "0-256", "1-2-3", "0,,1", "events=0-15"])
    func unreadableTelephoneEventLists(_ fmtp: String) {
        #expect(TelephoneEventSet(fmtp: fmtp) == nil)
    }

    @Test func directions() {
        #expect(MediaDirection.sendonly.reversed == .recvonly)
        #expect(MediaDirection.inactive.reversed == .inactive)
        #expect(MediaDirection.sendrecv.held == .sendonly)
        #expect(MediaDirection.recvonly.held == .inactive)
        #expect(MediaDirection.sendrecv.intersection(.recvonly) == .recvonly)
        var attributes = [SDPAttribute("rtpmap", "0 PCMU/8000"), SDPAttribute("sendonly"), SDPAttribute("ptime", "20"),
                          SDPAttribute("inactive")]
        attributes.setDirection(.sendrecv)
        #expect(attributes == [SDPAttribute("rtpmap", "0 PCMU/8000"), SDPAttribute("sendrecv"),
                               SDPAttribute("ptime", "20")])
        // a value makes it another attribute, not a direction
        #expect([SDPAttribute("sendonly", "x")].direction == nil)
    }

    @Test func emptySessionNameIsReadAsOneSpace() throws {
        let session = try SDPTestSupport.parse("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=\nt=0 0")
        #expect(session.sessionName == " ")
        var unnamed = session
        unnamed.sessionName = ""
        #expect(unnamed.text.contains("\r\ns= \r\n"), "s= is never written empty (RFC 8866 §5.3)")
    }

    @Test func bareLineFeedsAndAMissingLastLineEndAreAccepted() throws {
        let strict = try SDPTestSupport.parse("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nt=0 0\nm=audio 4000 RTP/AVP 0")
        let lax = try SessionDescription(parsing: "v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nt=0 0\nm=audio 4000 RTP/AVP 0")
        #expect(lax == strict)
        let trailing = try SessionDescription(parsing: SDPTestSupport.crlf("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nt=0 0\n"))
        #expect(trailing.media.isEmpty)
    }

    @Test func writerKeepsValuesOnTheirLine() {
        var session = SessionDescription(origin: SDPOrigin(sessionID: 1, sessionVersion: 1, address: "192.0.2.1"),
                                         sessionName: "evil\r\nm=video 1 RTP/AVP 31")
        session.attributes = [SDPAttribute("tool", "a\nb\0c")]
        #expect(session.text == SDPTestSupport.crlf("""
            v=0
            o=- 1 1 IN IP4 192.0.2.1
            s=evil  m=video 1 RTP/AVP 31
            t=0 0
            a=tool:a b c
            """))
    }

    @Test func ipv6AddressesGetTheirAddressType() {
        #expect(SDPConnection(address: "2001:db8::1").addressType == "IP6")
        #expect(SDPConnection(address: "192.0.2.1").addressType == "IP4")
        #expect(SDPOrigin(sessionID: 1, sessionVersion: 1, address: "::1").addressType == "IP6")
    }
}
