/// What a call's media is agreed to be (from the SDP offer/answer) and how
/// it is run.
public struct MediaSessionConfiguration: Sendable, Hashable {
    public var codec: AudioCodec
    /// The negotiated telephone-event payload type (RFC 4733 §7.1.1),
    /// nil if the other side did not offer it (then DTMF goes by SIP INFO).
    public var telephoneEventPayloadType: UInt8?
    public var direction: MediaDirection
    /// Our RTCP CNAME (RFC 3550 §6.5.1), e.g. "user@host".
    public var canonicalName: String
    /// The RTCP report interval before randomisation (§6.2).
    public var rtcpInterval: Duration
    public var jitterBuffer: JitterBuffer.Configuration
    public var dtmf: DTMFSender.Configuration

    public init(
        codec: AudioCodec, telephoneEventPayloadType: UInt8? = 101, direction: MediaDirection = .sendrecv,
        canonicalName: String, rtcpInterval: Duration = .seconds(5),
        jitterBuffer: JitterBuffer.Configuration = .init(), dtmf: DTMFSender.Configuration = .init()
    ) {
        self.codec = codec
        self.telephoneEventPayloadType = telephoneEventPayloadType
        self.direction = direction
        self.canonicalName = canonicalName
        self.rtcpInterval = rtcpInterval
        self.jitterBuffer = jitterBuffer
        self.dtmf = dtmf
    }
}
