import Foundation
import PhoneCore

/// Presence from PhoneCore's snapshot, as the buddy list and status bar
/// show it. The merged status words (docs/presence-merge.md) become the
/// list's few states; what does not fit (a failed subscription, a document
/// we could not understand) is "unknown" with the reason as its note, never
/// offline or idle.
extension PhoneView {
    static func buddyGroups(_ buddies: [BuddySnapshot]) -> [BuddyGroup] {
        var order: [String] = []
        var rows: [String: [BuddyRow]] = [:]
        for buddy in buddies {
            let group = buddy.group ?? "Buddies"
            if rows[group] == nil { order.append(group) }
            rows[group, default: []].append(BuddyRow(buddy: buddy))
        }
        return order.map { BuddyGroup(name: $0, buddies: rows[$0] ?? []) }
    }

    static func ownPresence(_ snapshot: OwnPresenceSnapshot?) -> OwnPresence? {
        guard let snapshot, snapshot.publication != "off" else { return nil }
        if snapshot.call != nil { return OwnPresence(state: .onThePhone, note: snapshot.status?.note) }
        let activity = snapshot.status?.activity ?? "available"
        return OwnPresence(state: BuddyRow.presence(of: activity), note: snapshot.status?.note)
    }
}

extension BuddyRow {
    init(buddy: BuddySnapshot) {
        let name = buddy.displayName ?? Self.userPart(of: buddy.uri)
        var note = buddy.note
        let state = Self.presence(of: buddy.status)
        if state == .unknown, buddy.status != "unknown" {
            // say why there is no status: failed, ended, pending, not understood
            note = [buddy.status.replacingOccurrences(of: "-", with: " "), buddy.reason].compactMap { $0 }
                .joined(separator: ": ")
        }
        let blf: BLFState? = switch buddy.line {
        case "idle", "terminated": .idle
        case "ringing": .ringing
        case "on-the-phone": .busy
        default: buddy.dialogSubscription == "failed" ? .unknown : nil
        }
        self.init(uri: buddy.uri, displayName: name, presence: state, note: note, blf: blf)
    }

    /// The list's state for a merged status word or an RPID activity.
    static func presence(of word: String) -> PresenceState {
        switch word {
        case "available", "online", "open": return .available
        case "away", "meal", "vacation", "sleeping", "appointment", "travel": return .away
        case "busy", "meeting", "performance", "presentation", "worship", "dnd": return .busy
        case "on-the-phone", "ringing": return .onThePhone
        case "offline", "closed": return .offline
        default: return .unknown
        }
    }

    static func userPart(of uri: String) -> String {
        let afterScheme = uri.split(separator: ":", maxSplits: 1).last.map(String.init) ?? uri
        return String(afterScheme.split(separator: "@").first ?? Substring(afterScheme))
    }
}
