import Foundation
import SIPCore
import Store

/// The stored buddy list (the database `switchboard buddy` edits) as what a
/// long-running instance watches.
extension PhoneCore {
    /// Watches every SIP buddy of the stored list with the first account,
    /// stops watching the ones removed since the last call, and takes names
    /// and groups from the list. Mail buddies are the mail mode's. Returns how
    /// many are watched; nil when the list cannot be read (no store).
    @discardableResult
    public func syncStoredBuddies() async -> Int? {
        guard let id = order.first, let store = historyStore() else { return nil }
        let list: [Buddy]
        do {
            list = try await store.buddies.list()
        } catch {
            broadcaster.yield(.notice("buddy list unreadable: \(error)"))
            return nil
        }
        var labels: [String: StoredBuddyLabel] = [:]
        var uris: [String] = []
        for buddy in list where !buddy.isMail {
            guard let key = try? SIPURI(parsing: buddy.uri).description else { continue }
            labels[key] = StoredBuddyLabel(displayName: buddy.displayName, group: buddy.group)
            uris.append(key)
        }
        presence.labels = labels
        for removed in presence.storedWatched.subtracting(uris) {
            try? await unwatch(removed, account: id)
        }
        presence.storedWatched = Set(uris)
        do {
            _ = try await watch(uris, account: id)
        } catch {
            broadcaster.yield(.notice("cannot watch the buddy list: \(error)"))
        }
        // one notice, not one event per buddy: with thousands of buddies the
        // first NOTIFYs bring the news, and listeners re-read the snapshot
        broadcaster.yield(.notice("watching \(uris.count) buddies from the buddy list"))
        return uris.count
    }
}
