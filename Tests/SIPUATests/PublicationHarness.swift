import SIPAuth
import SIPCore
@testable import SIPUA
import Testing

/// A fake driver around one `PublicationClient`: a fake clock, the timers
/// it started, everything it sent, and a fake presence server's answers.
/// Every PUBLISH must parse through osip with verdict `.accept` and survive
/// serialize → parse; every response goes the same way before the machine
/// sees it.
struct PublicationHarness {
    var client: PublicationClient
    var now = RegistrationInstant.origin
    var timers = FakeTimers<PublicationTimer>()
    var sent: [SIPMessage] = []
    var states: [PublicationState] = []
    /// Every `.entityTagChanged`, in order.
    var entityTags: [String?] = []

    init(_ configuration: PublicationConfiguration = .test(), password: String = RegistrationHarness.password,
         seed: UInt64 = 1, resumingETag: String? = nil) {
        let store = DigestCredentialStore([DigestCredentials(username: "alice", password: password)])
        let authenticator = DigestAuthenticator(credentials: store, randomSource: SplitMix64(seed: seed &+ 1000))
        client = PublicationClient(configuration: configuration, authenticator: authenticator,
                                   randomSource: SplitMix64(seed: seed), resumingETag: resumingETag)
    }

    var state: PublicationState { client.state }

    var last: SIPMessage {
        get throws { try #require(sent.last) }
    }

    @discardableResult
    mutating func handle(_ event: PublicationEvent) -> [PublicationAction] {
        let produced = client.handle(event, now: now)
        for action in produced { apply(action) }
        return produced
    }

    private mutating func apply(_ action: PublicationAction) {
        switch action {
        case .send(let message):
            let parsed = SIPParser.parse(datagram: message.serialized())
            #expect(parsed.verdict == .accept, "osip refused: \(parsed.detail ?? "")")
            #expect(parsed.message.map(RegistrationHarness.essentials) == RegistrationHarness.essentials(message),
                    "the PUBLISH does not survive serialize → parse")
            sent.append(message)
        case .startTimer(let timer, let deadline, let after):
            timers.start(timer, at: deadline, after: after, now: now)
        case .cancelTimer(let timer):
            timers.cancel(timer)
        case .stateChanged(let state):
            states.append(state)
        case .entityTagChanged(let tag):
            entityTags.append(tag)
        }
    }

    /// Answers the last PUBLISH as the server would.
    @discardableResult
    mutating func respond(_ statusCode: Int, _ edit: (inout SIPMessage) -> Void = { _ in }) throws
        -> [PublicationAction] {
        var response = SIPReplyBuilder.reply(to: try last, statusCode: statusCode)
        edit(&response)
        let parsed = SIPParser.parse(datagram: response.serialized())
        #expect(parsed.verdict == .accept, "test response refused: \(parsed.detail ?? "")")
        return handle(.responseReceived(try #require(parsed.message)))
    }

    /// 200 with a SIP-ETag and the granted Expires (RFC 3903 §6).
    @discardableResult
    mutating func accept(etag: String, expires: UInt32? = 3600) throws -> [PublicationAction] {
        try respond(200) { response in
            response.headers.add("SIP-ETag", etag)
            if let expires { response.headers.add("Expires", String(expires)) }
        }
    }

    @discardableResult
    mutating func challenge(nonce: String = "n1", proxy: Bool = false) throws -> [PublicationAction] {
        try respond(proxy ? 407 : 401) {
            $0.headers.add(proxy ? "Proxy-Authenticate" : "WWW-Authenticate",
                           RegistrationHarness.challengeValue(nonce: nonce))
        }
    }

    @discardableResult
    mutating func timeOut() throws -> [PublicationAction] {
        handle(.requestTimedOut(cseq: try #require(try last.cseq?.number)))
    }

    /// Moves the clock, firing due timers in deadline order.
    mutating func advance(to instant: RegistrationInstant) {
        while let (timer, deadline) = timers.popDue(by: instant) {
            now = deadline
            handle(.timerFired(timer))
        }
        now = max(now, instant)
    }

    mutating func advance(by duration: Duration) { advance(to: now + duration) }

    mutating func runUntilFired(_ timer: PublicationTimer) throws {
        advance(to: try #require(timers[timer], "\(timer) is not running"))
    }

    /// Publishes `document` from scratch and accepts it with `etag`.
    mutating func publish(_ document: EventBody = .pidf("open"), etag: String = "e1",
                          expires: UInt32 = 3600) throws {
        handle(.publish(document))
        try accept(etag: etag, expires: expires)
        #expect(state.activePublication?.entityTag == etag)
    }
}

extension PublicationConfiguration {
    static func test(expires: UInt32 = 3600, outboundProxy: SIPURI? = nil,
                     backoff: RegistrationBackoff = RegistrationBackoff()) -> PublicationConfiguration {
        PublicationConfiguration(addressOfRecord: RegistrationConfiguration.aliceAOR, outboundProxy: outboundProxy,
                                 localAddress: RegistrationConfiguration.aliceContact, displayName: "Alice",
                                 requestedExpires: expires, userAgent: "Switchboard/test", backoff: backoff)
    }
}

extension EventBody {
    /// A small PIDF document with the given basic status (the machines
    /// never read it; distinct statuses make distinct bodies).
    static func pidf(_ basic: String) -> EventBody {
        let xml = #"<?xml version="1.0" encoding="UTF-8"?><presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:alice@example.com"><tuple id="t1"><status><basic>\#(basic)</basic></status></tuple></presence>"#
        return EventBody(contentType: .pidf, bytes: Array(xml.utf8))
    }
}
