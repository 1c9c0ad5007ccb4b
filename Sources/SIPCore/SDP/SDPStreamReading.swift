/// What offers and answers read alike from a peer's audio stream.
enum SDPStreamReading {
    /// The peer's direction for a stream, with RFC 2543's 0.0.0.0 read as
    /// "do not send to me" (RFC 3264 §8.4).
    static func effectiveDirection(_ description: SessionDescription, _ stream: MediaDescription,
                                   _ connection: SDPConnection) -> MediaDirection {
        let declared = description.direction(of: stream)
        guard connection.isUnspecifiedAddress else { return declared }
        return MediaDirection(sends: declared.sends, receives: false)
    }

    static func negotiated(codec: AudioCodec, telephoneEvent: Int?, stream: MediaDescription,
                           connection: SDPConnection, localDirection: MediaDirection,
                           remoteDirection: MediaDirection) -> NegotiatedAudio {
        // RTCP goes to RTP port + 1 unless a=rtcp says otherwise (RFC 3605 §2.1).
        let rtcp = stream.rtcp
        return NegotiatedAudio(codec: codec, telephoneEventPayloadType: telephoneEvent,
                               remoteAddress: connection.address, remotePort: stream.port,
                               remoteRTCPAddress: rtcp?.connection?.address ?? connection.address,
                               remoteRTCPPort: rtcp?.port ?? min(stream.port + 1, 65535),
                               remotePtime: stream.ptime, localDirection: localDirection,
                               remoteDirection: remoteDirection)
    }
}
