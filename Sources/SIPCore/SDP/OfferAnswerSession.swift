/// Our side of the offer/answer exchanges of one call (RFC 3264), as a value:
/// every description we send keeps one origin whose version grows by one
/// whenever the description changes (RFC 3264 §8), re-offers keep the m=
/// lines of the current description (RFC 3264 §8), and hold is a re-offer
/// with sendonly or inactive (RFC 3264 §8.4). No I/O: the dialog layer
/// sends what it returns.
public struct OfferAnswerSession: Hashable, Sendable {
    public var capabilities: AudioCapabilities
    public var sessionName: String
    /// Our side of the current agreement: the answer we last sent, or our
    /// offer that was last answered. A refused offer does not change it.
    public private(set) var localDescription: SessionDescription?
    /// The peer's side of the current agreement.
    public private(set) var remoteDescription: SessionDescription?
    /// Our offer waiting for its answer.
    public private(set) var pendingOffer: SessionDescription?
    /// What the last completed exchange agreed.
    public private(set) var negotiated: NegotiatedAudio?
    /// What we want from the stream: sendrecv, or sendonly while we hold
    /// (we may send, e.g. music, but ask the peer to stop sending).
    public private(set) var wantedDirection: MediaDirection = .sendrecv
    /// The last description sent, refused or not: versions count from it.
    private var lastSent: SessionDescription?
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
    public var origin: SDPOrigin { lastSent?.origin ?? initialOrigin }

    /// Whether we hold the call.
    public var isHolding: Bool { !wantedDirection.receives }

    /// An offer: the initial one from our capabilities, later ones from the
    /// current description with the audio address and port brought up to
    /// date and its direction kept (a refresh, or a move as in RFC 3665
    /// §3.7). Only one offer may be out at a time (RFC 3264 §4); a new one
    /// replaces the pending one.
    public mutating func makeOffer() -> SessionDescription {
        directionBeforeOffer = wantedDirection
        return offer(direction: nil)
    }

    /// Puts the call on hold (RFC 3264 §8.4): a sendrecv stream is offered
    /// sendonly, a recvonly one (the peer holds us) inactive.
    public mutating func makeHoldOffer() -> SessionDescription {
        directionBeforeOffer = wantedDirection
        wantedDirection = wantedDirection.held
        return offer(direction: (currentDirection ?? .sendrecv).held)
    }

    /// Takes the call off hold: the audio stream is offered sendrecv again.
    public mutating func makeResumeOffer() -> SessionDescription {
        directionBeforeOffer = wantedDirection
        wantedDirection = .sendrecv
        return offer(direction: .sendrecv)
    }

    /// Reads the answer to our pending offer. The exchange is over either
    /// way; on failure the previous agreement stays.
    public mutating func receiveAnswer(_ answer: SessionDescription) throws(SDPNegotiationError) -> NegotiatedAudio {
        guard let offer = pendingOffer else { throw .noOfferPending }
        pendingOffer = nil
        do {
            let audio = try SDPOffer.readAnswer(answer, to: offer)
            localDescription = offer
            remoteDescription = answer
            negotiated = audio
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
        localDescription = answered.answer
        remoteDescription = offer
        negotiated = answered.audio
        return answered
    }

    /// Our audio stream in the current agreement, with its index.
    private var currentDescriptionAudio: (SessionDescription, Int)? {
        guard let description = localDescription, let index = SDPOffer.audioIndex(of: description) else { return nil }
        return (description, index)
    }

    private var currentDirection: MediaDirection? {
        currentDescriptionAudio.map { $0.0.direction(of: $0.0.media[$0.1]) }
    }

    /// `direction` nil keeps the current one.
    private mutating func offer(direction: MediaDirection?) -> SessionDescription {
        var offer: SessionDescription
        if case let (current, index)? = currentDescriptionAudio {
            offer = current
            offer.connection = SDPConnection(address: capabilities.address)
            offer.media[index].port = capabilities.port
            offer.media[index].attributes.setDirection(direction ?? current.direction(of: current.media[index]))
        } else if let current = localDescription {
            offer = current
        } else {
            offer = SDPOffer.make(capabilities, origin: initialOrigin, sessionName: sessionName,
                                  direction: direction ?? wantedDirection)
        }
        offer = stamp(offer)
        pendingOffer = offer
        return offer
    }

    /// Gives a description our origin: the last version sent when nothing
    /// else changed, the next one otherwise (RFC 3264 §8: "If the version in
    /// the origin line does not increment, the SDP MUST be identical").
    private mutating func stamp(_ description: SessionDescription) -> SessionDescription {
        var stamped = description
        guard let previous = lastSent else {
            stamped.origin = initialOrigin
            lastSent = stamped
            return stamped
        }
        stamped.origin = previous.origin
        if stamped != previous {
            // Wrapping instead of trapping: a 64-bit version does not run out in a call.
            stamped.origin.sessionVersion = previous.origin.sessionVersion &+ 1
        }
        lastSent = stamped
        return stamped
    }
}
