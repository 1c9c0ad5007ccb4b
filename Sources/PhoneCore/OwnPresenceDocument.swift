import Foundation
import Presence

/// Our own PIDF document (RFC 3863 with RPID, RFC 4480) from what the user
/// chose and whether a call is up. Pure, so tests read back what it writes.
///
/// One tuple (our service, open while we publish; closed for "offline")
/// and one person carrying the activity, its `until` and the note. During
/// a call the person is on-the-phone and the tuple's note says the session
/// type, codec, bitrate and peer device; the user's own note stays on the
/// person, so watchers still read it.
enum OwnPresenceDocument {
    static func document(entity: String, contact: String?, status: OwnStatus?, call: CallPresence?,
                         now: Date) -> PIDFDocument {
        let activityToken = status?.activity.lowercased() ?? "available"
        let closed = activityToken == "offline" && call == nil
        var tuple = PresenceTuple(id: "sb-" + Self.stableID(entity), basic: closed ? .closed : .open,
                                  contact: contact.map { PresenceContact(uri: $0) },
                                  timestamp: XMLDateTime(now))
        var person = PresencePerson(id: "p-" + Self.stableID(entity), timestamp: XMLDateTime(now))
        if let call {
            person.activities = RPIDActivities([.onThePhone])
            tuple.notes = [LocalizedNote(Self.describe(call))]
        } else if let activity = RPIDActivity(token: activityToken) {
            person.activities = RPIDActivities([activity], until: status?.until.map(XMLDateTime.init))
        }
        if let note = status?.note, !note.isEmpty { person.notes = [LocalizedNote(note)] }
        if let place = status?.location, !place.isEmpty {
            // RFC 4119 §2.2.2: say that it must not go further than our watchers
            person.location = GeoprivLocation(civicAddress: CivicAddress([CivicAddress.Field("LOC", place)]),
                                              usageRules: UsageRules(retransmissionAllowed: false))
        }
        return PIDFDocument(entity: entity, tuples: [tuple], persons: [person])
    }

    /// "audio call, PCMU 64 kbit/s, with Linphone/5.2": RFC 4480 has no
    /// element for codec or peer, so they travel as the service's note.
    static func describe(_ call: CallPresence) -> String {
        var parts = ["audio call"]
        if let codec = call.codec {
            parts.append(codec + (call.bitrate.map { " \($0 / 1000) kbit/s" } ?? ""))
        }
        if let peer = call.peerUserAgent, !peer.isEmpty { parts.append("with " + peer) }
        return parts.joined(separator: ", ")
    }

    /// Tuple and person ids must stay the same from one PUBLISH to the next
    /// (RFC 3863 §4.1.2: a watcher matches tuples by id), and must be XML
    /// ids: letters and digits of a hash of the entity.
    static func stableID(_ entity: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325   // FNV-1a: stable across runs, unlike Hasher
        for byte in entity.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 36)
    }
}
