import SIPAuth
import SIPCore
@testable import SIPUA
import Testing

/// A fake driver around one `InviteSession`: a fake clock, the timers the
/// session started, and everything it sent and reported. Every message the
/// session emits must parse through osip with verdict `.accept` and come
/// out equal; every message given to it goes through serialize → parse
/// first, as it would from the wire.
struct SessionHarness {
    var session: InviteSession
    var now = SessionInstant.origin
    var timers = FakeTimers<SessionTimer>()
    /// Requests for new client transactions, in order.
    var requests: [SIPMessage] = []
    var acks: [SIPMessage] = []
    var responses: [SIPMessage] = []
    var reports: [CallEvent] = []
    var states: [SessionState] = []
    /// Every timer start, in order: (timer, deadline).
    var timerStarts: [(SessionTimer, SessionInstant)] = []
    /// Everything sent, in order, whatever the kind.
    var wire: [SIPMessage] = []

    /// Alice calls Bob.
    init(calling remote: NameAddr = Party.bob, offer: MessageBody? = .aliceOffer,
         configuration: SessionConfiguration = Party.aliceConfiguration(), seed: UInt64 = 1) {
        session = InviteSession(calling: remote, offer: offer, configuration: configuration,
                                authenticator: Party.authenticator(username: "alice", seed: seed),
                                randomSource: SplitMix64(seed: seed))
    }

    /// Bob gets `invite`.
    init(incoming invite: SIPMessage, configuration: SessionConfiguration = Party.bobConfiguration(),
         seed: UInt64 = 2) throws {
        let parsed = try Wire.roundTrip(invite)
        session = try #require(InviteSession(incoming: parsed, configuration: configuration,
                                             authenticator: Party.authenticator(username: "bob", seed: seed),
                                             randomSource: SplitMix64(seed: seed)))
    }

    var state: SessionState { session.state }

    func last(_ method: SIPMethod, sourceLocation: SourceLocation = #_sourceLocation) throws -> SIPMessage {
        try #require(requests.last { $0.method == method }, "no \(method) sent", sourceLocation: sourceLocation)
    }

    func lastResponse(sourceLocation: SourceLocation = #_sourceLocation) throws -> SIPMessage {
        try #require(responses.last, "no response sent", sourceLocation: sourceLocation)
    }

    @discardableResult
    mutating func handle(_ event: SessionEvent) -> [SessionAction] {
        let produced = session.handle(event, now: now)
        for action in produced { apply(action) }
        return produced
    }

    /// Hands a response to the session after a trip through the parser.
    @discardableResult
    mutating func deliver(response: SIPMessage) throws -> [SessionAction] {
        handle(.responseReceived(try Wire.roundTrip(response)))
    }

    @discardableResult
    mutating func deliver(request: SIPMessage) throws -> [SessionAction] {
        handle(.requestReceived(try Wire.roundTrip(request)))
    }

    /// Moves the clock, firing due timers in deadline order.
    mutating func advance(to instant: SessionInstant) {
        while let (timer, deadline) = timers.popDue(by: instant) {
            now = deadline
            handle(.timerFired(timer))
        }
        now = max(now, instant)
    }

    mutating func advance(by duration: Duration) { advance(to: now + duration) }

    private mutating func apply(_ action: SessionAction) {
        switch action {
        case .sendRequest(let message):
            check(message)
            requests.append(message)
            wire.append(message)
        case .sendACK(let message):
            check(message)
            #expect(message.method == .ack)
            acks.append(message)
            wire.append(message)
        case .sendResponse(let message):
            check(message)
            responses.append(message)
            wire.append(message)
        case .startTimer(let timer, let deadline, let after):
            timers.start(timer, at: deadline, after: after, now: now)
            timerStarts.append((timer, deadline))
        case .cancelTimer(let timer):
            timers.cancel(timer)
        case .stateChanged(let state):
            states.append(state)
        case .report(let event):
            reports.append(event)
        }
    }

    /// The message parses with verdict `.accept` and survives serialize → parse.
    private func check(_ message: SIPMessage) {
        let parsed = SIPParser.parse(datagram: message.serialized())
        #expect(parsed.verdict == .accept, "osip refused \(message.startLine): \(parsed.detail ?? "")")
        #expect(parsed.message.map(RegistrationHarness.essentials) == RegistrationHarness.essentials(message),
                "\(message.startLine) does not survive serialize → parse")
    }
}
