/// Answers to received offers (RFC 3264 §6), as pure functions.
public enum SDPAnswer {
    /// Answers `offer` with one audio stream: the offer's first audio stream
    /// we can use is accepted, every other stream is rejected with port 0,
    /// keeping the number and order of m= lines (RFC 3264 §6). Throws
    /// `.notAcceptable` (send 488) when no audio stream is usable.
    ///
    /// `direction` is what we want (sendrecv, or held); the answer's
    /// direction is that intersected with the offer's, seen from our side
    /// (RFC 3264 §6.1).
    public static func make(to offer: SessionDescription, with capabilities: AudioCapabilities,
                            origin: SDPOrigin, sessionName: String = "-",
                            direction: MediaDirection = .sendrecv) throws(SDPNegotiationError) -> AnsweredOffer {
        var answer = SessionDescription(origin: origin, sessionName: sessionName,
                                        connection: SDPConnection(address: capabilities.address))
        // RFC 3264 §6: "The t= line in the answer MUST equal that of the offer."
        answer.timings = offer.timings
        var agreed: NegotiatedAudio?
        var reasons: [String] = []
        for (index, stream) in offer.media.enumerated() {
            if agreed == nil {
                switch accept(stream, of: offer, capabilities, direction) {
                case .success(let (media, audio)):
                    answer.media.append(media)
                    agreed = audio
                    continue
                case .failure(let reason):
                    reasons.append("m= line \(index + 1): \(reason.reason)")
                }
            }
            answer.media.append(rejected(stream))
        }
        guard let agreed else {
            throw .notAcceptable(reasons.isEmpty ? "no media streams" : reasons.joined(separator: "; "))
        }
        return AnsweredOffer(answer: answer, audio: agreed)
    }

    private struct Refusal: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    private static func accept(_ stream: MediaDescription, of offer: SessionDescription,
                               _ capabilities: AudioCapabilities,
                               _ wanted: MediaDirection) -> Result<(MediaDescription, NegotiatedAudio), Refusal> {
        guard stream.isAudio else { return .failure(Refusal("\(stream.mediaType) is not supported")) }
        guard !stream.isRejected else { return .failure(Refusal("disabled by the offer (port 0)")) }
        guard stream.isPlainRTP else {
            return .failure(Refusal("transport \(stream.transportProtocol) is not supported"))
        }
        guard let connection = offer.connection(for: stream) else { return .failure(Refusal("no c= line")) }
        guard let codec = firstSupportedCodec(stream, capabilities) else {
            return .failure(Refusal("no supported codec among \(stream.formats.joined(separator: " "))"))
        }
        // telephone-event only at the codec's clock rate, with the offer's
        // payload type and the events both sides know (RFC 4733).
        var telephoneEvent: TelephoneEventFormat?
        if let ours = capabilities.telephoneEvent,
           let theirs = stream.telephoneEvents.first(where: { $0.clockRate == codec.clockRate }) {
            let events = theirs.events.intersection(ours.events)
            if !events.isEmpty {
                telephoneEvent = TelephoneEventFormat(payloadType: theirs.payloadType, clockRate: theirs.clockRate,
                                                      events: events)
            }
        }
        let remote = SDPStreamReading.effectiveDirection(offer, stream, connection)
        let local = wanted.intersection(remote.reversed)
        let media = SDPOffer.audioStream(capabilities, codecs: [codec], telephoneEvent: telephoneEvent, direction: local)
        let audio = SDPStreamReading.negotiated(codec: codec, telephoneEvent: telephoneEvent?.payloadType,
                                                stream: stream, connection: connection,
                                                localDirection: local, remoteDirection: remote)
        return .success((media, audio))
    }

    /// The first of the offer's formats (the offerer's preference order,
    /// RFC 3264 §5.1) that we support, under the offer's payload type
    /// number (RFC 3264 §6.1).
    static func firstSupportedCodec(_ stream: MediaDescription, _ capabilities: AudioCapabilities) -> AudioCodec? {
        for format in stream.formats {
            guard let map = stream.rtpMap(for: format),
                  let ours = capabilities.codecs.first(where: { $0.matches(map) }) else { continue }
            return AudioCodec(name: ours.name, payloadType: map.payloadType, clockRate: ours.clockRate,
                              channels: ours.channels)
        }
        return nil
    }

    /// A refused stream: same media and protocol, port 0, the offer's formats
    /// (RFC 3264 §6: "the port number ... MUST be set to zero").
    static func rejected(_ stream: MediaDescription) -> MediaDescription {
        MediaDescription(mediaType: stream.mediaType, port: 0, transportProtocol: stream.transportProtocol,
                         formats: stream.formats)
    }
}
