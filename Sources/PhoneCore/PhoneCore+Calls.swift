import Foundation
import Media
import SIPCore
import SIPUA

/// Calls: the commands the user gives. The user agent runs the sessions;
/// this side writes and reads the session descriptions, runs the media and
/// keeps the snapshot and history (PhoneCore+CallUpdates, +CallMedia).
extension PhoneCore {
    /// How incoming calls are met from now on.
    public func setCallPolicy(_ policy: CallPolicy) { telephony.policy = policy }

    /// Calls `target` ("sip:bob@example.com", "bob@example.com" or "bob",
    /// which takes the account's domain). Returns once the INVITE is out.
    public func placeCall(to target: String, account: String? = nil,
                          audio: CallAudio? = nil) async throws(PhoneError) -> CallSnapshot {
        try await startCall(to: target, account: account, audio: audio, transferOf: nil)
    }

    /// `transferOf`: the call whose peer asked for this one (REFER); set
    /// before any response can arrive, so none of its progress is missed.
    func startCall(to target: String, account: String?, audio: CallAudio?,
                   transferOf: CallHandle?) async throws(PhoneError) -> CallSnapshot {
        let id = try callAccount(account)
        guard let route = routes[id], let agent = userAgent else { throw .unknownAccount(id) }
        let remote = try Self.calledAddress(target, domainOf: route.addressOfRecord)
        let audio = audio ?? telephony.policy.audio
        let (media, offerAnswer) = try await startMedia(account: id, audio: audio)
        // only now: a new call that cannot start leaves the active one as it was
        await holdOthers(except: nil)
        var session = offerAnswer
        let offer = session.makeOffer()
        guard let handle = await agent.placeCall(account: id, to: remote,
                                                 offer: MessageBody(type: .sdp, bytes: offer.serialized())) else {
            try? await media.stop()
            throw .unknownAccount(id)
        }
        var snapshot = CallSnapshot(id: handle.number, account: id, direction: .outgoing,
                                    peer: remote.uri.description, state: .calling, startedAt: Date())
        snapshot.peerName = remote.displayName
        await record(CallEntry(snapshot: snapshot, offerAnswer: session, media: media, transferOf: transferOf), for: handle)
        return telephony.entries[handle]?.snapshot ?? snapshot
    }

    /// Answers an incoming call (the only ringing one when `call` is nil).
    public func answer(_ call: Int? = nil) async throws(PhoneError) -> CallSnapshot {
        let handle = try liveCall(call) { $0.snapshot.state == .incoming }
        guard var entry = telephony.entries[handle], let agent = userAgent else { throw .noSuchCall(call) }
        entry.autoAnswer?.cancel()
        entry.autoAnswer = nil
        let body: SessionDescription
        if let early = entry.earlyAnswer, let audio = entry.offerAnswer.negotiated {
            // the 183 carried our answer already: the 200 repeats it, and now we listen
            body = early
            telephony.entries[handle] = entry
            configureMedia(handle, audio)
        } else if let offer = entry.remoteOffer {
            do {
                let answered = try entry.offerAnswer.receiveOffer(try SessionDescription(parsing: offer.text))
                body = answered.answer
                telephony.entries[handle] = entry
                configureMedia(handle, answered.audio)
            } catch {
                // RFC 3261 §13.3.1.3: an offer we cannot accept is answered 488
                await agent.callCommand(.reject(statusCode: 488), for: handle)
                throw .callFailed("the caller's offer has nothing we can use: \(error)")
            }
        } else {
            body = entry.offerAnswer.makeOffer()
            telephony.entries[handle] = entry
        }
        // after the offer is known to be usable: a 488 leaves the active call as it was
        await holdOthers(except: handle)
        await agent.callCommand(.answer(MessageBody(type: .sdp, bytes: body.serialized())), for: handle)
        return telephony.entries[handle]?.snapshot ?? entry.snapshot
    }

    /// Declines an incoming call: 486 Busy Here, or 603 Decline with `decline`.
    public func reject(_ call: Int? = nil, decline: Bool = false) async throws(PhoneError) {
        let handle = try liveCall(call) { $0.snapshot.state == .incoming }
        telephony.entries[handle]?.autoAnswer?.cancel()
        await userAgent?.callCommand(.reject(statusCode: decline ? 603 : 486), for: handle)
    }

    /// Ends a call in any state: CANCEL, decline or BYE as fits.
    public func hangUp(_ call: Int? = nil) async throws(PhoneError) {
        let handle = try liveCall(call) { _ in true }
        await userAgent?.callCommand(.hangUp, for: handle)
    }

    public func hold(_ call: Int? = nil) async throws(PhoneError) {
        let handle = try liveCall(call) { $0.snapshot.state == .connected && !$0.snapshot.held }
        guard var entry = telephony.entries[handle] else { throw .noSuchCall(call) }
        let offer = entry.offerAnswer.makeHoldOffer()
        telephony.entries[handle] = entry
        await userAgent?.callCommand(.hold(offer: MessageBody(type: .sdp, bytes: offer.serialized())), for: handle)
    }

    public func resume(_ call: Int? = nil) async throws(PhoneError) {
        let handle = try liveCall(call) { $0.snapshot.state == .connected && $0.snapshot.held }
        await holdOthers(except: handle)   // the resumed call becomes the active one
        guard var entry = telephony.entries[handle] else { throw .noSuchCall(call) }
        let offer = entry.offerAnswer.makeResumeOffer()
        telephony.entries[handle] = entry
        await userAgent?.callCommand(.resume(offer: MessageBody(type: .sdp, bytes: offer.serialized())), for: handle)
    }

    /// Blind transfer (RFC 3515): asks the peer to call `target`; our call
    /// ends when the peer reports success.
    public func transfer(_ call: Int? = nil, to target: String) async throws(PhoneError) {
        let handle = try liveCall(call) { $0.snapshot.state == .connected }
        guard let entry = telephony.entries[handle], let route = routes[entry.snapshot.account] else {
            throw .noSuchCall(call)
        }
        let remote = try Self.calledAddress(target, domainOf: route.addressOfRecord)
        updateCall(handle) { $0.transfer = "requested" }   // listeners and waiters hear of it
        await userAgent?.callCommand(.transfer(to: remote.uri), for: handle)
    }

    /// Sends DTMF: as RFC 4733 events when the peer agreed telephone-event
    /// (unless `info` asks for INFO), else one SIP INFO
    /// (application/dtmf-relay) per digit. Returns how: "rfc4733" or "info".
    @discardableResult
    /// Whether `digits` are all DTMF digits (0-9, *, #, A-D), so a command
    /// can refuse bad ones before it places a call.
    public nonisolated static func isValidDTMF(_ digits: String) -> Bool {
        DTMFDigit.digits(digits).map { !$0.isEmpty } ?? false
    }

    public func sendDTMF(_ digits: String, call: Int? = nil, info: Bool = false) async throws(PhoneError) -> String {
        guard let parsed = DTMFDigit.digits(digits), !parsed.isEmpty else {
            throw .invalidArgument("DTMF digits are 0-9, *, #, A-D: '\(digits)'")
        }
        let handle = try liveCall(call) { $0.snapshot.state == .connected }
        guard let entry = telephony.entries[handle] else { throw .noSuchCall(call) }
        if !info, entry.offerAnswer.negotiated?.telephoneEventPayloadType != nil, let media = entry.media,
           await media.sendDTMF(parsed) {
            return "rfc4733"
        }
        // the session sends them one at a time, each after the last is answered
        for digit in parsed {
            let body = DTMFRelayBody(digit: digit).encoded
            await userAgent?.callCommand(.sendInfo(MessageBody(type: MessageBody.dtmfRelay, text: body)), for: handle)
        }
        return "info"
    }

    /// One call is active at a time: a new call or an answer puts the
    /// others that are up on hold (the user resumes the one they want).
    func holdOthers(except handle: CallHandle?) async {
        let others = telephony.entries.filter { $0.key != handle && $0.value.snapshot.state == .connected
            && !$0.value.snapshot.held }
        for (_, entry) in others { try? await hold(entry.snapshot.id) }
    }

    /// Live calls, oldest first.
    public var liveCalls: [CallSnapshot] {
        telephony.entries.values.map(\.snapshot).sorted { $0.id < $1.id }
    }

    /// Waits until call `id` satisfies `until` (or `timeout` passes); the
    /// call as it is then, nil if there is no such call.
    public func waitForCall(_ id: Int, timeout: Duration,
                            until: @escaping @Sendable (CallSnapshot) -> Bool) async -> CallSnapshot? {
        guard let current = telephony.snapshot(of: id) else { return nil }
        if until(current) { return current }
        let token = UUID()
        return await withCheckedContinuation { continuation in
            let timer = Task { [weak self] in
                try? await Task.sleep(for: timeout)
                await self?.expireCallWaiter(token)
            }
            telephony.waiters[token] = Telephony.CallWaiter(call: id, until: until, continuation: continuation, timer: timer)
        }
    }

    /// Waits for the next incoming call, up to `timeout`.
    public func waitForIncomingCall(timeout: Duration) async -> CallSnapshot? {
        if let ringing = liveCalls.first(where: { $0.state == .incoming }) { return ringing }
        let stream = events
        let deadline = ContinuousClock.now + timeout
        let watcher = Task { () -> CallSnapshot? in
            for await event in stream {
                if case .call(let snapshot) = event, snapshot.state == .incoming { return snapshot }
            }
            return nil
        }
        let timer = Task {
            try? await Task.sleep(until: deadline)
            watcher.cancel()
        }
        defer { timer.cancel() }
        return await watcher.value
    }

    private func expireCallWaiter(_ token: UUID) {
        guard let waiter = telephony.waiters.removeValue(forKey: token) else { return }
        waiter.continuation.resume(returning: telephony.snapshot(of: waiter.call))
    }

    // MARK: Helpers

    func callAccount(_ account: String?) throws(PhoneError) -> String {
        if let account {
            guard routes[account] != nil else { throw .unknownAccount(account) }
            return account
        }
        guard let first = order.first else { throw .unknownAccount("(none configured)") }
        return first
    }

    /// The live call `id`, or the only live call that fits when `id` is nil.
    func liveCall(_ id: Int?, fitting: (CallEntry) -> Bool) throws(PhoneError) -> CallHandle {
        if let id {
            guard let handle = telephony.handle(of: id), let entry = telephony.entries[handle] else {
                throw .noSuchCall(id)
            }
            guard fitting(entry) else { throw .wrongCallState("call \(id) is \(entry.snapshot.state.rawValue)") }
            return handle
        }
        let candidates = telephony.entries.filter { fitting($0.value) }.keys.sorted()
        guard let handle = candidates.last else { throw .noSuchCall(nil) }
        return handle
    }

    /// "sip:bob@host", "bob@host", "bob": the last takes the AOR's domain.
    static func calledAddress(_ target: String, domainOf aor: SIPURI) throws(PhoneError) -> NameAddr {
        var text = target.trimmingCharacters(in: .whitespaces)
        let complete = text.hasPrefix("sip:") || text.hasPrefix("sips:") || text.contains("<")
        if !complete {
            if !text.contains("@") { text += "@" + aor.host + (aor.port.map { ":\($0)" } ?? "") }
            text = "sip:" + text
        }
        do {
            return try NameAddr(parsing: text)
        } catch {
            throw .invalidArgument("not a SIP address: '\(target)'")
        }
    }
}

extension PhoneCore {
    /// Ends every live call and waits (up to `grace`) for them to end, so
    /// that BYEs go out and recordings are closed before the stack stops.
    func endCalls(grace: Duration) async {
        let live = liveCalls
        for call in live {
            try? await hangUp(call.id)
        }
        // one deadline for all: a dead peer with N calls must not cost N × grace
        let deadline = ContinuousClock.now + grace
        for call in live {
            _ = await waitForCall(call.id, timeout: max(.zero, deadline - ContinuousClock.now)) { $0.isEnded }
        }
    }
}
