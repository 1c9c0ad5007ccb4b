import SIPCore
@testable import SIPUA
import Testing

/// Several calls at once: routing by dialog, 481 for unknown dialogs, one
/// active call with the others held.
@Suite struct SessionCallRegistryTests {
    /// The messages of the registry's actions, checked like the harness's.
    static func sent(_ actions: [CallRegistry.TaggedAction], _ call: CallHandle? = nil) throws -> [SIPMessage] {
        try actions.filter { call == nil || $0.call == call }.compactMap { tagged -> SIPMessage? in
            switch tagged.action {
            case .sendRequest(let message), .sendACK(let message), .sendResponse(let message):
                _ = try Wire.roundTrip(message)
                return message
            default:
                return nil
            }
        }
    }

    static func reports(_ actions: [CallRegistry.TaggedAction], _ call: CallHandle) -> [CallEvent] {
        actions.filter { $0.call == call }.compactMap { tagged -> CallEvent? in
            guard case .report(let event) = tagged.action else { return nil }
            return event
        }
    }

    static func newCall(seed: UInt64) -> InviteSession {
        InviteSession(calling: Party.bob, offer: .aliceOffer, configuration: Party.aliceConfiguration(),
                      authenticator: Party.authenticator(username: "alice", seed: seed),
                      randomSource: SplitMix64(seed: seed))
    }

    /// Places a call and answers it; returns its handle and INVITE.
    static func answered(_ registry: inout CallRegistry, seed: UInt64, tag: String) throws -> (CallHandle, SIPMessage) {
        let (call, actions) = registry.place(newCall(seed: seed), now: .origin)
        let invite = try #require(try sent(actions).first)
        let answer = registry.receive(response: try Wire.roundTrip(Peer.response(to: invite, 200, tag: tag,
                                                                                  body: .bobAnswer)), now: .origin)
        #expect(reports(answer, call) == [.answered(remote: .bobAnswer)])
        return (call, invite)
    }

    @Test func responsesAndRequestsReachTheirCall() throws {
        var registry = CallRegistry()
        let (first, firstInvite) = try Self.answered(&registry, seed: 1, tag: "tag-1")
        let (second, secondInvite) = try Self.answered(&registry, seed: 2, tag: "tag-2")
        #expect(registry.calls == [first, second])
        #expect(first != second && firstInvite.callID != secondInvite.callID)
        #expect(registry[first]?.state == .confirmed && registry[second]?.state == .confirmed)

        // Bob hangs up the second call
        var bob = try Peer.calleeDialog(for: secondInvite, tag: "tag-2")
        guard case .routed(let actions) = registry.receive(request: try Wire.roundTrip(bob.request(.bye, branch: "z9hG4bK-b2")),
                                                           now: .origin) else {
            Issue.record("the BYE was not routed")
            return
        }
        #expect(actions.allSatisfy { $0.call == second })
        #expect(try Self.sent(actions).map(\.statusCode) == [200])
        #expect(registry[second]?.state == .ended(.remoteBYE))
        #expect(registry[first]?.state == .confirmed)
    }

    /// §12.2.2: a request for a dialog nobody has gets 481; an ACK nothing.
    @Test func unknownDialogGets481() throws {
        var registry = CallRegistry()
        let (_, invite) = try Self.answered(&registry, seed: 1, tag: "tag-1")
        var stranger = try Peer.calleeDialog(for: invite.retagged(callID: "unknown@example.com"), tag: "tag-1")
        let bye = try Wire.roundTrip(stranger.request(.bye, branch: "z9hG4bK-u"))
        guard case .unknownDialog(let response?) = registry.receive(request: bye, now: .origin) else {
            Issue.record("no 481")
            return
        }
        #expect(response.statusCode == 481 && response.cseq == bye.cseq && response.callID == "unknown@example.com")
        _ = try Wire.roundTrip(response)
        let ack = try Wire.roundTrip(stranger.ack(forInvite: 1, branch: "z9hG4bK-ua"))
        #expect(registry.receive(request: ack, now: .origin) == .unknownDialog(response: nil))
        // a stray response changes nothing
        #expect(registry.receive(response: try Wire.roundTrip(Peer.response(to: bye, 200)), now: .origin).isEmpty)
    }

    /// New INVITEs are the driver's to take; their CANCEL finds the call.
    @Test func incomingCallAndItsCancel() throws {
        var registry = CallRegistry()
        let invite = try SessionCalleeTests.invite()
        #expect(registry.receive(request: invite, now: .origin) == .outsideDialog)
        let session = try #require(InviteSession(incoming: invite, configuration: Party.bobConfiguration(),
                                                 authenticator: Party.authenticator(username: "bob", seed: 3),
                                                 randomSource: SplitMix64(seed: 3)))
        let call = registry.add(session)
        _ = registry.handle(.ring(earlyMedia: nil), for: call, now: .origin)
        guard case .routed(let actions) = registry.receive(request: InviteSession.cancel(of: invite), now: .origin)
        else {
            Issue.record("the CANCEL was not routed")
            return
        }
        #expect(try Self.sent(actions, call).map(\.statusCode) == [200, 487])
        #expect(registry[call]?.state == .ended(.cancelled))

        var other = invite
        other.vias[0].branch = "z9hG4bK-another-transaction"
        guard case .unknownDialog(let response?) = registry.receive(request: InviteSession.cancel(of: other),
                                                                    now: .origin) else {
            Issue.record("no 481 for a CANCEL of nothing")
            return
        }
        #expect(response.statusCode == 481)
    }

    /// Switching calls holds the active one and resumes the one switched to.
    @Test func activateHoldsTheOtherCall() throws {
        var registry = CallRegistry()
        let (first, _) = try Self.answered(&registry, seed: 1, tag: "tag-1")
        #expect(registry.activeCall == first)
        let (second, _) = try Self.answered(&registry, seed: 2, tag: "tag-2")
        #expect(registry.activeCall == first, "a second answered call does not take over by itself")

        var asked: [(CallHandle, HoldChange)] = []
        let switched = registry.activate(second, now: .origin) { call, change in
            asked.append((call, change))
            return change == .hold ? .holdOffer : .resumeOffer
        }
        #expect(asked.map(\.0) == [first] && asked.map(\.1) == [.hold])
        let hold = try #require(try Self.sent(switched, first).first)
        #expect(hold.method == .invite && hold.body == MessageBody.holdOffer.bytes)
        #expect(registry.activeCall == second)
        _ = registry.receive(response: try Wire.roundTrip(Peer.response(to: hold, 200, tag: "tag-1",
                                                                         body: .heldAnswer)), now: .origin)
        #expect(registry[first]?.isLocallyHeld == true)

        // back to the first: the second is held, the first resumed
        let back = registry.activate(first, now: .origin) { _, change in change == .hold ? .holdOffer : .resumeOffer }
        #expect(try Self.sent(back, second).first?.body == MessageBody.holdOffer.bytes)
        #expect(try Self.sent(back, first).first?.body == MessageBody.resumeOffer.bytes)
        #expect(registry.activeCall == first)
    }

    /// An ended call stops being active and goes once its linger is over.
    @Test func endedCallsAreDropped() throws {
        var registry = CallRegistry()
        let (call, _) = try Self.answered(&registry, seed: 1, tag: "tag-1")
        let hangUp = registry.handle(.hangUp, for: call, now: .origin)
        #expect(Self.reports(hangUp, call) == [.ended(.localBYE)])
        #expect(registry.activeCall == nil)
        #expect(registry.calls == [call])
        _ = registry.handle(.timerFired(.linger), for: call, now: .origin + .seconds(32))
        #expect(registry.calls.isEmpty && registry[call] == nil)
        #expect(registry.handle(.hangUp, for: call, now: .origin + .seconds(33)).isEmpty)
    }
}
