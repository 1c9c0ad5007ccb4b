import Foundation
import Presence
import SIPCore
import SIPUA

/// Buddies (presence + dialog subscriptions, merged per
/// docs/presence-merge.md), our watchers (presence.winfo) and instant
/// messages.
extension PhoneCore {
    /// Watches each URI: subscribes to its presence and its dialogs (BLF),
    /// or with `lineState` false to its presence only. URIs already watched
    /// are left as they are.
    public func watch(_ uris: [String], account id: String, lineState: Bool = true) async throws(PresenceError)
        -> [BuddySnapshot] {
        guard presence.own[id] != nil, let agent = userAgent else { throw .unknownAccount(id) }
        var resources: [SIPURI] = []
        for text in uris {
            do {
                resources.append(try SIPURI(parsing: text))
            } catch {
                throw .invalidURI("\(text): \(error)")
            }
        }
        for resource in resources {
            let key = resource.description
            guard presence.buddies[id]?[key] == nil else { continue }
            var record = BuddyRecord(account: id, uri: key)
            // without a dialog subscription there is nothing to wait for from it
            record.dialogHeard = !lineState
            presence.buddies[id, default: [:]][key] = record
            presence.buddyOrder[id, default: []].append(key)
            await agent.subscribe(account: id, resource: resource, package: .presence)
            if lineState { await agent.subscribe(account: id, resource: resource, package: .dialog) }
        }
        return resources.compactMap { presence.buddies[id]?[$0.description]?.snapshot }
    }

    /// Stops watching a URI (unsubscribes both packages).
    public func unwatch(_ uri: String, account id: String) async throws(PresenceError) {
        guard let agent = userAgent else { throw .unknownAccount(id) }
        let resource: SIPURI
        do { resource = try SIPURI(parsing: uri) } catch { throw .invalidURI("\(uri): \(error)") }
        guard presence.buddies[id]?.removeValue(forKey: resource.description) != nil else { return }
        presence.buddyOrder[id]?.removeAll { $0 == resource.description }
        await agent.unsubscribe(account: id, resource: resource, package: .presence)
        await agent.unsubscribe(account: id, resource: resource, package: .dialog)
    }

    /// How many buddies have their first full state, and how many of those
    /// have a failed or ended subscription; without merging (for big lists).
    public func buddyCounts(account id: String) -> (total: Int, complete: Int, failed: Int) {
        var counts = (total: 0, complete: 0, failed: 0)
        for record in (presence.buddies[id] ?? [:]).values {
            counts.total += 1
            if record.presenceHeard && record.dialogHeard { counts.complete += 1 }
            switch record.presenceState {
            case .failed, .terminated: counts.failed += 1
            default: break
            }
        }
        return counts
    }

    public func buddies(account id: String) -> [BuddySnapshot] {
        (presence.buddyOrder[id] ?? []).compactMap { key in
            guard var snapshot = presence.buddies[id]?[key]?.snapshot else { return nil }
            if let label = presence.labels[key] {
                snapshot.displayName = label.displayName
                snapshot.group = label.group
            }
            return snapshot
        }
    }

    /// Waits until every given buddy has its first full state (`complete`).
    public func waitForBuddies(_ uris: [String], account id: String, timeout: Duration) async -> [BuddySnapshot] {
        let keys = uris.compactMap { try? SIPURI(parsing: $0).description }
        _ = await waitForPresence(timeout: timeout) { book in
            keys.allSatisfy { book.buddies[id]?[$0]?.snapshot.complete ?? true }
        }
        return keys.compactMap { presence.buddies[id]?[$0]?.snapshot }
    }

    /// Who watches our presence. The first call subscribes to our own
    /// presence.winfo (RFC 3857); nil until its first NOTIFY came (or
    /// within `timeout`).
    public func watchers(account id: String, timeout: Duration) async -> [WatcherSnapshot]? {
        guard let own = presence.own[id], let agent = userAgent else { return nil }
        if presence.watchingWatchers.insert(id).inserted, let aor = try? SIPURI(parsing: own.entity) {
            await agent.subscribe(account: id, resource: aor, package: .presenceWatcherInfo)
        }
        _ = await waitForPresence(timeout: timeout) { $0.watchers[id] != nil }
        return presence.watchers[id]
    }

    /// Sends an instant message (RFC 3428) and records it.
    public func sendMessage(_ text: String, to uri: String, account id: String) async throws(PresenceError)
        -> MessageRecord {
        guard let agent = userAgent, presence.own[id] != nil else { throw .unknownAccount(id) }
        let target: SIPURI
        do { target = try SIPURI(parsing: uri) } catch { throw .invalidURI("\(uri): \(error)") }
        let octets = text.utf8.count
        guard octets <= MessageRequestBuilder.maximumTextOctets else { throw .textTooLong(octets) }
        // kept before it goes (as "sending"), so a crash cannot lose it
        let stored = try? await historyStore()?.messages.append(account: id, direction: .outgoing,
                                                               peerURI: target.description, text: text, at: Date())
        let outcome = await agent.sendMessage(account: id, to: target, text: text)
        guard case .delivered(let code) = outcome else {
            if let stored { _ = try? await historyStore()?.messages.failed(stored.id, statusCode: nil) }
            throw .messageFailed(outcome)
        }
        if let stored { _ = try? await historyStore()?.messages.delivered(stored.id, statusCode: code) }
        let record = MessageRecord(account: id, direction: "out", peer: target.description, text: text,
                                   time: Date(), statusCode: code)
        broadcaster.yield(.presence(.message(record)))
        return record
    }

    // MARK: From the user agent

    func subscriptionChanged(_ id: String, key: SubscriptionKey, state: SIPUA.SubscriptionState) {
        if listSubscriptionChanged(id, key: key, state: state) { return }
        let uri = key.resource.description
        guard key.package != EventPackage.presenceWatcherInfo.name else {
            if case .failed(let failure, _) = state {
                broadcaster.yield(.notice("watcher list of \(id): \(BuddyRecord.describe(failure))"))
            }
            return
        }
        guard var record = presence.buddies[id]?[uri] else { return }
        let before = record.snapshot
        record.subscriptionChanged(package: key.package, to: state)
        presence.buddies[id]?[uri] = record
        let after = record.snapshot
        if after != before { broadcaster.yield(.presence(.buddy(after))) }
    }

    func notified(_ id: String, key: SubscriptionKey, notification: SubscriptionNotification) {
        if key.package == EventPackage.presenceWatcherInfo.name {
            watcherInfoArrived(id, body: notification.body)
            return
        }
        if listNotified(id, key: key, notification: notification) { return }
        let uri = key.resource.description
        guard var record = presence.buddies[id]?[uri] else { return }
        let before = record.snapshot
        record.notified(package: key.package, body: notification.body, interpreter: presence.interpreter, now: Date())
        presence.buddies[id]?[uri] = record
        // a refresh NOTIFY that changes nothing is no news for the log or `watch`
        let after = record.snapshot
        if after != before { broadcaster.yield(.presence(.buddy(after))) }
    }

    /// A watcherinfo document (RFC 3858): a full one replaces the list, a
    /// partial one updates the watchers it names. One we cannot read
    /// leaves the list as it was.
    private func watcherInfoArrived(_ id: String, body: EventBody?) {
        var list = presence.watchers[id] ?? []
        if let body {
            guard case .document(let document)? = try? WatcherInfoReader.read(body.bytes) else {
                broadcaster.yield(.notice("watcher list of \(id): a document we cannot read"))
                return
            }
            let named = document.watcherLists.flatMap { watcherList in
                watcherList.watchers.map { watcher in
                    WatcherSnapshot(account: id, uri: watcher.uri, displayName: watcher.displayName,
                                    status: watcher.status?.rawValue ?? "pending", event: watcher.event)
                }
            }
            if document.state == .full { list = [] }
            for watcher in named {
                list.removeAll { $0.uri == watcher.uri }
                list.append(watcher)
            }
        }
        presence.watchers[id] = list
        broadcaster.yield(.presence(.watchers(account: id, list)))
    }

    func messageReceived(_ message: IncomingMessage) {
        // the account whose AOR user the message was sent to, else the first
        let user = (try? SIPURI(parsing: message.to))?.user
        let id = order.first { (try? SIPURI(parsing: presence.own[$0]?.entity ?? ""))?.user == user } ?? order.first
        guard let id else { return }
        broadcaster.yield(.presence(.message(MessageRecord(account: id, direction: "in", peer: message.from,
                                                            text: message.text, time: Date(), statusCode: nil))))
        let store = historyStore()
        Task { _ = try? await store?.messages.append(account: id, direction: .incoming, peerURI: message.from,
                                                     text: message.text, at: Date()) }
    }
}
