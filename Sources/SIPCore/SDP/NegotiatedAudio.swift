/// What one offer/answer exchange agreed for the audio stream: everything the
/// media layer needs to send and receive RTP.
public struct NegotiatedAudio: Hashable, Sendable {
    /// The codec with the payload type the peer's description gives it; both
    /// sides use that number (RFC 3264 §6.1 keeps the offerer's).
    public var codec: AudioCodec
    /// The peer's telephone-event payload type for DTMF (RFC 4733), if agreed.
    public var telephoneEventPayloadType: Int?
    /// Where to send RTP: the stream's `c=` else the session's, and its port.
    public var remoteAddress: String
    public var remotePort: Int
    /// Where to send RTCP: `a=rtcp` (RFC 3605) or the RTP port plus one (RFC 3550 §11).
    public var remoteRTCPAddress: String
    public var remoteRTCPPort: Int
    /// The packet time the peer asked for, if any.
    public var remotePtime: Int?
    /// Our direction for the stream: whether we send and whether we play out.
    public var localDirection: MediaDirection
    /// The peer's direction from its own point of view. A connection address
    /// of 0.0.0.0 (RFC 2543 hold) counts as "does not receive": RFC 3264 §8.4
    /// says neither RTP nor RTCP is then sent to the peer.
    public var remoteDirection: MediaDirection

    public init(codec: AudioCodec, telephoneEventPayloadType: Int?, remoteAddress: String, remotePort: Int,
                remoteRTCPAddress: String, remoteRTCPPort: Int, remotePtime: Int?,
                localDirection: MediaDirection, remoteDirection: MediaDirection) {
        self.codec = codec
        self.telephoneEventPayloadType = telephoneEventPayloadType
        self.remoteAddress = remoteAddress
        self.remotePort = remotePort
        self.remoteRTCPAddress = remoteRTCPAddress
        self.remoteRTCPPort = remoteRTCPPort
        self.remotePtime = remotePtime
        self.localDirection = localDirection
        self.remoteDirection = remoteDirection
    }
}

/// The answer to a received offer with what it agrees.
public struct AnsweredOffer: Hashable, Sendable {
    public var answer: SessionDescription
    public var audio: NegotiatedAudio
    /// The offer puts us on hold: its audio is sendonly or inactive, or its
    /// address is 0.0.0.0 as RFC 2543 did it (RFC 3264 §8.4).
    public var isHold: Bool { !audio.remoteDirection.receives }

    public init(answer: SessionDescription, audio: NegotiatedAudio) {
        self.answer = answer
        self.audio = audio
    }
}
