import Foundation

/// One call as the UI, the socket and `--json` see it: plain values, no SIP types.
public struct CallSnapshot: Codable, Sendable, Equatable {
    public enum Direction: String, Codable, Sendable {
        case incoming
        case outgoing
    }

    public enum State: String, Codable, Sendable {
        /// Outgoing: INVITE sent, nothing back yet (or only 100 Trying).
        case calling
        /// Outgoing: the far end rings (180), or is working on it (18x).
        case ringing
        /// Outgoing: the far end sends media before answering (183 with SDP).
        case early
        /// Incoming: ringing here, waiting for answer or reject.
        case incoming
        /// Answered; the ACK (or our ACK) is still on its way.
        case connecting
        case connected
        case ended
    }

    public struct Quality: Codable, Sendable, Equatable {
        public var lossPercent: Double
        public var jitterMilliseconds: Double
        public var roundTripMilliseconds: Double?
        public var packetsReceived: Int
        public var packetsExpected: Int
    }

    /// The number commands use ("hangup 2"); never reused by an instance.
    public var id: Int
    public var account: String
    public var direction: Direction
    public var peer: String
    public var peerName: String?
    /// The far end's User-Agent (or Server) header, when it sent one.
    public var peerUserAgent: String?
    public var state: State
    /// We put the call on hold.
    public var held = false
    /// The far end put us on hold.
    public var remoteHeld = false
    public var startedAt: Date
    public var answeredAt: Date?
    public var endedAt: Date?
    /// Seconds from answer to end, set when an answered call ends.
    public var durationSeconds: Double?
    /// "PCMU/8000" once agreed.
    public var codec: String?
    public var quality: Quality?
    /// DTMF digits received, in order (RFC 4733 events and SIP INFO).
    public var dtmfReceived = ""
    /// Why it ended: "local-bye", "remote-bye", "cancelled", "rejected",
    /// "failed", "timeout", "transferred".
    public var endReason: String?
    /// The SIP status that ended it, if one did (486, 603, 408, ...).
    public var statusCode: Int?
    /// A transfer we asked for: "requested", "accepted", "trying 100",
    /// "ringing 180", "succeeded", "failed 486".
    public var transfer: String?

    public init(id: Int, account: String, direction: Direction, peer: String, state: State, startedAt: Date) {
        self.id = id
        self.account = account
        self.direction = direction
        self.peer = peer
        self.state = state
        self.startedAt = startedAt
    }

    /// Seconds since the answer, up to the end or `now`.
    public func duration(now: Date = Date()) -> Double? {
        answeredAt.map { (endedAt ?? now).timeIntervalSince($0) }
    }

    public var isEnded: Bool { state == .ended }
}
