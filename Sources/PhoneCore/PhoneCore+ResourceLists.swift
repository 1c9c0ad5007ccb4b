import Config
import Foundation
import Presence
import SIPCore
import SIPUA
import XCAP

/// Buddies watched through one list subscription (RFC 4662) instead of one
/// per buddy: the list's documents go to the XCAP server (RFC 4826), one
/// SUBSCRIBE with `Supported: eventlist` goes to the list URI, and each
/// multipart/related NOTIFY is taken apart into the same per-buddy records
/// the single subscriptions feed.
extension PhoneCore {
    /// The name of the list inside the account's resource-lists document.
    static let resourceListName = "switchboard"

    /// Writes `members` as the account's resource list and an rls-services
    /// document naming `listURI`, then subscribes to `listURI` once.
    /// Members get buddy records at once; their state comes with the
    /// list's NOTIFYs. No BLF: a list subscription carries presence only.
    public func watchList(listURI: String, members: [String], account id: String,
                          xcapRoot: String? = nil) async throws(PresenceError) -> [BuddySnapshot] {
        guard presence.own[id] != nil, let route = routes[id], let agent = userAgent else { throw .unknownAccount(id) }
        let list: SIPURI
        do { list = try SIPURI(parsing: listURI) } catch { throw .invalidURI("\(listURI): \(error)") }
        var keys: [String] = []
        for text in members {
            do { keys.append(try SIPURI(parsing: text).description) } catch { throw .invalidURI("\(text): \(error)") }
        }
        try await uploadList(service: list.description, members: keys, account: route.account, xcapRoot: xcapRoot)
        presence.lists[id, default: [:]][list.description] = Set(keys)
        for key in keys where presence.buddies[id]?[key] == nil {
            var record = BuddyRecord(account: id, uri: key)
            record.dialogHeard = true   // nothing to wait for: no dialog subscription
            presence.buddies[id, default: [:]][key] = record
            presence.buddyOrder[id, default: []].append(key)
        }
        await agent.subscribe(account: id, resource: list, package: .presence, resourceList: true)
        return keys.compactMap { presence.buddies[id]?[$0]?.snapshot }
    }

    /// Members of the account's lists: how many, how many an RLMI document
    /// has named, how many have an instance state (a member that never
    /// published has none from Kamailio's RLS, only its name in the list).
    public func listCounts(account id: String) -> (members: Int, listed: Int, withState: Int) {
        let members = (presence.lists[id] ?? [:]).values.reduce(into: Set<String>()) { $0.formUnion($1) }
        let withState = members.count { presence.buddies[id]?[$0]?.presenceHeard == true }
        return (members.count, presence.listed[id]?.intersection(members).count ?? 0, withState)
    }

    /// The account's subscriptions as "RESOURCE (PACKAGE)", in the order made.
    public func subscriptionKeys(account id: String) async -> [String] {
        await userAgent?.subscriptionKeys(account: id).map(\.description) ?? []
    }

    private func uploadList(service: String, members: [String], account: ResolvedAccount,
                            xcapRoot: String?) async throws(PresenceError) {
        do {
            let access = try XCAPAccess(account: account, root: xcapRoot)
            let (root, xui, client) = (access.root, access.xui, access.client)
            let listsPath = root.userDocumentPath(auid: "resource-lists", user: xui)
            try await client.put(listsPath, body: Array(ResourceListDocuments.resourceLists(
                listName: Self.resourceListName, members: members).utf8),
                contentType: ResourceListDocuments.resourceListsType)
            let listURI = root.uri(of: listsPath) + "/" + XCAPRoot.resourceListSelector(listName: Self.resourceListName)
            try await client.put(root.userDocumentPath(auid: "rls-services", user: xui), body: Array(
                ResourceListDocuments.rlsServices(serviceURI: service, resourceListURI: listURI).utf8),
                contentType: ResourceListDocuments.rlsServicesType)
        } catch {
            throw .listUploadFailed("\(error)")
        }
    }

    // MARK: From the user agent

    /// The list subscription itself changed: until its NOTIFYs say
    /// otherwise, every member shares its state. True when `key` is a list.
    func listSubscriptionChanged(_ id: String, key: SubscriptionKey, state: SIPUA.SubscriptionState) -> Bool {
        guard key.package == EventPackage.presence.name,
              let members = presence.lists[id]?[key.resource.description] else { return false }
        presence.listStates[id, default: [:]][key.resource.description] = state
        switch state {
        case .failed, .terminated, .subscribing:
            for member in members { memberChanged(id, member) { $0.subscriptionChanged(package: EventPackage.presence.name, to: state) } }
        case .idle, .pending, .active:
            break   // the members' own instance states come with the NOTIFY
        }
        return true
    }

    /// A NOTIFY on a list subscription: RLMI plus one part per resource
    /// state. True when `key` is a list (whether or not the body was readable).
    func listNotified(_ id: String, key: SubscriptionKey, notification: SubscriptionNotification) -> Bool {
        let listKey = key.resource.description
        guard key.package == EventPackage.presence.name, let members = presence.lists[id]?[listKey] else { return false }
        guard let body = notification.body else { return true }   // nothing known yet (RFC 6665 §4.2.2)
        let reading: ResourceListNotification
        do {
            reading = try ResourceListReader.read(body.bytes, contentType: body.contentType.description)
        } catch {
            broadcaster.yield(.notice("resource list \(listKey): a NOTIFY we cannot read (\(error))"))
            return true
        }
        if let first = reading.unreadableParts.first {
            broadcaster.yield(.notice("resource list \(listKey): \(reading.unreadableParts.count) part(s) left out (\(first))"))
        }
        // each resource URI normalised once (a full list is 10,000 of them)
        var normalised = [String: String]()
        for resource in reading.list.resources {
            if let uri = try? SIPURI(parsing: resource.uri).description, members.contains(uri) {
                normalised[resource.uri] = uri
                presence.listed[id, default: []].insert(uri)
            }
        }
        let expiresAt = presence.listStates[id]?[listKey]?.expiresAt ?? RegistrationInstant.origin
        for entry in reading.entries {
            guard let uri = normalised[entry.resourceURI] else { continue }
            let state = Self.memberState(entry.instance, expiresAt: expiresAt)
            memberChanged(id, uri) { record in
                record.subscriptionChanged(package: EventPackage.presence.name, to: state)
                if let part = entry.part {
                    let essence = part.contentType.mediaType.split(separator: "/", maxSplits: 1).map(String.init)
                    let type = essence.count == 2 ? MediaType(essence[0], essence[1]) : MediaType.pidf
                    record.notified(package: EventPackage.presence.name, body: EventBody(contentType: type, bytes: part.body),
                                    interpreter: presence.interpreter, now: Date())
                }
            }
        }
        return true
    }

    /// RFC 4662 §5.2 instance states in the terms of one subscription.
    static func memberState(_ instance: RLMIInstance, expiresAt: RegistrationInstant) -> SIPUA.SubscriptionState {
        switch instance.state {
        case .active: return .active(expiresAt: expiresAt)
        case .pending: return .pending(expiresAt: expiresAt)
        case .terminated:
            let reason = instance.reason.map(SubscriptionEndReason.init(token:))
            if let reason, !reason.allowsResubscribe { return .terminated(reason) }
            return .failed(.terminatedByNotifier(reason), retryAt: nil)
        }
    }

    private func memberChanged(_ id: String, _ uri: String, _ change: (inout BuddyRecord) -> Void) {
        guard var record = presence.buddies[id]?[uri] else { return }
        let before = record.snapshot
        change(&record)
        presence.buddies[id]?[uri] = record
        let after = record.snapshot
        if after != before { broadcaster.yield(.presence(.buddy(after))) }
    }
}
