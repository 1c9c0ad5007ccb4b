import SIPCore

/// The name of one call in a `CallRegistry`, stable for the call's life and
/// never reused: what the user and the UI refer to ("call 2").
public struct CallHandle: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let number: Int

    public init(_ number: Int) { self.number = number }

    public static func < (lhs: CallHandle, rhs: CallHandle) -> Bool { lhs.number < rhs.number }

    public var description: String { "call \(number)" }
}

/// Which way a call's media is to go when calls are switched.
public enum HoldChange: Hashable, Sendable {
    case hold
    case resume
}

/// The calls of one user agent: several at once, at most one active (the
/// others on hold). Routes what arrives to the call it belongs to by dialog
/// (Call-ID and our tag), answers requests for dialogs it does not know with
/// 481 (RFC 3261 §12.2.2), and tags every action with its call.
public struct CallRegistry: Sendable {
    /// An action of one call's session.
    public struct TaggedAction: Hashable, Sendable {
        public var call: CallHandle
        public var action: SessionAction

        public init(call: CallHandle, action: SessionAction) {
            self.call = call
            self.action = action
        }
    }

    /// Where a request from the network goes.
    public enum RequestRouting: Hashable, Sendable {
        /// It belonged to a call; these are that call's actions.
        case routed([TaggedAction])
        /// It names a dialog (or an INVITE) no call has: send this response,
        /// a 481 (nil for an ACK, which gets none).
        case unknownDialog(response: SIPMessage?)
        /// It is outside any dialog: a new INVITE (make a callee session
        /// and `add` it), or an OPTIONS, MESSAGE, ... for the driver.
        case outsideDialog
    }

    /// Calls in the order they were added.
    public private(set) var calls: [CallHandle] = []
    /// The call whose media plays; nil when none is up or all are held.
    public private(set) var activeCall: CallHandle?
    private var sessions: [CallHandle: InviteSession] = [:]
    private var nextNumber = 1

    public init() {}

    public subscript(call: CallHandle) -> InviteSession? { sessions[call] }

    /// Adds a session and returns its handle. A caller session still needs
    /// `.start`; `place` does both.
    public mutating func add(_ session: InviteSession) -> CallHandle {
        let handle = CallHandle(nextNumber)
        nextNumber += 1
        sessions[handle] = session
        calls.append(handle)
        return handle
    }

    /// Adds a caller session and sends its INVITE.
    public mutating func place(_ session: InviteSession, now: SessionInstant) -> (CallHandle, [TaggedAction]) {
        let call = add(session)
        return (call, handle(.start, for: call, now: now))
    }

    /// Feeds one event to one call; unknown calls get nothing.
    public mutating func handle(_ event: SessionEvent, for call: CallHandle, now: SessionInstant) -> [TaggedAction] {
        guard var session = sessions[call] else { return [] }
        let actions = session.handle(event, now: now)
        sessions[call] = session
        noteChanges(of: call, actions)
        return actions.map { TaggedAction(call: call, action: $0) }
    }

    /// A request from a server transaction.
    public mutating func receive(request: SIPMessage, now: SessionInstant) -> RequestRouting {
        guard let method = request.method else { return .unknownDialog(response: nil) }
        if request.to?.tag != nil {
            guard let call = call(callID: request.callID, localTag: request.to?.tag) else {
                return .unknownDialog(response: method == .ack ? nil : Self.noSuchDialog(request))
            }
            return .routed(handle(.requestReceived(request), for: call, now: now))
        }
        switch method {
        case .cancel:
            // §9.2: a CANCEL finds the INVITE it cancels by transaction, not dialog
            guard let call = calls.first(where: { sessions[$0]?.isCancel(ofOurInvite: request) == true }) else {
                return .unknownDialog(response: Self.noSuchDialog(request))
            }
            return .routed(handle(.requestReceived(request), for: call, now: now))
        case .ack:
            // an ACK without To tag acknowledges a non-2xx final response,
            // which its INVITE server transaction absorbs; a stray one is dropped
            return .unknownDialog(response: nil)
        default:
            return .outsideDialog
        }
    }

    /// A response from a client transaction (2xx retransmissions to an
    /// INVITE included). Our tag is its From tag, whichever dialog or early
    /// dialog it belongs to; responses for no call are dropped.
    public mutating func receive(response: SIPMessage, now: SessionInstant) -> [TaggedAction] {
        guard let call = call(callID: response.callID, localTag: response.from?.tag) else { return [] }
        return handle(.responseReceived(response), for: call, now: now)
    }

    /// Makes `call` the active one: the active call, if another and up, is
    /// put on hold, and `call` is taken off hold if we held it. `offer`
    /// writes the session description for each change (the SDP is the
    /// caller's to write).
    public mutating func activate(_ call: CallHandle, now: SessionInstant,
                                  offer: (CallHandle, HoldChange) -> MessageBody) -> [TaggedAction] {
        guard let target = sessions[call], !target.state.isEnded else { return [] }
        var actions: [TaggedAction] = []
        if let current = activeCall, current != call, let session = sessions[current],
           session.state == .confirmed, !session.isLocallyHeld {
            actions += handle(.hold(offer: offer(current, .hold)), for: current, now: now)
        }
        if target.state == .confirmed, target.isLocallyHeld {
            actions += handle(.resume(offer: offer(call, .resume)), for: call, now: now)
        }
        activeCall = call
        return actions
    }

    /// The call whose dialog has this Call-ID and our tag.
    public func call(callID: String?, localTag: String?) -> CallHandle? {
        guard let callID, let localTag else { return nil }
        return calls.first { sessions[$0]?.callID == callID && sessions[$0]?.localTag == localTag }
    }

    /// Keeps `activeCall` and the list in step with what a call just did:
    /// an answered call becomes active when none is, an ended one stops
    /// being active, and a finished one (its linger over) is dropped.
    private mutating func noteChanges(of call: CallHandle, _ actions: [SessionAction]) {
        for action in actions {
            switch action {
            case .report(.answered):
                if activeCall == nil { activeCall = call }
            case .report(.ended):
                if activeCall == call { activeCall = nil }
            default:
                break
            }
        }
        if sessions[call]?.isFinished == true {
            sessions[call] = nil
            calls.removeAll { $0 == call }
        }
    }

    /// §12.2.2: "If the UAS wishes to reject the request because it does not
    /// wish to recreate the dialog, it MUST respond to the request with a
    /// 481 (Call/Transaction Does Not Exist)"; §9.2 the same for a CANCEL
    /// that matches no transaction.
    static func noSuchDialog(_ request: SIPMessage) -> SIPMessage {
        SIPReplyBuilder.reply(to: request, statusCode: 481)
    }
}
