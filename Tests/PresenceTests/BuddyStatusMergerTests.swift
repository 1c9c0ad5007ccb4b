import Foundation
import Testing
@testable import Presence

/// One test per rule of docs/presence-merge.md.
@Suite("Merging a buddy's sources")
struct BuddyStatusMergerTests {
    static let t0 = instant("2026-11-21T12:00:00Z")
    static let earlier = t0.addingTimeInterval(-60)
    static let later = t0.addingTimeInterval(60)

    static func pidf(_ availability: Availability, at time: Date = t0, note: String? = nil) -> PIDFObservation {
        PIDFObservation(.status(PresenceStatus(entity: "sip:bob@example.com", availability: availability,
                                               note: note.map { LocalizedNote($0) })),
                        receivedAt: time)
    }

    static func line(_ state: BLFState, at time: Date = t0) -> BLFObservation {
        BLFObservation(state, receivedAt: time)
    }

    static func merge(_ presence: PIDFObservation?, _ line: BLFObservation?, _ subscription: SubscriptionState = .active)
        -> MergedStatus {
        BuddyStatusMerger.merge(presence: presence, line: line, subscription: subscription)
    }

    @Test("M1: a failed subscription is its own state, never offline or idle")
    func m1() {
        for line in [nil, Self.line(.idle), Self.line(.onThePhone)] {
            let merged = Self.merge(Self.pidf(.available), line, .failed(reason: "403 Forbidden"))
            #expect(merged.availability == .subscriptionFailed(reason: "403 Forbidden"))
            #expect(merged.availabilitySource == .subscription)
            #expect(merged.rule == .m1SubscriptionFailed)
        }
    }

    @Test("M2: rejected and noresource end the subscription for good", arguments: [
        TerminationReason.rejected, .noresource, .other("vendor-reason"),
    ])
    func m2(reason: TerminationReason) {
        let merged = Self.merge(Self.pidf(.available), Self.line(.idle), .terminated(reason: reason))
        #expect(merged.availability == .subscriptionEnded(reason: reason))
        #expect(merged.rule == .m2SubscriptionEnded)
        #expect(!merged.isStale)
    }

    @Test("terminated with a retry reason shows the last status, marked stale", arguments: [
        TerminationReason.deactivated, .timeout, .probation, .giveup,
    ])
    func staleAfterRetryableEnd(reason: TerminationReason) {
        let merged = Self.merge(Self.pidf(.away), nil, .terminated(reason: reason))
        #expect(merged.availability == .away)
        #expect(merged.rule == .m8PresenceDocument)
        #expect(merged.isStale)
    }

    @Test("M3: pending authorization is shown as such, whatever arrived")
    func m3() {
        let merged = Self.merge(Self.pidf(.available), Self.line(.onThePhone), .pending)
        #expect(merged.availability == .pendingAuthorization)
        #expect(merged.rule == .m3Pending)
    }

    @Test("M4: a confirmed call on the line is on the phone, even if the PIDF (older or newer) says available")
    func m4() {
        for time in [Self.earlier, Self.later] {
            let merged = Self.merge(Self.pidf(.available, at: time, note: "free"), Self.line(.onThePhone))
            #expect(merged.availability == .onThePhone)
            #expect(merged.availabilitySource == .blf)
            #expect(merged.rule == .m4LineInCall)
            #expect(merged.note?.text == "free", "the note still comes from the PIDF")
        }
    }

    @Test("M5: a ringing line is ringing, unless the presence says on the phone")
    func m5() {
        let ringing = Self.merge(Self.pidf(.busy), Self.line(.ringing(direction: .recipient)))
        #expect(ringing.availability == .ringing)
        #expect(ringing.rule == .m5LineRinging)
        let onPhone = Self.merge(Self.pidf(.onThePhone), Self.line(.ringing(direction: .recipient)))
        #expect(onPhone.availability == .onThePhone)
        #expect(onPhone.availabilitySource == .pidf)
    }

    @Test("M6: a not-understood document is shown as not understood, never as a status")
    func m6() {
        let reading = PIDFObservation(.notUnderstood(reasons: ["{urn:x}y in tuple \"t\" is marked mustUnderstand"]),
                                      receivedAt: Self.t0)
        let merged = Self.merge(reading, Self.line(.idle))
        #expect(merged.availability == .notUnderstood)
        #expect(merged.rule == .m6NotUnderstood)
        #expect(merged.presence == nil)
        #expect(Self.merge(reading, Self.line(.onThePhone)).availability == .onThePhone, "M4 comes first")
    }

    @Test("M7: a newer idle line ends the PIDF's phone call; an older one does not")
    func m7() {
        let ended = Self.merge(Self.pidf(.onThePhone, at: Self.earlier), Self.line(.terminated(event: "remote-bye", code: nil)))
        #expect(ended.availability == .available)
        #expect(ended.availabilitySource == .blf)
        #expect(ended.rule == .m7NewerLineEndsPhoneActivity)
        let stillOnPhone = Self.merge(Self.pidf(.onThePhone, at: Self.later), Self.line(.idle))
        #expect(stillOnPhone.availability == .onThePhone)
        #expect(stillOnPhone.rule == .m8PresenceDocument)
    }

    @Test("M8: otherwise the PIDF decides", arguments: [
        (Availability.available, MergedAvailability.available), (.away, .away), (.busy, .busy),
        (.offline, .offline), (.unknown, .unknown), (.onThePhone, .onThePhone),
    ])
    func m8(availability: Availability, expected: MergedAvailability) {
        let merged = Self.merge(Self.pidf(availability), Self.line(.idle, at: Self.earlier))
        #expect(merged.availability == expected)
        #expect(merged.availabilitySource == .pidf)
        #expect(merged.rule == .m8PresenceDocument)
        #expect(merged.line == .idle)
    }

    @Test("M9: only a quiet line is 'line idle', not available and not offline")
    func m9() {
        for presence in [nil, PIDFObservation(.noDocument, receivedAt: Self.t0)] {
            let merged = Self.merge(presence, Self.line(.idle))
            #expect(merged.availability == .lineIdle)
            #expect(merged.availabilitySource == .blf)
            #expect(merged.rule == .m9LineOnly)
        }
    }

    @Test("M10: nothing known yet is unknown")
    func m10() {
        let merged = Self.merge(nil, nil)
        #expect(merged.availability == .unknown)
        #expect(merged.availabilitySource == StatusSource.none)
        #expect(merged.rule == .m10Nothing)
        #expect(Self.merge(PIDFObservation(.noDocument, receivedAt: Self.t0), nil).availability == .unknown)
    }

    @Test("M0: of two PIDF documents the newer wins, by document timestamp, else by arrival")
    func m0() {
        let old = PIDFObservation(.status(PresenceStatus(entity: "e", availability: .away)), receivedAt: Self.later,
                                  documentTimestamp: Self.earlier)
        let new = PIDFObservation(.status(PresenceStatus(entity: "e", availability: .busy)), receivedAt: Self.t0,
                                  documentTimestamp: Self.t0)
        #expect(BuddyStatusMerger.newer(old, new) == new, "the document's own time wins over arrival order")
        #expect(BuddyStatusMerger.newer(new, old) == new)
        let first = Self.pidf(.away, at: Self.earlier)
        let second = Self.pidf(.busy, at: Self.later)
        #expect(BuddyStatusMerger.newer(first, second) == second, "without timestamps, the later arrival")
        let timestamped = PIDFObservation(.status(PresenceStatus(entity: "e", availability: .available,
                                                                 timestamp: Self.earlier)), receivedAt: Self.t0)
        #expect(timestamped.documentTimestamp == Self.earlier, "taken from the status when not given")
    }

    @Test("every rule is tested and documented")
    func rulesDocumented() throws {
        let doc = String(decoding: try Data(contentsOf: PresenceFixtures.folder
            .appendingPathComponent("../../../docs/presence-merge.md").standardizedFileURL), as: UTF8.self)
        for rule in MergeRule.allCases {
            #expect(doc.contains("**\(rule.rawValue)"), "docs/presence-merge.md names rule \(rule.rawValue)")
        }
        #expect(doc.contains("**M0"))
    }

    @Test("termination reasons: tokens and whether to subscribe again (RFC 6665 §4.2.2)")
    func terminationReasons() {
        #expect(TerminationReason(token: "Rejected") == .rejected)
        #expect(TerminationReason(token: "giveup") == .giveup)
        #expect(TerminationReason(token: "odd").token == "odd")
        let retry = [TerminationReason.deactivated, .timeout, .probation, .giveup].map(\.allowsResubscription)
        let final = [TerminationReason.rejected, .noresource, .other("x")].map(\.allowsResubscription)
        #expect(retry == [true, true, true, true])
        #expect(final == [false, false, false])
    }
}
