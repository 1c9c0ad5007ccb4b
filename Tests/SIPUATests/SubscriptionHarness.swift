import SIPAuth
import SIPCore
@testable import SIPUA
import Testing

/// A fake driver around one `SubscriptionClient` and a fake notifier: a
/// fake clock, timers, every SUBSCRIBE sent and every answer to a NOTIFY.
/// Everything the machine emits must parse through osip with verdict
/// `.accept`; everything it receives goes through serialize → parse first.
struct SubscriptionHarness {
    var client: SubscriptionClient
    var authentication: EventAuthentication
    var now = RegistrationInstant.origin
    var timers = FakeTimers<SubscriptionTimer>()
    var sent: [SIPMessage] = []
    /// Responses the machine gave to NOTIFYs, in order.
    var replies: [SIPMessage] = []
    var states: [SubscriptionState] = []
    var notifications: [SubscriptionNotification] = []
    var slotRequests = 0
    /// The notifier's CSeq for its next NOTIFY.
    var notifyCSeq: UInt32 = 1

    init(_ configuration: SubscriptionConfiguration = .test(), password: String = RegistrationHarness.password,
         seed: UInt64 = 1) {
        authentication = .test(password: password, seed: seed)
        client = SubscriptionClient(configuration: configuration, randomSource: SplitMix64(seed: seed))
    }

    var state: SubscriptionState { client.state }

    var last: SIPMessage {
        get throws { try #require(sent.last) }
    }

    var lastReply: SIPMessage {
        get throws { try #require(replies.last) }
    }

    @discardableResult
    mutating func handle(_ event: SubscriptionEvent) -> [SubscriptionAction] {
        let produced = client.handle(event, now: now, authentication: &authentication)
        for action in produced { apply(action) }
        return produced
    }

    private mutating func apply(_ action: SubscriptionAction) {
        switch action {
        case .send(let message):
            SubscriptionHarness.expectWireSafe(message)
            sent.append(message)
        case .respond(let message):
            SubscriptionHarness.expectWireSafe(message)
            replies.append(message)
        case .startTimer(let timer, let deadline, let after):
            timers.start(timer, at: deadline, after: after, now: now)
        case .cancelTimer(let timer):
            timers.cancel(timer)
        case .stateChanged(let state):
            states.append(state)
        case .notified(let notification):
            notifications.append(notification)
        case .askForStartSlot:
            slotRequests += 1
        }
    }

    /// osip reads it with verdict `.accept`, and it survives serialize → parse.
    static func expectWireSafe(_ message: SIPMessage, sourceLocation: SourceLocation = #_sourceLocation) {
        let parsed = SIPParser.parse(datagram: message.serialized())
        #expect(parsed.verdict == .accept, "osip refused: \(parsed.detail ?? "")", sourceLocation: sourceLocation)
        #expect(parsed.message.map(RegistrationHarness.essentials) == RegistrationHarness.essentials(message),
                "does not survive serialize → parse", sourceLocation: sourceLocation)
    }

    /// A message as the machine would get it from the wire.
    static func wire(_ message: SIPMessage) throws -> SIPMessage {
        let parsed = SIPParser.parse(datagram: message.serialized())
        #expect(parsed.verdict == .accept, "test message refused: \(parsed.detail ?? "")")
        return try #require(parsed.message)
    }

    /// Answers the last SUBSCRIBE as the notifier would.
    @discardableResult
    mutating func respond(_ statusCode: Int, _ edit: (inout SIPMessage) -> Void = { _ in }) throws
        -> [SubscriptionAction] {
        var response = SIPReplyBuilder.reply(to: try last, statusCode: statusCode, toTag: Self.notifierTag)
        edit(&response)
        return handle(.responseReceived(try Self.wire(response)))
    }

    /// 200 with the granted Expires, the notifier's Contact and Record-Routes.
    @discardableResult
    mutating func accept(expires: UInt32 = 3600, recordRoutes: [String] = []) throws -> [SubscriptionAction] {
        try respond(200) { response in
            response.headers.add("Expires", String(expires))
            response.contacts = [.address(NameAddr(uri: Self.notifierContact))]
            response.recordRoutes = recordRoutes.map { try! NameAddr(parsing: $0) }
        }
    }

    @discardableResult
    mutating func challenge(nonce: String = "n1", proxy: Bool = true) throws -> [SubscriptionAction] {
        try respond(proxy ? 407 : 401) {
            $0.headers.add(proxy ? "Proxy-Authenticate" : "WWW-Authenticate",
                           RegistrationHarness.challengeValue(nonce: nonce))
        }
    }

    /// The notifier sends a NOTIFY on the last SUBSCRIBE's dialog.
    @discardableResult
    mutating func notify(_ subscriptionState: String, body: EventBody? = nil, fromTag: String = notifierTag,
                         event: String? = nil, cseq: UInt32? = nil) throws -> [SubscriptionAction] {
        let number = cseq ?? notifyCSeq
        notifyCSeq = max(notifyCSeq, number + 1)
        let request = Self.makeNotify(for: try last, subscriptionState: subscriptionState, body: body,
                                      fromTag: fromTag, event: event, cseq: number)
        return handle(.notifyReceived(try Self.wire(request)))
    }

    @discardableResult
    mutating func timeOut() throws -> [SubscriptionAction] {
        handle(.requestTimedOut(cseq: try #require(try last.cseq?.number)))
    }

    mutating func advance(to instant: RegistrationInstant) {
        while let (timer, deadline) = timers.popDue(by: instant) {
            now = deadline
            handle(.timerFired(timer))
        }
        now = max(now, instant)
    }

    mutating func advance(by duration: Duration) { advance(to: now + duration) }

    mutating func runUntilFired(_ timer: SubscriptionTimer) throws {
        advance(to: try #require(timers[timer], "\(timer) is not running"))
    }

    /// Subscribes from scratch: start, 200, NOTIFY active.
    mutating func subscribe(expires: UInt32 = 3600, body: EventBody? = .pidf("open")) throws {
        handle(.start)
        try accept(expires: expires)
        try notify("active;expires=\(expires)", body: body)
        #expect(state == .active(expiresAt: now + .seconds(expires)))
    }

    static let notifierTag = "notifier-1"
    static let notifierContact = SIPURI(user: "bob", host: "192.0.2.20", port: 5060)

    /// A NOTIFY for the subscription `subscribe` started: to its Contact,
    /// From the resource with the notifier's tag, To us with our tag.
    static func makeNotify(for subscribe: SIPMessage, subscriptionState: String?, body: EventBody? = nil,
                           fromTag: String = notifierTag, event: String? = nil, cseq: UInt32 = 1) -> SIPMessage {
        let target = subscribe.contacts.first?.nameAddr?.uri ?? SIPURI(host: "invalid")
        var request = SIPMessage.request(.notify, target)
        request.vias = [Via(transport: "UDP", host: "192.0.2.20", port: 5060,
                            branch: "z9hG4bK-notify-\(fromTag)-\(cseq)")]
        request.from = NameAddr(uri: subscribe.to?.uri ?? SIPURI(host: "invalid"), parameters: [SIPParameter("tag", fromTag)])
        request.to = subscribe.from
        request.callID = subscribe.callID
        request.cseq = CSeq(cseq, .notify)
        request.contacts = [.address(NameAddr(uri: notifierContact))]
        request.headers.add("Max-Forwards", "70")
        request.headers.add("Event", event ?? subscribe.headers["Event"] ?? "presence")
        if let subscriptionState { request.headers.add("Subscription-State", subscriptionState) }
        if let body {
            request.contentType = body.contentType
            request.body = body.bytes
        }
        return request
    }
}

extension SubscriptionConfiguration {
    static let bobAOR = SIPURI(user: "bob", host: "example.com")

    static func test(resource: SIPURI = bobAOR, package: EventPackage = .presence, eventID: String? = nil,
                     resourceList: Bool = false, expires: UInt32 = 3600, outboundProxy: SIPURI? = nil,
                     backoff: RegistrationBackoff = RegistrationBackoff()) -> SubscriptionConfiguration {
        SubscriptionConfiguration(
            resource: resource, subscriber: RegistrationConfiguration.aliceAOR, displayName: "Alice",
            contact: RegistrationConfiguration.aliceContact, outboundProxy: outboundProxy, package: package,
            eventID: eventID, resourceList: resourceList, requestedExpires: expires, userAgent: "Switchboard/test",
            backoff: backoff)
    }
}

extension EventAuthentication {
    static func test(password: String = RegistrationHarness.password, seed: UInt64 = 1) -> EventAuthentication {
        let store = DigestCredentialStore([DigestCredentials(username: "alice", password: password)])
        return EventAuthentication(authenticator: DigestAuthenticator(credentials: store,
                                                                      randomSource: SplitMix64(seed: seed &+ 1000)))
    }
}
