/// Offers (RFC 3264 §5) and the reading of their answers (RFC 3264 §7), as
/// pure functions. `OfferAnswerSession` keeps the state between exchanges.
public enum SDPOffer {
    /// An initial offer: one sendrecv (or given) RTP/AVP audio stream with
    /// our codecs in preference order, telephone-event, ptime, and our
    /// address at session level.
    public static func make(_ capabilities: AudioCapabilities, origin: SDPOrigin, sessionName: String = "-",
                            direction: MediaDirection = .sendrecv) -> SessionDescription {
        SessionDescription(origin: origin, sessionName: sessionName,
                           connection: SDPConnection(address: capabilities.address),
                           media: [audioStream(capabilities, codecs: capabilities.codecs,
                                               telephoneEvent: capabilities.telephoneEvent, direction: direction)])
    }

    /// Our `m=audio` section. Every payload type gets an rtpmap line, static
    /// ones too, as common practice and RFC 3665's flows do. The direction
    /// is always written, though sendrecv is the default (RFC 3264 §5.1).
    static func audioStream(_ capabilities: AudioCapabilities, codecs: [AudioCodec],
                            telephoneEvent: TelephoneEventFormat?, direction: MediaDirection) -> MediaDescription {
        var formats = codecs.map { "\($0.payloadType)" }
        var attributes = codecs.map { SDPAttribute("rtpmap", $0.rtpMap.attributeValue) }
        if let telephoneEvent {
            formats.append("\(telephoneEvent.payloadType)")
            attributes.append(SDPAttribute("rtpmap", "\(telephoneEvent.payloadType) telephone-event/\(telephoneEvent.clockRate)"))
            attributes.append(SDPAttribute("fmtp", "\(telephoneEvent.payloadType) \(telephoneEvent.events.fmtpValue)"))
        }
        attributes.append(SDPAttribute("ptime", "\(capabilities.ptime)"))
        if let rtcpPort = capabilities.rtcpPort, rtcpPort != capabilities.port + 1 {
            attributes.append(SDPAttribute("rtcp", "\(rtcpPort)"))
        }
        attributes.append(SDPAttribute(direction.rawValue))
        return MediaDescription(mediaType: "audio", port: capabilities.port, formats: formats, attributes: attributes)
    }

    /// The stream of an offer this phone negotiates: its first audio stream
    /// that is not disabled.
    public static func audioIndex(of description: SessionDescription) -> Int? {
        description.media.firstIndex { $0.isAudio && !$0.isRejected }
    }

    /// Reads the answer to our offer (RFC 3264 §7): the codec is the first of
    /// the answer's formats that we offered, with the answer's payload type.
    public static func readAnswer(_ answer: SessionDescription,
                                  to offer: SessionDescription) throws(SDPNegotiationError) -> NegotiatedAudio {
        guard answer.media.count == offer.media.count else {
            throw .answerMismatch("\(answer.media.count) m= lines for the offer's \(offer.media.count)")
        }
        guard let index = audioIndex(of: offer) else { throw .answerMismatch("the offer has no audio stream") }
        let ours = offer.media[index]
        let theirs = answer.media[index]
        guard theirs.isAudio else { throw .answerMismatch("m= line \(index + 1) is \(theirs.mediaType), not audio") }
        guard !theirs.isRejected else { throw .audioRejected }
        let offered = ours.formats.compactMap { ours.rtpMap(for: $0) }
            .filter { $0.encodingName.lowercased() != "telephone-event" }
        guard let codec = theirs.formats.lazy.compactMap({ format -> AudioCodec? in
            guard let map = theirs.rtpMap(for: format), offered.contains(where: { $0.describesSameEncoding(as: map) })
            else { return nil }
            return AudioCodec(name: map.encodingName, payloadType: map.payloadType, clockRate: map.clockRate,
                              channels: map.channels ?? 1)
        }).first else {
            throw .noCommonCodec("the answer's formats \(theirs.formats.joined(separator: " ")) were not offered")
        }
        let telephoneEvent = ours.telephoneEvents.isEmpty ? nil
            : theirs.telephoneEvents.first { $0.clockRate == codec.clockRate }
        guard let connection = answer.connection(for: theirs) else {
            throw .answerMismatch("no c= line for the audio stream")
        }
        let remote = SDPStreamReading.effectiveDirection(answer, theirs, connection)
        return SDPStreamReading.negotiated(codec: codec, telephoneEvent: telephoneEvent?.payloadType, stream: theirs,
                                           connection: connection,
                                           localDirection: offer.direction(of: ours).intersection(remote.reversed),
                                           remoteDirection: remote)
    }
}
