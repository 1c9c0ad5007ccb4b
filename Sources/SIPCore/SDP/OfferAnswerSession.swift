/// Our side of the offer/answer exchanges of one call (RFC 3264), as a value:
/// every description we send keeps one origin whose version grows by one
/// whenever the description changes (RFC 3264 §8), re-offers keep the m=
/// lines of the previous description (RFC 3264 §8), and hold is a re-offer
/// with sendonly or inactive (RFC 3264 §8.4). No I/O: the dialog layer
/// sends what it returns.
public struct OfferAnswerSession: Hashable, Sendable {
    public var capabilities: AudioCapabilities
    public var sessionName: String
    /// The last description we sent, offer or answer.
    public private(set) var localDescription: SessionDescription?
    /// The peer's last description.
    public private(set) var remoteDescription: SessionDescription?
    /// Our offer waiting for its answer.
    public private(set) var pendingOffer: SessionDescription?
    /// What the last completed exchange agreed.
    public private(set) var negotiated: NegotiatedAudio?
    /// The direction we want: sendrecv, or sendonly/inactive while we hold.
    public private(set) var wantedDirection: MediaDirection = .sendrecv
    private var initialOrigin: SDPOrigin
    private var directionBeforeOffer: MediaDirection = .sendrecv

    /// `sessionID` should be unique per call (RFC 8866 §5.2 suggests an NTP
    /// timestamp); the first version is the same number, as is common.
    public init(capabilities: AudioCapabilities, sessionID: UInt64, username: String = "-",
                sessionName: String = "-") {
        self.capabilities = capabilities
        self.sessionName = sessionName
        initialOrigin = SDPOrigin(username: username, sessionID: sessionID, sessionVersion: sessionID,
                                  address: capabilities.address)
    }

    /// The o= line of what we send.
    public var origin: SDPOrigin { localDescription?.origin ?? initialOrigin }

    /// Whether we hold the call (our wanted direction does not receive).
    public var isHolding: Bool { !wantedDirection.receives }

    /// An offer: the initial one from our capabilities, later ones from our
    /// last description with the audio stream's direction, address and port
    /// brought up to date. Only one offer may be out at a time (RFC 3264 §4);
    /// a new one replaces the pending one.
    public mutating func makeOffer() -> SessionDescription {
        directionBeforeOffer = wantedDirection
        return offer()
    }

    private mutating func offer() -> SessionDescription {
        var offer: SessionDescription
        if let previous = localDescription {
            offer = previous
            if let index = SDPOffer.audioIndex(of: offer) {
                offer.connection = SDPConnection(address: capabilities.address)
                offer.media[index].port = capabilities.port
                offer.media[index].attributes.setDirection(wantedDirection)
            }
        } else {
            offer = SDPOffer.make(capabilities, origin: initialOrigin, sessionName: sessionName,
                                  direction: wantedDirection)
        }
        offer = stamp(offer)
        pendingOffer = offer
        return offer
    }

    /// Puts the call on hold (RFC 3264 §8.4): sendrecv becomes sendonly,
    /// recvonly becomes inactive.
    public mutating func makeHoldOffer() -> SessionDescription {
        directionBeforeOffer = wantedDirection
        let current = localDescription.flatMap { description in
            SDPOffer.audioIndex(of: description).map { description.direction(of: description.media[$0]) }
        } ?? wantedDirection
        wantedDirection = current.held
        return offer()
    }

    /// Takes the call off hold: the audio stream is offered sendrecv again.
    public mutating func makeResumeOffer() -> SessionDescription {
        directionBeforeOffer = wantedDirection
        wantedDirection = .sendrecv
        return offer()
    }

    /// Reads the answer to our pending offer. The exchange is over either
    /// way; on failure the previous agreement stays.
    public mutating func receiveAnswer(_ answer: SessionDescription) throws(SDPNegotiationError) -> NegotiatedAudio {
        guard let offer = pendingOffer else { throw .noOfferPending }
        pendingOffer = nil
        do {
            let audio = try SDPOffer.readAnswer(answer, to: offer)
            remoteDescription = answer
            negotiated = audio
            directionBeforeOffer = wantedDirection
            return audio
        } catch {
            wantedDirection = directionBeforeOffer
            throw error
        }
    }

    /// Our offer was refused (a failure response to the request that carried
    /// it): the session goes on as before (RFC 3264 §8), hold included.
    public mutating func offerRejected() {
        pendingOffer = nil
        wantedDirection = directionBeforeOffer
    }

    /// Answers a received offer, initial or re-offer. On failure (488, or 491
    /// while our own offer is out) nothing changes.
    public mutating func receiveOffer(_ offer: SessionDescription) throws(SDPNegotiationError) -> AnsweredOffer {
        guard pendingOffer == nil else { throw .offerPending }
        var answered = try SDPAnswer.make(to: offer, with: capabilities, origin: origin, sessionName: sessionName,
                                          direction: wantedDirection)
        answered.answer = stamp(answered.answer)
        remoteDescription = offer
        negotiated = answered.audio
        return answered
    }

    /// Gives a description our origin: the previous version when nothing
    /// else changed, the next one otherwise (RFC 3264 §8: "If the version in
    /// the origin line does not increment, the SDP MUST be identical").
    private mutating func stamp(_ description: SessionDescription) -> SessionDescription {
        var stamped = description
        guard let previous = localDescription else {
            stamped.origin = initialOrigin
            localDescription = stamped
            return stamped
        }
        stamped.origin = previous.origin
        if stamped != previous {
            // Wrapping instead of trapping: a 64-bit version does not run out in a call.
            stamped.origin.sessionVersion = previous.origin.sessionVersion &+ 1
        }
        localDescription = stamped
        return stamped
    }
}
