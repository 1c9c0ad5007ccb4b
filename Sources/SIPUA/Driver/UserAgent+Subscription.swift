import SIPCore
import SIPTransaction
import SIPTransport

/// Subscriptions (RFC 6665: presence, dialog, presence.winfo) per account:
/// the driver side of `SubscriptionSet`. New subscriptions are paced by
/// the set; NOTIFYs are routed to it and answered in their transaction.
extension UserAgent {
    /// Subscribes to `package` of `resource` (a buddy, or our own AOR for
    /// presence.winfo), or starts it again if it was stopped. With
    /// `resourceList` the resource is a list served by an RLS (RFC 4662).
    public func subscribe(account: String, resource: SIPURI, package: EventPackage, resourceList: Bool = false) async {
        guard let identity = presence.identities[account], presence.subscriptions[account] != nil else { return }
        let key = SubscriptionKey(resource: resource, package: package.name)
        if presence.subscriptions[account]?[key] == nil {
            let configuration = SubscriptionConfiguration(
                resource: resource, subscriber: identity.addressOfRecord, displayName: identity.displayName,
                contact: identity.contact, outboundProxy: identity.outboundProxy, package: package,
                resourceList: resourceList, requestedExpires: identity.subscriptionExpires, userAgent: identity.userAgent,
                backoff: identity.backoff)
            presence.subscriptions[account]?.add(SubscriptionClient(configuration: configuration))
        }
        let instant = RegistrationInstant(now)
        await performSubscriptions(account, serverKey: nil) { $0.handle(.start, for: key, now: instant) }
    }

    /// Ends a subscription (SUBSCRIBE with Expires: 0). The machine stays
    /// in the set, stopped, so subscribing again reuses it.
    public func unsubscribe(account: String, resource: SIPURI, package: EventPackage) async {
        let key = SubscriptionKey(resource: resource, package: package.name)
        let instant = RegistrationInstant(now)
        await performSubscriptions(account, serverKey: nil) { $0.handle(.stop, for: key, now: instant) }
    }

    /// The subscriptions the account has (e.g. to check that a list is one).
    public func subscriptionKeys(account: String) -> [SubscriptionKey] {
        presence.subscriptions[account]?.keys ?? []
    }

    /// Ends every subscription of the account (on exit).
    public func unsubscribeAll(account: String) async {
        let instant = RegistrationInstant(now)
        await performSubscriptions(account, serverKey: nil) { $0.stopAll(now: instant) }
    }

    /// Our contact moved (a new TCP/TLS connection has a new local port):
    /// NOTIFYs must reach us there, and a subscription's Contact cannot be
    /// changed by a refresh we can count on, so each live subscription is
    /// ended and made anew from the new contact (paced like any start).
    public func updatePresenceContact(account: String, contact: SIPURI) async {
        guard var identity = presence.identities[account],
              identity.contact.host != contact.host || identity.contact.port != contact.port else { return }
        identity.contact = contact
        presence.identities[account] = identity
        let instant = RegistrationInstant(now)
        for key in presence.subscriptions[account]?.keys ?? [] {
            guard let old = presence.subscriptions[account]?[key] else { continue }
            switch old.state {
            case .idle, .terminated: continue   // not wanted: nothing to move
            default: break
            }
            await performSubscriptions(account, serverKey: nil) { $0.handle(.stop, for: key, now: instant) }
            var configuration = old.configuration
            configuration.contact = contact
            presence.subscriptions[account]?.add(SubscriptionClient(configuration: configuration))
            await performSubscriptions(account, serverKey: nil) { $0.handle(.start, for: key, now: instant) }
        }
    }

    /// Refreshes every established subscription of the account now: the
    /// registration came back after a failure, so the notifier may have
    /// restarted and forgotten them.
    public func refreshSubscriptions(account: String) async {
        let instant = RegistrationInstant(now)
        await performSubscriptions(account, serverKey: nil) { $0.refreshAll(now: instant) }
    }

    public func subscriptionState(account: String, resource: SIPURI, package: EventPackage) -> SubscriptionState? {
        presence.subscriptions[account]?.state(of: SubscriptionKey(resource: resource, package: package.name))
    }

    public func subscriptionCounts(account: String) -> SubscriptionCounts? { presence.subscriptions[account]?.counts }

    /// A NOTIFY goes to the account whose set owns its dialog; one that no
    /// subscription owns gets 481 (RFC 6665 §4.1.3).
    func routeNotify(_ request: SIPMessage, on key: TransactionKey) async {
        let instant = RegistrationInstant(now)
        if let account = presence.subscriptions.first(where: { $0.value.owns(notify: request) })?.key {
            await performSubscriptions(account, serverKey: key) { $0.handleNotify(request, now: instant) }
            return
        }
        var unused = SystemRandomNumberGenerator()
        await respond(SubscriptionNotifyReply.reply(to: request, statusCode: 481, using: &unused), on: key)
        emit(.requestAnswered(method: .notify, statusCode: 481))
    }

    /// Runs one step of the account's set and performs what it asks;
    /// `serverKey` is the NOTIFY transaction its answers go in.
    func performSubscriptions(_ account: String, serverKey: TransactionKey?,
                              with step: (inout SubscriptionSet) -> [SubscriptionSet.Action]) async {
        guard presence.subscriptions[account] != nil else { return }
        // modified in place: a copy taken out would share the set's storage
        // and copy all of it (10,000 machines) on the first write
        let actions = step(&presence.subscriptions[account]!)
        for action in actions {
            switch action {
            case .subscription(let key, let inner):
                await performSubscription(inner, key: key, account: account, serverKey: serverKey)
            case .respond(let response):
                if let serverKey { await respond(response, on: serverKey) }
            case .startPacingTimer(let at, _):
                usageTimers.schedule(.subscriptionPacing(account: account), at: at.sinceOrigin)
            case .cancelPacingTimer:
                usageTimers.cancel(.subscriptionPacing(account: account))
            }
        }
        rearmTimer()
    }

    private func performSubscription(_ action: SubscriptionAction, key: SubscriptionKey, account: String,
                                     serverKey: TransactionKey?) async {
        switch action {
        case .send(let request):
            guard let route = presence.routes[account] else { return }
            let destination = Self.destination(of: request, resource: key.resource, nextHop: route)
            await startClient(request, to: destination,
                              owner: .subscription(account: account, key, cseq: request.cseq?.number ?? 0))
        case .respond(let response):
            if let serverKey { await respond(response, on: serverKey) }
        case .startTimer(let timer, let at, _):
            usageTimers.schedule(.subscription(account: account, key, timer), at: at.sinceOrigin)
        case .cancelTimer(let timer):
            usageTimers.cancel(.subscription(account: account, key, timer))
        case .stateChanged(let state):
            emit(.presence(.subscription(account: account, key, state)))
        case .notified(let notification):
            emit(.presence(.notified(account: account, key, notification)))
        case .askForStartSlot:
            break   // the set queues it itself
        }
    }

    /// Where a SUBSCRIBE goes: its first Route (the outbound proxy, or the
    /// dialog's route set), else an in-dialog request's remote target, else
    /// the account's next hop. The account's transport is kept throughout.
    static func destination(of request: SIPMessage, resource: SIPURI, nextHop: SIPDestination) -> SIPDestination {
        if let first = request.routes.first {
            return SIPDestination(uri: first.uri, insecure: nextHop.isInsecure).over(nextHop.transport)
        }
        if let target = request.requestURI, target != resource {
            return SIPDestination(uri: target, insecure: nextHop.isInsecure).over(nextHop.transport)
        }
        return nextHop
    }
}
