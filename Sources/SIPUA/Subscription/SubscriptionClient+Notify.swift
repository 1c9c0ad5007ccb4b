import SIPCore

/// NOTIFYs (RFC 6665 §4.1.3): every one is answered, in-dialog ones with
/// 200 after the checks below, and its state and body are handed on.
extension SubscriptionClient {
    /// Whether a NOTIFY belongs to this subscription's current attempt:
    /// its Call-ID, our tag as its To tag, and its Event (package and id).
    /// A `SubscriptionSet` uses the first two to route; the remote tag is
    /// checked once routed.
    public func matches(notify: SIPMessage) -> Bool {
        guard let attempt, notify.callID == attempt.callID, notify.to?.tag == attempt.localTag,
              let event = notify.headers["Event"].map(EventHeader.init(parsing:)) else { return false }
        return event.package.lowercased() == configuration.package.name.lowercased()
            && event.id == configuration.eventID
    }

    mutating func receiveNotify(_ request: SIPMessage, now: RegistrationInstant) {
        guard matches(notify: request), let cseq = request.cseq?.number, let fromTag = request.from?.tag else {
            // §4.1.3: a NOTIFY that matches no subscription gets 481
            return respond(to: request, 481)
        }
        if let existing = dialog {
            // Forking (§4.1.4): one subscription is kept; a 481 ends any
            // other at its notifier (§4.2.2)
            guard existing.remoteTag == fromTag else { return respond(to: request, 481) }
            // RFC 3261 §12.2.2: an older request than the last one is refused
            if let last = existing.remoteCSeq, cseq <= last { return respond(to: request, 500) }
            dialog?.remoteCSeq = cseq
            // §4.4.1: NOTIFY is a target refresh request
            if let target = request.contacts.first?.nameAddr?.uri { dialog?.remoteTarget = target }
        } else if inFlight?.purpose == .initial, let created = SubscriptionDialog(notify: request) {
            // §4.1.2.4: the NOTIFY overtook the 2xx; it creates the dialog
            dialog = created
            if goal == .unsubscribed { unsubscribeWanted = true }
        } else {
            return respond(to: request, 481)
        }
        guard let header = request.headers["Subscription-State"].flatMap(SubscriptionStateHeader.init(parsing:)) else {
            // §8.2.3: every NOTIFY carries one; without it there is no state to show
            return respond(to: request, 400, reason: "Missing Subscription-State")
        }
        respond(to: request, 200)
        let notification = SubscriptionNotification(state: header, body: EventBody(of: request))
        lastNotification = notification
        emit(.notified(notification))
        if header.substate == .terminated {
            terminated(header, now: now)
        } else if goal == .subscribed {
            live(header, now: now)
        }
    }

    /// active, pending (and unknown values, read as active: the notifier
    /// still sends state): the expires parameter can only bring the end
    /// nearer; the 2xx to a SUBSCRIBE is what extends it.
    private mutating func live(_ header: SubscriptionStateHeader, now: RegistrationInstant) {
        if let seconds = header.expires {
            let remaining = Duration.seconds(seconds)
            if runningTimers[.expiry].map({ now + remaining < $0 }) ?? true {
                startTimer(.expiry, at: now + remaining, now: now)
            }
            let latestRefresh = now + configuration.refresh.window(forGranted: remaining).upperBound
            if runningTimers[.refresh].map({ $0 > latestRefresh }) ?? (inFlight == nil) {
                let delay = configuration.refresh.delay(forGranted: remaining, using: &randomSource)
                startTimer(.refresh, at: now + delay, now: now)
            }
        }
        let expiresAt = runningTimers[.expiry] ?? now + .seconds(requestedExpires)
        setState(header.substate == .pending ? .pending(expiresAt: expiresAt) : .active(expiresAt: expiresAt))
    }

    /// §4.1.3: the subscription is over; the reason says whether and when
    /// to ask again, and a retry-after is honoured whatever the reason.
    private mutating func terminated(_ header: SubscriptionStateHeader, now: RegistrationInstant) {
        dropDialog()
        guard goal == .subscribed, !givenUp else { return }
        if let reason = header.reason, !reason.allowsResubscribe {
            givenUp = true
            cancelTimer(.retry)
            setState(.terminated(reason))
            return
        }
        if let seconds = header.retryAfter {
            cancelTimer(.retry)
            let retryAt = scheduleRetry(after: .seconds(seconds), now: now)
            setState(.failed(.terminatedByNotifier(header.reason), retryAt: retryAt))
            return
        }
        switch header.reason {
        case .deactivated, .timeout:
            // "SHOULD retry immediately with a new subscription"
            resubscribeAtOnce(orAfter: .terminatedByNotifier(header.reason), now: now)
        default:
            // probation without retry-after, or no (known) reason: later
            setState(.failed(.terminatedByNotifier(header.reason), retryAt: scheduleRetry(after: nil, now: now)))
        }
    }

    private mutating func respond(to request: SIPMessage, _ statusCode: Int, reason: String? = nil) {
        emit(.respond(SubscriptionNotifyReply.reply(to: request, statusCode: statusCode, reason: reason,
                                                    using: &randomSource)))
    }
}

/// Responses to NOTIFYs, also for those a `SubscriptionSet` cannot route.
enum SubscriptionNotifyReply {
    static func reply(to request: SIPMessage, statusCode: Int, reason: String? = nil,
                      using generator: inout some RandomNumberGenerator) -> SIPMessage {
        // a NOTIFY always has our tag in To; one without gets a tag of ours,
        // drawn from the injected generator so tests repeat
        SIPReplyBuilder.reply(to: request, statusCode: statusCode, reasonPhrase: reason,
                              toTag: request.to?.tag == nil ? RandomToken.tag(using: &generator) : nil)
    }
}

/// An Event header value: `presence;id=17` (RFC 6665 §8.2.1).
struct EventHeader: Equatable, Sendable {
    var package: String
    var id: String?

    init(parsing text: String) {
        let parts = text.split(separator: ";").map { $0.trimmingLWS }
        package = parts.first ?? ""
        id = nil
        for part in parts.dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingLWS }
            if pair.count == 2, pair[0].lowercased() == "id" { id = pair[1] }
        }
    }
}
