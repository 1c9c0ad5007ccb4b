import SIPAuth
import SIPCore
import SIPTransaction
import SIPTransport

/// Who an account is when it publishes, subscribes and sends MESSAGEs: the
/// values every presence request is written from.
public struct PresenceIdentity: Sendable {
    public var addressOfRecord: SIPURI
    public var displayName: String?
    /// Sent as a loose-routing Route ahead of out-of-dialog requests.
    public var outboundProxy: SIPURI?
    /// Where NOTIFYs and MESSAGEs reach us (the registration's contact):
    /// the Contact of SUBSCRIBEs and the Via of every request.
    public var contact: SIPURI
    public var userAgent: String?
    public var backoff: RegistrationBackoff
    public var publicationExpires: UInt32
    public var subscriptionExpires: UInt32

    public init(addressOfRecord: SIPURI, displayName: String? = nil, outboundProxy: SIPURI? = nil, contact: SIPURI,
                userAgent: String? = nil, backoff: RegistrationBackoff = RegistrationBackoff(),
                publicationExpires: UInt32 = 3600, subscriptionExpires: UInt32 = 3600) {
        self.addressOfRecord = addressOfRecord
        self.displayName = displayName
        self.outboundProxy = outboundProxy
        self.contact = contact
        self.userAgent = userAgent
        self.backoff = backoff
        self.publicationExpires = publicationExpires
        self.subscriptionExpires = subscriptionExpires
    }
}

/// What the presence usages report upwards (inside `UserAgentEvent.presence`).
public enum PresenceUsageEvent: Sendable, CustomStringConvertible {
    /// `requestPending`: a PUBLISH is still in flight (e.g. the modify
    /// that carries a newer document), so the state is not final yet.
    case publication(account: String, PublicationState, requestPending: Bool)
    /// The SIP-ETag to keep (nil: forget it), so a later run can modify
    /// the same publication.
    case entityTag(account: String, String?)
    case subscription(account: String, SubscriptionKey, SubscriptionState)
    /// A NOTIFY's news, already answered.
    case notified(account: String, SubscriptionKey, SubscriptionNotification)
    /// A MESSAGE we accepted (answered 200).
    case messageReceived(IncomingMessage)

    public var description: String {
        switch self {
        case .publication(let account, let state, _): return "publication \(account): \(state)"
        case .entityTag(let account, let tag): return "publication \(account) etag \(tag ?? "none")"
        case .subscription(let account, let key, let state): return "subscription \(account) \(key): \(state)"
        case .notified(let account, let key, let note):
            return "notify \(account) \(key): \(note.state.substate) \(note.body?.bytes.count ?? 0) octets"
        case .messageReceived(let message): return "message from \(message.from)"
        }
    }
}

/// The presence usages of every account, in one value so that the actor
/// keeps them in one stored property (the calls wiring adds its own).
struct PresenceUsages: Sendable {
    var identities: [String: PresenceIdentity] = [:]
    var routes: [String: SIPDestination] = [:]
    var publications: [String: PublicationClient] = [:]
    var subscriptions: [String: SubscriptionSet] = [:]
    /// Digest state of each account's MESSAGEs: one 407 per account, not per message.
    var messageAuthentication: [String: EventAuthentication] = [:]
}

extension UserAgent {
    /// Methods the presence usages serve (the Allow header lists them).
    static let presenceMethods: [SIPMethod] = [.notify, .message]

    /// Prepares an account's publication, subscription set and MESSAGE
    /// sending; nothing is sent yet. `route` is the next hop of its
    /// out-of-dialog requests. `resumingETag` is a tag a previous run
    /// stored: the first document modifies that publication.
    public func addPresence(account: String, identity: PresenceIdentity, credentials: DigestCredentialStore,
                            route: SIPDestination, resumingETag: String? = nil,
                            pacing: SubscriptionPacing = SubscriptionPacing()) {
        presence.identities[account] = identity
        presence.routes[account] = route
        let publication = PublicationConfiguration(
            addressOfRecord: identity.addressOfRecord, outboundProxy: identity.outboundProxy,
            localAddress: identity.contact, displayName: identity.displayName,
            requestedExpires: identity.publicationExpires, userAgent: identity.userAgent, backoff: identity.backoff)
        presence.publications[account] = PublicationClient(
            configuration: publication, authenticator: DigestAuthenticator(credentials: credentials),
            resumingETag: resumingETag)
        // one authenticator per usage kind: their nonce counts must not interleave
        presence.subscriptions[account] = SubscriptionSet(
            authentication: EventAuthentication(authenticator: DigestAuthenticator(credentials: credentials)),
            pacing: pacing)
        presence.messageAuthentication[account] = EventAuthentication(
            authenticator: DigestAuthenticator(credentials: credentials))
    }

    /// NOTIFY and MESSAGE; anything else is left to the caller (false). A
    /// transfer's `refer` NOTIFY in a call's dialog never gets here (the
    /// calls take it first); one that matches no call is answered 481 like
    /// any NOTIFY without its subscription.
    func handlePresenceRequest(_ request: SIPMessage, method: SIPMethod, on key: TransactionKey) async -> Bool {
        switch method {
        case .notify:
            await routeNotify(request, on: key)
            return true
        case .message:
            await receiveMessage(request, on: key)
            return true
        default:
            return false
        }
    }

    /// Sends `response` in the server transaction `key`.
    func respond(_ response: SIPMessage, on key: TransactionKey) async {
        var response = response
        if response.headers["User-Agent"] == nil { response.headers.add("User-Agent", configuration.userAgent) }
        do {
            await perform(try table.sendResponse(response, on: key))
        } catch {
            logger.debug("response not sent: \(error)")
        }
    }

    func presenceTimerFired(_ key: UsageTimerKey) async {
        let instant = RegistrationInstant(now)
        switch key {
        case .publication(let account, let timer):
            await performPublication(account, with: { $0.handle(.timerFired(timer), now: instant) })
        case .subscription(let account, let subscription, let timer):
            await performSubscriptions(account, serverKey: nil) {
                $0.handle(.timerFired(timer), for: subscription, now: instant)
            }
        case .subscriptionPacing(let account):
            await performSubscriptions(account, serverKey: nil) { $0.pacingTimerFired(now: instant) }
        case .registration, .call:
            break
        }
    }

    func resolvePresence(_ owner: TransactionOwner, with outcome: ClientOutcome) async {
        let instant = RegistrationInstant(now)
        switch owner {
        case .publication(let account, let cseq):
            let event: PublicationEvent = if case .response(let response) = outcome {
                .responseReceived(response)
            } else {
                .requestTimedOut(cseq: cseq)
            }
            await performPublication(account, with: { $0.handle(event, now: instant) })
        case .subscription(let account, let key, let cseq):
            let event: SubscriptionEvent = if case .response(let response) = outcome {
                .responseReceived(response)
            } else {
                .requestTimedOut(cseq: cseq)
            }
            await performSubscriptions(account, serverKey: nil) { $0.handle(event, for: key, now: instant) }
        case .registration, .waiter, .call:
            break
        }
    }
}
