import Foundation
import Presence
import SIPAuth
import SIPCore
import SIPUA

/// Our own presence: the status the user chose, the call state, and the
/// registration decide one PIDF document, published through the user
/// agent's RFC 3903 machine. Each change is one PUBLISH.
extension PhoneCore {
    /// Sets up the account's presence usages (called by `addAccount`).
    /// A SIP-ETag kept by an earlier run makes the first PUBLISH a modify
    /// of that publication.
    func preparePresence(_ route: AccountRoute, contact: SIPURI, agent: UserAgent) async {
        let tagFile = options.stateDirectory.map { directory in
            (directory as NSString).appendingPathComponent("publication-\(Self.fileSafe(route.id)).etag")
        }
        let storedTag = tagFile.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) }
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        let identity = PresenceIdentity(
            addressOfRecord: route.addressOfRecord, displayName: route.account.displayName,
            outboundProxy: route.outboundProxy, contact: contact, userAgent: options.userAgent,
            backoff: RegistrationBackoff(baseTime: options.retryBase, maximumTime: options.retryMaximum))
        await agent.addPresence(account: route.id, identity: identity, credentials: route.credentials,
                                route: route.nextHop, resumingETag: storedTag, pacing: options.subscriptionPacing)
        presence.own[route.id] = OwnPresenceState(entity: route.addressOfRecord.description,
                                                  contact: contact.description, entityTagFile: tagFile)
    }

    /// Sets (or with nil clears) the account's own status and publishes it
    /// when registered; otherwise it goes out once the account registers.
    public func setStatus(_ status: OwnStatus?, account id: String) async throws(PresenceError) {
        guard presence.own[id] != nil else { throw .unknownAccount(id) }
        if let status, !OwnStatus.isValidActivity(status.activity) { throw .invalidStatus(status.activity) }
        presence.own[id]?.status = status
        await publishOwn(id)
        announceOwn(id)
    }

    public func ownPresence(_ id: String) -> OwnPresenceSnapshot? { presence.own[id]?.snapshot }

    /// The calls wiring says a call was confirmed (on the phone, with its
    /// codec, bitrate and the peer's User-Agent) or ended. Every account
    /// publishes on-the-phone, then its previous status again.
    public func callStateChanged(onThePhone: Bool, codec: String?, bitrate: Int?, peerUserAgent: String?) async {
        let call = onThePhone ? CallPresence(codec: codec, bitrate: bitrate, peerUserAgent: peerUserAgent) : nil
        for id in order where presence.own[id] != nil {
            presence.own[id]?.call = call
            await publishOwn(id)
            announceOwn(id)
        }
    }

    /// Whether registering publishes our status and leaving withdraws it
    /// (on by default; headless one-shot runs turn it off, see `PresenceBook`).
    public func setPresenceFollowsRegistration(_ follows: Bool) { presence.followsRegistration = follows }

    /// Waits until the last PUBLISH was answered; the state then.
    public func waitForPublication(_ id: String, timeout: Duration) async -> OwnPresenceSnapshot? {
        _ = await waitForPresence(timeout: timeout) { $0.own[id]?.isSettled ?? true }
        return presence.own[id]?.snapshot
    }

    /// Presence follows the registration: registered → publish (and, after
    /// an outage, refresh every subscription, since the server may have
    /// restarted); unregistering → withdraw the publication.
    func presenceFollowsRegistration(_ id: String, _ snapshot: RegistrationSnapshot) async {
        guard let own = presence.own[id], let agent = userAgent else { return }
        if snapshot.status == .registered, let registered = snapshot.contact.flatMap({ try? SIPURI(parsing: $0) }),
           registered.description != own.contact {
            // a new connection, a new local port: NOTIFYs must find us there
            presence.own[id]?.contact = registered.description
            await agent.updatePresenceContact(account: id, contact: registered)
        }
        switch snapshot.status {
        case .registered where !own.registered:
            let recovered = own.everRegistered
            presence.own[id]?.registered = true
            presence.own[id]?.everRegistered = true
            if presence.followsRegistration { await publishOwn(id, force: true) }
            if recovered { await agent.refreshSubscriptions(account: id) }
        case .unregistering, .unregistered:
            guard own.registered else { return }
            presence.own[id]?.registered = false
            presence.own[id]?.lastPublished = nil
            if presence.followsRegistration { noteStanding(id, await agent.removePublication(account: id)) }
        case .failed:
            // the server is not reachable or refuses us: the publication
            // lapses there by itself; it is published again on recovery
            presence.own[id]?.registered = false
            presence.own[id]?.lastPublished = nil
        default:
            break
        }
    }

    /// Publishes the account's document if it changed (or `force`).
    func publishOwn(_ id: String, force: Bool = false) async {
        guard let own = presence.own[id], own.registered, let agent = userAgent else { return }
        let inputs = OwnPresenceState.PublishedInputs(status: own.status, call: own.call)
        guard force || own.lastPublished != inputs else { return }
        presence.own[id]?.lastPublished = inputs
        let document = OwnPresenceDocument.document(entity: own.entity, contact: own.contact, status: own.status,
                                                    call: own.call, now: Date())
        let body = EventBody(contentType: .pidf, bytes: PIDFWriter.bytes(document))
        noteStanding(id, await agent.publish(account: id, document: body))
    }

    /// Where the publication stands right after asking the user agent: a
    /// waiter must not take the state from before the request for its answer.
    private func noteStanding(_ id: String, _ standing: (state: PublicationState, requestPending: Bool)?) {
        guard let standing else { return }
        presence.own[id]?.publication = standing.state
        presence.own[id]?.requestPending = standing.requestPending
    }

    /// On shutdown: end every subscription and withdraw the publication
    /// (unless it is to outlive the run), waiting at most `grace`.
    func withdrawPresence(grace: Duration) async {
        guard let agent = userAgent else { return }
        for id in order where presence.own[id] != nil {
            await agent.unsubscribeAll(account: id)
            if presence.own[id]?.registered == true && presence.followsRegistration {
                presence.own[id]?.registered = false
                noteStanding(id, await agent.removePublication(account: id))
            }
        }
        _ = await waitForPresence(timeout: grace) { book in book.own.values.allSatisfy(\.isSettled) }
    }

    /// What the user agent's presence usages report.
    func handlePresence(_ event: PresenceUsageEvent) {
        switch event {
        case .publication(let id, let state, let pending):
            presence.own[id]?.publication = state
            presence.own[id]?.requestPending = pending
            if case .failed(.unsupportedByServer, _) = state, let own = presence.own[id] {
                // the machine reports this once and stays off
                broadcaster.yield(.notice("\(id): \(own.snapshot.failure ?? "publishing is off")"))
            }
            announceOwn(id)
        case .entityTag(let id, let tag):
            storeEntityTag(tag, file: presence.own[id]?.entityTagFile)
        case .subscription(let id, let key, let state):
            subscriptionChanged(id, key: key, state: state)
        case .notified(let id, let key, let notification):
            notified(id, key: key, notification: notification)
        case .messageReceived(let message):
            messageReceived(message)
        }
        settlePresenceWaiters()
    }

    func announceOwn(_ id: String) {
        guard let own = presence.own[id] else { return }
        broadcaster.yield(.presence(.ownStatus(account: id, own.snapshot)))
    }

    /// Writes the tag atomically (owner-only), or removes the file for nil.
    private func storeEntityTag(_ tag: String?, file: String?) {
        guard let file else { return }
        guard let tag else {
            try? FileManager.default.removeItem(atPath: file)
            return
        }
        let directory = (file as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        let temporary = file + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data((tag + "\n").utf8),
                                             attributes: [.posixPermissions: 0o600]) else { return }
        if rename(temporary, file) != 0 { try? FileManager.default.removeItem(atPath: temporary) }
    }

    static func fileSafe(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber || "@._-".contains($0) ? $0 : "_" })
    }

    // MARK: Waiting

    /// Waits until `ready` holds for the presence state, or `timeout`.
    func waitForPresence(timeout: Duration, _ ready: @escaping @Sendable (PresenceBook) -> Bool) async -> Bool {
        if ready(presence) { return true }
        let token = UUID()
        return await withCheckedContinuation { continuation in
            presence.waiters[token] = PresenceWaiter(ready: ready, continuation: continuation)
            Task { [weak self] in
                try? await Task.sleep(for: timeout)
                await self?.expirePresenceWaiter(token)
            }
        }
    }

    func settlePresenceWaiters() {
        for (token, waiter) in presence.waiters where waiter.ready(presence) {
            presence.waiters[token] = nil
            waiter.continuation.resume(returning: true)
        }
    }

    private func expirePresenceWaiter(_ token: UUID) {
        presence.waiters.removeValue(forKey: token)?.continuation.resume(returning: false)
    }
}
