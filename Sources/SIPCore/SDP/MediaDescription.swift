/// One `m=` section: `m=<media> <port>[/<number of ports>] <proto> <fmt> ...`
/// (RFC 8866 §5.14) with its own `i=`, `c=`, `b=`, `k=` and `a=` lines.
public struct MediaDescription: Hashable, Sendable {
    /// `audio`, `video`, `text`, `application`, `message` or another token.
    public var mediaType: String
    /// 0 rejects or disables the stream (RFC 3264 §5.1, §6).
    public var port: Int
    public var portCount: Int?
    /// `RTP/AVP` for plain RTP (RFC 3551), or another protocol token.
    public var transportProtocol: String
    /// RTP payload types as written, or other format tokens for other protocols.
    public var formats: [String]
    public var information: String?
    /// Media-level `c=` lines; usually none (the session's applies) or one.
    public var connections: [SDPConnection] = []
    public var bandwidths: [SDPBandwidth] = []
    public var encryptionKey: String?
    public var attributes: [SDPAttribute] = []

    public init(mediaType: String, port: Int, portCount: Int? = nil, transportProtocol: String = "RTP/AVP",
                formats: [String], attributes: [SDPAttribute] = []) {
        self.mediaType = mediaType
        self.port = port
        self.portCount = portCount
        self.transportProtocol = transportProtocol
        self.formats = formats
        self.attributes = attributes
    }

    public var isAudio: Bool { mediaType.lowercased() == "audio" }

    /// Plain RTP with the audio/video profile of RFC 3551, the only one this
    /// phone speaks (no SRTP, no feedback profile).
    public var isPlainRTP: Bool { transportProtocol.uppercased() == "RTP/AVP" }

    /// A stream with port 0 has been rejected or disabled (RFC 3264 §5.1, §6).
    public var isRejected: Bool { port == 0 }
}
