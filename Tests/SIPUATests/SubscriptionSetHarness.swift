import SIPAuth
import SIPCore
@testable import SIPUA
import Testing

/// A fake driver around a `SubscriptionSet`: a fake clock, the pacing
/// timer, each subscription's timers, every SUBSCRIBE with the time it
/// went, and every answer to a NOTIFY.
struct SubscriptionSetHarness {
    var set: SubscriptionSet
    var now = RegistrationInstant.origin
    var pacingTimer: RegistrationInstant?
    var timers: [SubscriptionKey: [SubscriptionTimer: RegistrationInstant]] = [:]
    var sent: [(key: SubscriptionKey, at: RegistrationInstant, message: SIPMessage)] = []
    /// Answers to NOTIFYs, by the set (481) or by a subscription.
    var replies: [SIPMessage] = []
    /// Check every n-th SUBSCRIBE through osip (all of them for small lists).
    var wireCheckEvery = 1
    /// SUBSCRIBEs not yet answered by the test's fake proxy.
    var unanswered: [(key: SubscriptionKey, message: SIPMessage)] = []

    static func buddy(_ index: Int) -> SIPURI { SIPURI(user: "buddy\(index)", host: "example.com") }

    static func key(_ index: Int, package: EventPackage = .presence) -> SubscriptionKey {
        SubscriptionKey(resource: buddy(index), package: package.name)
    }

    init(buddies: Int, pacing: SubscriptionPacing = SubscriptionPacing(), seed: UInt64 = 1,
         password: String = RegistrationHarness.password) {
        set = SubscriptionSet(authentication: .test(password: password, seed: seed), pacing: pacing,
                              randomSource: SplitMix64(seed: seed &+ 77))
        for index in 0..<buddies {
            let client = SubscriptionClient(configuration: .test(resource: Self.buddy(index)),
                                            randomSource: SplitMix64(seed: seed &* 100_003 &+ UInt64(index)))
            set.add(client)
        }
    }

    mutating func apply(_ actions: [SubscriptionSet.Action]) {
        for action in actions {
            switch action {
            case .subscription(let key, let inner):
                apply(inner, for: key)
            case .respond(let reply):
                SubscriptionHarness.expectWireSafe(reply)
                replies.append(reply)
            case .startPacingTimer(let at, let after):
                #expect(at - now == after && at >= now)
                pacingTimer = at
            case .cancelPacingTimer:
                #expect(pacingTimer != nil, "cancelled a pacing timer that was not running")
                pacingTimer = nil
            }
        }
    }

    private mutating func apply(_ action: SubscriptionAction, for key: SubscriptionKey) {
        switch action {
        case .send(let message):
            if sent.count % wireCheckEvery == 0 { SubscriptionHarness.expectWireSafe(message) }
            sent.append((key, now, message))
            unanswered.append((key, message))
        case .respond(let reply):
            SubscriptionHarness.expectWireSafe(reply)
            replies.append(reply)
        case .startTimer(let timer, let at, _):
            timers[key, default: [:]][timer] = at
        case .cancelTimer(let timer):
            #expect(timers[key]?.removeValue(forKey: timer) != nil, "\(key): cancelled \(timer), not running")
        case .stateChanged, .notified, .askForStartSlot:
            break
        }
    }

    mutating func handle(_ event: SubscriptionEvent, for key: SubscriptionKey) {
        apply(set.handle(event, for: key, now: now))
    }

    mutating func startAll() { apply(set.startAll(now: now)) }

    mutating func deliverNotify(_ request: SIPMessage) throws {
        apply(set.handleNotify(try SubscriptionHarness.wire(request), now: now))
    }

    /// Answers the oldest unanswered SUBSCRIBE; `respond` builds the answer.
    mutating func answerNext(_ respond: (SIPMessage) -> SIPMessage) -> Bool {
        guard !unanswered.isEmpty else { return false }
        let (key, request) = unanswered.removeFirst()
        handle(.responseReceived(respond(request)), for: key)
        return true
    }

    /// Answers every SUBSCRIBE, including those the answers cause.
    mutating func answerAll(_ respond: (SIPMessage) -> SIPMessage) {
        while answerNext(respond) {}
    }

    /// Fires the pacing timer until `instant`, answering as it goes.
    mutating func runPacing(until instant: RegistrationInstant, answer respond: ((SIPMessage) -> SIPMessage)? = nil) {
        if let respond { answerAll(respond) }
        while let deadline = pacingTimer, deadline <= instant {
            now = deadline
            pacingTimer = nil
            apply(set.pacingTimerFired(now: now))
            if let respond { answerAll(respond) }
        }
        now = max(now, instant)
    }

    static func ok(_ request: SIPMessage) -> SIPMessage {
        var response = SIPReplyBuilder.reply(to: request, statusCode: 200, toTag: "n-" + (request.callID ?? ""))
        response.headers.add("Expires", "3600")
        response.contacts = [.address(NameAddr(uri: SubscriptionHarness.notifierContact))]
        return response
    }

    /// Initial SUBSCRIBEs (new dialogs) and when they went.
    var initialSends: [(key: SubscriptionKey, at: RegistrationInstant, message: SIPMessage)] {
        sent.filter { $0.message.to?.tag == nil }
    }
}
