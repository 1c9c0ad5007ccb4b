/// An audio codec as one RTP payload type (RFC 3551).
public struct AudioCodec: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var payloadType: Int
    public var clockRate: Int
    public var channels: Int

    public init(name: String, payloadType: Int, clockRate: Int, channels: Int = 1) {
        self.name = name
        self.payloadType = payloadType
        self.clockRate = clockRate
        self.channels = channels
    }

    /// G.711 µ-law and A-law, static payload types 0 and 8 (RFC 3551 §6).
    public static let pcmu = AudioCodec(name: "PCMU", payloadType: 0, clockRate: 8000)
    public static let pcma = AudioCodec(name: "PCMA", payloadType: 8, clockRate: 8000)

    /// Written with the channel count only when it is not one (RFC 8866 §6.6).
    public var rtpMap: RTPMap {
        RTPMap(payloadType: payloadType, encodingName: name, clockRate: clockRate,
               channels: channels == 1 ? nil : channels)
    }

    /// The same codec under the payload type a peer's description gives it.
    func matches(_ map: RTPMap) -> Bool { rtpMap.describesSameEncoding(as: map) }

    public var description: String { "\(name)/\(clockRate) (\(payloadType))" }
}

/// What this phone can do for one call: codecs in order of preference, the
/// telephone-event type for DTMF (RFC 4733), the packet time and where it
/// receives RTP.
public struct AudioCapabilities: Hashable, Sendable {
    public var codecs: [AudioCodec]
    public var telephoneEvent: TelephoneEventFormat?
    /// Milliseconds of audio per packet (`a=ptime`, RFC 8866 §6.4).
    public var ptime: Int
    /// Our RTP address: an IPv4 or IPv6 literal (or a host name).
    public var address: String
    public var port: Int
    /// Where we receive RTCP when it is not `port + 1` (RFC 3605); only then
    /// is `a=rtcp` written.
    public var rtcpPort: Int?

    public init(address: String, port: Int, codecs: [AudioCodec] = [.pcmu, .pcma],
                telephoneEvent: TelephoneEventFormat? = TelephoneEventFormat(payloadType: 101),
                ptime: Int = 20, rtcpPort: Int? = nil) {
        self.address = address
        self.port = port
        self.codecs = codecs
        self.telephoneEvent = telephoneEvent
        self.ptime = ptime
        self.rtcpPort = rtcpPort
    }
}
