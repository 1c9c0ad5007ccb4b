import Foundation
import Media
import SIPCore
import SIPUA

/// Calls: what the user agent reports, turned into offer/answer steps,
/// media changes, snapshot changes, history and events.
extension PhoneCore {
    /// Records a call PhoneCore now knows (history first, so that every
    /// later write has its record) and replays what came meanwhile.
    func record(_ entry: CallEntry, for handle: CallHandle) async {
        var entry = entry
        entry.historyID = await historyBegin(entry.snapshot)
        telephony.entries[handle] = entry
        telephony.known.insert(handle)
        followMedia(handle)
        broadcaster.yield(.call(entry.snapshot))
        while let update = telephony.early[handle]?.first {
            telephony.early[handle]?.removeFirst()
            await callUpdate(update, call: handle)
        }
        telephony.early[handle] = nil
    }

    func callUpdate(_ update: CallUpdate, call handle: CallHandle) async {
        if case .incoming(let account, let invite) = update {
            await incomingCall(invite, account: account, call: handle)
            return
        }
        guard telephony.entries[handle] != nil else {
            // before `record`: keep it for the replay; after the end: drop it
            if !telephony.known.contains(handle) { telephony.early[handle, default: []].append(update) }
            return
        }
        switch update {
        case .incoming:
            break
        case .inviteResponse(let code, let device):
            if (200..<300).contains(code), let device { updateCall(handle, announce: false) { $0.peerUserAgent = device } }
            // we are the transferee: the transferor hears how the new call goes.
            // Provisionals and the first 2xx here (a re-INVITE's or a
            // retransmitted 2xx comes after it); a failure when the call ends.
            if code < 300, let entry = telephony.entries[handle], let original = entry.transferOf, !entry.transferReported {
                if code >= 200 { telephony.entries[handle]?.transferReported = true }
                await userAgent?.callCommand(.transferProgress(statusCode: code), for: original)
            }
        case .state(let state):
            await sessionState(state, call: handle)
        case .event(let event):
            await callEvent(event, call: handle)
        }
    }

    private func incomingCall(_ invite: SIPMessage, account: String, call handle: CallHandle) async {
        let policy = telephony.policy
        guard let agent = userAgent else { return }
        let media: RTPMediaSession
        let offerAnswer: OfferAnswerSession
        do {
            (media, offerAnswer) = try await startMedia(account: account, audio: policy.audio)
        } catch {
            broadcaster.yield(.notice("incoming call refused: \(error)"))
            // known, so the updates that end it are dropped, not kept for a replay that never comes
            telephony.known.insert(handle)
            await agent.callCommand(.reject(statusCode: 480), for: handle)
            return
        }
        let from = invite.from
        var snapshot = CallSnapshot(id: handle.number, account: account, direction: .incoming,
                                    peer: from?.uri.description ?? "?", state: .incoming, startedAt: Date())
        snapshot.peerName = from?.displayName
        snapshot.peerUserAgent = invite.headers["User-Agent"]
        var entry = CallEntry(snapshot: snapshot, offerAnswer: offerAnswer, media: media)
        entry.remoteOffer = MessageBody(of: invite)
        await record(entry, for: handle)
        await agent.callCommand(.ring(earlyMedia: await earlyAnswer(handle, policy: policy)), for: handle)
        if let delay = policy.autoAnswer, telephony.entries[handle] != nil {
            // after `record`: answering needs the call to be known
            telephony.entries[handle]?.autoAnswer = Task { [weak self] in
                try? await Task.sleep(for: delay)
                guard !Task.isCancelled else { return }
                do {
                    _ = try await self?.answer(handle.number)
                } catch {
                    await self?.notice("call \(handle.number): auto-answer failed: \(error)")
                }
            }
        }
    }

    private func sessionState(_ state: SessionState, call handle: CallHandle) async {
        switch state {
        case .idle, .calling:
            updateCall(handle) { $0.state = .calling }
        case .proceeding:
            break   // ringing and early media come as events
        case .incoming:
            updateCall(handle) { $0.state = .incoming }
        case .waitingForACK:
            updateCall(handle) {
                $0.state = .connecting
                $0.answeredAt = $0.answeredAt ?? Date()
            }
        case .confirmed:
            break   // shown as connected once `.answered` has set up the media
        case .ended(let reason):
            await callEnded(handle, reason: reason)
        }
    }

    private func callEvent(_ event: CallEvent, call handle: CallHandle) async {
        switch event {
        case .trying:
            break
        case .ringing:
            updateCall(handle) { if $0.state == .calling { $0.state = .ringing } }
        case .earlyMedia(let body):
            // RFC 3960: play the 18x's media; the 2xx's answer is the real one
            guard let entry = telephony.entries[handle], let offer = entry.offerAnswer.pendingOffer,
                  let description = try? SessionDescription(parsing: body.text),
                  var audio = try? SDPOffer.readAnswer(description, to: offer) else { return }
            audio.localDirection = .recvonly
            configureMedia(handle, audio)
            updateCall(handle) { $0.state = .early }
        case .answered(let remote):
            await answered(handle, remote: remote)
            updateCall(handle) {
                $0.state = .connected
                $0.answeredAt = $0.answeredAt ?? Date()
            }
            await historyAnswered(handle)
            await presenceFollowsCalls()
        case .answerNeeded(let offer):
            guard var entry = telephony.entries[handle],
                  let answered = try? entry.offerAnswer.receiveOffer(SessionDescription(parsing: offer.text)) else {
                await userAgent?.callCommand(.hangUp, for: handle)
                return
            }
            telephony.entries[handle] = entry
            configureMedia(handle, answered.audio)
            await userAgent?.callCommand(.acknowledge(answer: MessageBody(type: .sdp, bytes: answered.answer.serialized())),
                                         for: handle)
        case .reinviteOffered(let offer):
            await reinviteOffered(handle, offer: offer)
        case .reinviteAnswered(let remote):
            guard var entry = telephony.entries[handle], let remote,
                  let description = try? SessionDescription(parsing: remote.text),
                  let audio = try? entry.offerAnswer.receiveAnswer(description) else { return }
            telephony.entries[handle] = entry
            configureMedia(handle, audio)
        case .reinviteFailed:
            telephony.entries[handle]?.offerAnswer.offerRejected()
        case .reinviteNotSent(let why):
            // the hold/resume offer never left: without this every re-INVITE
            // from the peer would get 491 for an offer still "pending"
            telephony.entries[handle]?.offerAnswer.offerRejected()
            broadcaster.yield(.notice("call \(handle.number): \(why)"))
        case .held(let party):
            updateCall(handle) { party == .local ? ($0.held = true) : ($0.remoteHeld = true) }
        case .resumed(let party):
            updateCall(handle) { party == .local ? ($0.held = false) : ($0.remoteHeld = false) }
        case .transferRequested(let target):
            await transferRequested(handle, target: target)
        case .transferAccepted:
            updateCall(handle) { $0.transfer = "accepted" }
        case .transferProgress(let code):
            updateCall(handle) { $0.transfer = "progress \(code)" }
        case .transferResult(let outcome):
            updateCall(handle) {
                switch outcome {
                case .succeeded: $0.transfer = "succeeded"
                case .failed(let code): $0.transfer = "failed" + (code.map { " \($0)" } ?? "")
                }
            }
        case .infoReceived(let body):
            if let relay = try? DTMFRelayBody(parsing: body.text) { dtmfReceived(relay.digit, call: handle) }
        case .infoFailed(let code):
            broadcaster.yield(.notice("call \(handle.number): DTMF INFO refused with \(code)"))
        case .commandRefused(let why):
            broadcaster.yield(.notice("call \(handle.number): \(why)"))
        case .ended(let reason):
            await callEnded(handle, reason: reason)
        }
    }

    /// The call is up: the caller reads the answer (a delayed-offer callee
    /// the ACK's answer); media starts.
    private func answered(_ handle: CallHandle, remote: MessageBody?) async {
        guard var entry = telephony.entries[handle] else { return }
        guard entry.offerAnswer.pendingOffer != nil else { return }   // the callee answered already
        guard let remote, let description = try? SessionDescription(parsing: remote.text),
              let audio = try? entry.offerAnswer.receiveAnswer(description) else {
            // RFC 3261 §13.2.1 leaves no way to refuse an answer: end the call
            broadcaster.yield(.notice("call \(handle.number): the answer has nothing we can use; hanging up"))
            await userAgent?.callCommand(.hangUp, for: handle)
            return
        }
        telephony.entries[handle] = entry
        configureMedia(handle, audio)
    }

    private func reinviteOffered(_ handle: CallHandle, offer: MessageBody?) async {
        guard var entry = telephony.entries[handle], let agent = userAgent else { return }
        guard let offer else {
            let ours = entry.offerAnswer.makeOffer()
            telephony.entries[handle] = entry
            await agent.callCommand(.acceptReinvite(answer: MessageBody(type: .sdp, bytes: ours.serialized()),
                                                    remoteHold: false), for: handle)
            return
        }
        do {
            let answered = try entry.offerAnswer.receiveOffer(try SessionDescription(parsing: offer.text))
            telephony.entries[handle] = entry
            configureMedia(handle, answered.audio)
            await agent.callCommand(.acceptReinvite(answer: MessageBody(type: .sdp, bytes: answered.answer.serialized()),
                                                    remoteHold: answered.isHold), for: handle)
        } catch SDPNegotiationError.offerPending {
            await agent.callCommand(.rejectReinvite(statusCode: 491), for: handle)
        } catch {
            await agent.callCommand(.rejectReinvite(statusCode: 488), for: handle)
        }
    }

    /// Transferee (RFC 3515): call the target; its progress goes back to the
    /// transferor in NOTIFYs; the transferor then ends our call.
    private func transferRequested(_ handle: CallHandle, target: SIPURI) async {
        guard let entry = telephony.entries[handle] else { return }
        broadcaster.yield(.notice("call \(handle.number): transferred to \(target)"))
        do {
            _ = try await startCall(to: target.description, account: entry.snapshot.account, audio: nil, transferOf: handle)
        } catch {
            await userAgent?.callCommand(.transferProgress(statusCode: 503), for: handle)
        }
    }

    private func callEnded(_ handle: CallHandle, reason: CallEndReason) async {
        guard telephony.entries[handle]?.snapshot.state != .ended else { return }
        await stopMedia(handle)
        guard let entry = telephony.entries.removeValue(forKey: handle) else { return }
        entry.autoAnswer?.cancel()
        var snapshot = entry.snapshot
        snapshot.state = .ended
        snapshot.endedAt = Date()
        snapshot.durationSeconds = snapshot.duration()
        switch reason {
        case .localBYE: snapshot.endReason = "local-bye"
        case .remoteBYE: snapshot.endReason = "remote-bye"
        case .cancelled: snapshot.endReason = "cancelled"
        case .rejected(let code): snapshot.endReason = "rejected"; snapshot.statusCode = code
        case .failed(let code): snapshot.endReason = "failed"; snapshot.statusCode = code
        case .timeout: snapshot.endReason = "timeout"
        case .transferred: snapshot.endReason = "transferred"
        }
        telephony.ended.append(snapshot)
        if telephony.ended.count > Telephony.endedKept { telephony.ended.removeFirst() }
        if let original = entry.transferOf, !entry.transferReported, telephony.entries[original] != nil,
           snapshot.answeredAt == nil {
            // no response at all (a timeout, a transport failure) is still an outcome: 408
            await userAgent?.callCommand(.transferProgress(statusCode: snapshot.statusCode ?? 408), for: original)
        }
        announce(snapshot)
        await historyEnded(snapshot, id: entry.historyID)
        await presenceFollowsCalls()
    }

    func notice(_ text: String) { broadcaster.yield(.notice(text)) }

    /// With early media on: answers the INVITE's offer now, sends our source
    /// (not yet listening), and returns the answer for the 183. Nil rings
    /// plainly (180): no early media wanted, no offer, or none we can answer.
    private func earlyAnswer(_ handle: CallHandle, policy: CallPolicy) async -> MessageBody? {
        guard policy.earlyMedia, var entry = telephony.entries[handle], let offer = entry.remoteOffer,
              let description = try? SessionDescription(parsing: offer.text),
              var answered = try? entry.offerAnswer.receiveOffer(description) else { return nil }
        entry.earlyAnswer = answered.answer
        telephony.entries[handle] = entry
        answered.audio.localDirection = .sendonly
        configureMedia(handle, answered.audio)
        return MessageBody(type: .sdp, bytes: answered.answer.serialized())
    }

    /// On the phone while any call is up (RFC 4480 on-the-phone, with the
    /// session's codec, bitrate and peer device), back when none is: the
    /// presence layer sends one PUBLISH per change and none for no change.
    func presenceFollowsCalls() async {
        let up = telephony.entries.values.map(\.snapshot).filter { $0.state == .connected }.min { $0.id < $1.id }
        guard let up else {
            await callStateChanged(onThePhone: false, codec: nil, bitrate: nil, peerUserAgent: nil)
            return
        }
        // G.711: 8,000 samples of 8 bits a second
        await callStateChanged(onThePhone: true, codec: up.codec, bitrate: up.codec == nil ? nil : 64_000,
                               peerUserAgent: up.peerUserAgent)
    }

    /// Changes a live call's snapshot; tells listeners unless `announce` is false.
    func updateCall(_ handle: CallHandle, announce: Bool = true, _ change: (inout CallSnapshot) -> Void) {
        guard var entry = telephony.entries[handle] else { return }
        let before = entry.snapshot
        change(&entry.snapshot)
        telephony.entries[handle] = entry
        if entry.snapshot != before { self.announce(entry.snapshot, event: announce) }
    }

    private func announce(_ snapshot: CallSnapshot, event: Bool = true) {
        if event { broadcaster.yield(.call(snapshot)) }
        for (token, waiter) in telephony.waiters where waiter.call == snapshot.id && waiter.until(snapshot) {
            telephony.waiters[token] = nil
            waiter.timer.cancel()
            waiter.continuation.resume(returning: snapshot)
        }
    }
}
