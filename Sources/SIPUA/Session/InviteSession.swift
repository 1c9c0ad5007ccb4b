import SIPAuth
import SIPCore

/// One call: the INVITE dialog usage of RFC 3261 §13-§15 with re-INVITE
/// hold and resume, blind transfer (RFC 3515) and INFO, as a pure value:
/// events in, actions out, no I/O, no clock, no tasks.
///
///     var call = InviteSession(calling: bob, offer: sdp, configuration: config, authenticator: auth)
///     for action in call.handle(.start, now: clock.now) { driver.perform(action) }
///
/// The session sits above the transactions: the driver runs a client
/// transaction for each `.sendRequest`, hands back their responses (2xx
/// retransmissions included, which the INVITE client transaction passes up
/// per RFC 6026), passes `.sendACK` straight to the transport, sends each
/// `.sendResponse` through the server transaction of the request it
/// answers, and runs the timers. Session descriptions are opaque
/// `MessageBody` values the caller writes and reads.
///
/// The transitions live in the extensions: `+Caller` (our INVITE, CANCEL),
/// `+Callee` (the peer's INVITE, 2xx retransmission), `+Requests` (sending,
/// credentials, responses), `+InDialog` (requests from the peer),
/// `+Reinvite` (hold, resume, glare), `+Transfer` (REFER, NOTIFY), `+Info`
/// and `+Termination` (BYE).
public struct InviteSession: Sendable {
    public let role: SessionRole
    public let configuration: SessionConfiguration
    public internal(set) var state: SessionState
    public let callID: String
    /// Our tag: From tag of the caller's requests, To tag of the callee's responses.
    public let localTag: String
    /// The call's dialog once there is one to send requests in: the callee's
    /// from the start (early until the 2xx), the caller's from the 2xx.
    public internal(set) var dialog: Dialog?
    /// Caller: the early dialogs provisional responses set up, by To tag;
    /// several when the INVITE forked (§12.1.2). The 2xx picks one.
    public internal(set) var earlyDialogs: [String: Dialog] = [:]
    /// The INVITE that set up the call: ours (the latest, after a challenge)
    /// or the peer's.
    public internal(set) var initialInvite: SIPMessage
    /// We put the call on hold (our re-INVITE was accepted).
    public internal(set) var isLocallyHeld = false
    /// The peer put the call on hold (we accepted its re-INVITE saying so).
    public internal(set) var isRemotelyHeld = false
    /// Timers started and neither fired nor cancelled, with their deadlines.
    public internal(set) var runningTimers: [SessionTimer: SessionInstant] = [:]

    // Internal rather than private only so the transitions can live in
    // several files; nothing else in the module touches them.
    var authenticator: DigestAuthenticator
    var randomSource: any RandomNumberGenerator & Sendable
    /// The `now` of the event being handled.
    var now = SessionInstant.origin
    /// Our requests whose final response is still to come, in order.
    var pending: [PendingRequest] = []
    /// The ACK sent for each 2xx, resent for its retransmissions (§13.2.2.4).
    var sentACKs: [ACKKey: SIPMessage] = [:]
    /// Realms that challenged a request of this call: later requests answer
    /// them with the cached nonce rather than draw another challenge.
    var challengedRealms: [ChallengedRealm] = []

    // Caller
    /// Our offer in the INVITE; nil for a delayed offer (the 2xx offers).
    var offer: MessageBody?
    var cancelProgress = CancelProgress.none
    var reportedTrying = false
    var reportedRinging = false
    /// Early dialogs (by To tag) whose early media was reported.
    var earlyMediaReported: Set<String> = []
    /// Delayed offer: the 2xx whose ACK waits for the user's answer.
    var ackAwaitingAnswer: ACKKey?

    /// The peer's offer: in its INVITE (callee), or in its 2xx to our
    /// INVITE without one (caller, delayed offer).
    var remoteOffer: MessageBody?

    // Callee
    /// Our 2xx to an INVITE, retransmitted until its ACK (§13.3.1.4).
    var sentAnswer: SentAnswer?
    /// We hung up before the ACK came; §15 makes the BYE wait for it.
    var byeWhenAcknowledged = false

    // Both
    /// The peer's re-INVITE, not answered yet.
    var incomingReinvite: SIPMessage?
    /// Our re-INVITE that drew a 491, sent again when `.reinviteRetry` fires.
    var reinviteToRetry: ReinviteRequest?
    /// INFOs waiting for the one in flight to be answered: one at a time,
    /// or a later CSeq overtaking an earlier one on the way draws 500 for the
    /// earlier (RFC 3261 §12.2.2) and the digit is lost.
    var queuedInfos: [MessageBody] = []
    /// Transferor: the REFER we sent and the subscription it made.
    var outgoingTransfer: OutgoingTransfer?
    /// Transferee: the REFER we accepted and are reporting on.
    var incomingTransfer: IncomingTransfer?
    /// The linger timer ran out: nothing more is expected.
    var lingerOver = false
    private var output: [SessionAction] = []

    enum CancelProgress: Hashable, Sendable {
        case none
        /// Hung up before any provisional response: CANCEL when one comes (§9.1).
        case wanted
        case sent
    }

    /// Which 2xx an ACK acknowledges: the INVITE's CSeq number and the To
    /// tag, as forks answer one INVITE with several 2xx.
    struct ACKKey: Hashable, Sendable {
        var inviteSequence: UInt32
        var remoteTag: String
    }

    struct ChallengedRealm: Hashable, Sendable {
        var kind: DigestChallengeKind
        var realm: String
    }

    /// Our 2xx to an INVITE (the initial one or a re-INVITE) until its ACK.
    struct SentAnswer: Hashable, Sendable {
        var response: SIPMessage
        var inviteSequence: UInt32
        /// The next retransmission interval: T1 doubling up to T2.
        var interval: Duration
        /// The INVITE carried no offer, so our 2xx did and the ACK answers.
        var ackCarriesAnswer: Bool
        var isReinvite: Bool
    }

    /// Caller: starts a call to `remote` with `offer` (nil: a delayed offer,
    /// the callee's 2xx will carry one). `.start` sends the INVITE.
    ///
    /// - Parameters:
    ///   - authenticator: answers 401/407; a copy of the account's, so its
    ///     cached nonces spare the first challenge.
    ///   - randomSource: draws the Call-ID, tags, branches and the glare
    ///     wait; tests pass a seeded generator.
    public init(calling remote: NameAddr, offer: MessageBody?, configuration: SessionConfiguration,
                authenticator: DigestAuthenticator,
                randomSource: any RandomNumberGenerator & Sendable = SystemRandomNumberGenerator()) {
        var random = randomSource
        let callID = RandomToken.callID(host: configuration.contact.host, using: &random)
        let localTag = RandomToken.tag(using: &random)
        self.role = .caller
        self.configuration = configuration
        self.state = .idle
        self.callID = callID
        self.localTag = localTag
        self.authenticator = authenticator
        self.offer = offer
        self.initialInvite = Self.invite(to: remote, offer: offer, callID: callID, localTag: localTag,
                                         configuration: configuration, branch: RandomToken.branch(using: &random))
        self.randomSource = random
    }

    /// Callee: a call from the peer's INVITE, in state `.incoming`; the
    /// INVITE server transaction has sent (or will send) the 100. Nil when
    /// the INVITE cannot make a dialog (no Contact, From or To: §8.1.1.8
    /// makes Contact mandatory in an INVITE); answer it 400.
    ///
    /// - Parameter overTLS: the INVITE arrived over TLS (§12.1.1 secure flag).
    public init?(incoming invite: SIPMessage, configuration: SessionConfiguration,
                 authenticator: DigestAuthenticator, overTLS: Bool = false,
                 randomSource: any RandomNumberGenerator & Sendable = SystemRandomNumberGenerator()) {
        var random = randomSource
        let localTag = RandomToken.tag(using: &random)
        guard invite.method == .invite, invite.to?.tag == nil, let callID = invite.callID,
              let dialog = Dialog.asCallee(request: invite, localTag: localTag, localContact: configuration.contact,
                                           overTLS: overTLS) else { return nil }
        self.role = .callee
        self.configuration = configuration
        self.state = .incoming
        self.callID = callID
        self.localTag = localTag
        self.dialog = dialog
        self.initialInvite = invite
        self.remoteOffer = MessageBody(of: invite)
        self.authenticator = authenticator
        self.randomSource = random
    }

    /// The call is over and its late messages have had their time: the
    /// driver (or `CallRegistry`) can drop it.
    public var isFinished: Bool { state.isEnded && lingerOver }

    /// Feeds one event; returns what the driver must do, in order.
    public mutating func handle(_ event: SessionEvent, now: SessionInstant) -> [SessionAction] {
        self.now = now
        switch event {
        case .start: start()
        case .requestReceived(let request): receive(request: request)
        case .responseReceived(let response): receive(response: response)
        case .requestFailed(let request, let failure): requestFailed(request, failure)
        case .timerFired(let timer): timerFired(timer)
        case .ring(let earlyMedia): ring(earlyMedia: earlyMedia)
        case .answer(let body): answer(with: body)
        case .reject(let statusCode): reject(statusCode: statusCode)
        case .hangUp: hangUp()
        case .acknowledge(let answer): acknowledge(with: answer)
        case .hold(let offer): startReinvite(.hold, offer: offer)
        case .resume(let offer): startReinvite(.resume, offer: offer)
        case .acceptReinvite(let answer, let remoteHold): acceptReinvite(answer: answer, remoteHold: remoteHold)
        case .rejectReinvite(let statusCode): rejectReinvite(statusCode: statusCode)
        case .transfer(let target): transfer(to: target)
        case .transferProgress(let statusCode): reportTransferProgress(statusCode: statusCode)
        case .sendInfo(let body): sendInfo(body)
        }
        defer { output = [] }
        return output
    }

    private mutating func timerFired(_ timer: SessionTimer) {
        // a timer cancelled while its firing was on its way
        guard runningTimers.removeValue(forKey: timer) != nil else { return }
        switch timer {
        case .answerRetransmission: retransmitAnswer()
        case .answerTimeout: answerTimedOut()
        case .reinviteRetry: retryReinvite()
        case .cancelTimeout: cancelTimedOut()
        case .linger: lingerOver = true
        }
    }

    // MARK: Output

    mutating func emit(_ action: SessionAction) { output.append(action) }

    mutating func report(_ event: CallEvent) { emit(.report(event)) }

    mutating func refuse(_ why: String) { report(.commandRefused(why)) }

    mutating func setState(_ next: SessionState) {
        guard next != state else { return }
        state = next
        emit(.stateChanged(next))
    }

    mutating func startTimer(_ timer: SessionTimer, after delay: Duration) {
        let deadline = now + delay
        runningTimers[timer] = deadline
        emit(.startTimer(timer, at: deadline, after: delay))
    }

    mutating func cancelTimer(_ timer: SessionTimer) {
        guard runningTimers.removeValue(forKey: timer) != nil else { return }
        emit(.cancelTimer(timer))
    }

    mutating func newBranch() -> String { RandomToken.branch(using: &randomSource) }
}
