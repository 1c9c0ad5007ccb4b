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
        return OwnPresence(state: BuddyRow.presence(of: snapshot.availability.rawValue), note: snapshot.status?.note)
    }
}

extension BuddyRow {
    init(buddy: BuddySnapshot) {
        let name = buddy.displayName ?? BuddyListState.userPart(of: buddy.uri)
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

    /// The list's state for a merged status word (PhoneCore turns RPID
    /// activities into these with the interpreter's table).
    static func presence(of word: String) -> PresenceState {
        switch word {
        case "available": return .available
        case "away": return .away
        case "busy": return .busy
        case "on-the-phone": return .onThePhone
        case "offline": return .offline
        default: return .unknown
        }
    }
}
