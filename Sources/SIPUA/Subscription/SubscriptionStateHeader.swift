import SIPCore

/// A parsed Subscription-State header (RFC 6665 §8.2.3):
/// `active;expires=600`, `terminated;reason=probation;retry-after=30`.
public struct SubscriptionStateHeader: Equatable, Sendable {
    public enum Substate: Equatable, Sendable {
        case active
        case pending
        case terminated
        /// A value this stack does not know, lower-cased.
        case other(String)
    }

    public var substate: Substate
    /// Seconds the subscription has left (active, pending).
    public var expires: UInt32?
    /// Why it ended (terminated); nil when the notifier gave no reason.
    public var reason: SubscriptionEndReason?
    /// Seconds to wait before subscribing again (RFC 6665 §4.1.3).
    public var retryAfter: UInt32?

    public init(substate: Substate, expires: UInt32? = nil, reason: SubscriptionEndReason? = nil,
                retryAfter: UInt32? = nil) {
        self.substate = substate
        self.expires = expires
        self.reason = reason
        self.retryAfter = retryAfter
    }

    /// Parses a header value; nil when there is no substate token.
    /// Parameters that are malformed or unknown are ignored: an odd
    /// `expires` must not cost the NOTIFY's state.
    public init?(parsing text: String) {
        var parts = text.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingLWS }
        guard let first = parts.first?.lowercased(), !first.isEmpty else { return nil }
        parts.removeFirst()
        switch first {
        case "active": substate = .active
        case "pending": substate = .pending
        case "terminated": substate = .terminated
        default: substate = .other(first)
        }
        for part in parts {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingLWS }
            guard pair.count == 2 else { continue }
            let value = Self.unquoted(pair[1])
            switch pair[0].lowercased() {
            case "expires": expires = UInt32(value)
            case "retry-after": retryAfter = UInt32(value)
            case "reason": reason = SubscriptionEndReason(token: value)
            default: break
            }
        }
    }

    private static func unquoted(_ text: String) -> String {
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else { return text }
        return String(text.dropFirst().dropLast())
    }
}

/// Why a subscription ended: RFC 6665 §4.1.3's reason codes, plus ours.
public enum SubscriptionEndReason: Hashable, Sendable, CustomStringConvertible {
    /// The notifier moved it: subscribe again at once.
    case deactivated
    /// Come back later (after retry-after if given).
    case probation
    /// Authorization policy changed: do not subscribe again.
    case rejected
    /// It was not refreshed in time: subscribe again at once.
    case timeout
    /// The notifier could not get authorization in time: final here.
    case giveup
    /// The resource no longer exists: do not subscribe again.
    case noresource
    /// The state will never change: do not subscribe again.
    case invariant
    /// A reason this stack does not know, lower-cased.
    case other(String)
    /// We unsubscribed (Expires: 0, RFC 6665 §4.1.2.3).
    case unsubscribed

    public init(token: String) {
        switch token.lowercased() {
        case "deactivated": self = .deactivated
        case "probation": self = .probation
        case "rejected": self = .rejected
        case "timeout": self = .timeout
        case "giveup": self = .giveup
        case "noresource": self = .noresource
        case "invariant": self = .invariant
        default: self = .other(token.lowercased())
        }
    }

    /// The state can be asked for again. giveup is treated as final even
    /// though §4.1.3 allows a later try: the notifier's policy did not
    /// admit us, and a UI should show that rather than keep knocking.
    public var allowsResubscribe: Bool {
        switch self {
        case .rejected, .giveup, .noresource, .invariant, .unsubscribed: return false
        case .deactivated, .probation, .timeout, .other: return true
        }
    }

    public var description: String {
        switch self {
        case .deactivated: return "deactivated"
        case .probation: return "probation"
        case .rejected: return "rejected"
        case .timeout: return "timeout"
        case .giveup: return "giveup"
        case .noresource: return "noresource"
        case .invariant: return "invariant"
        case .other(let token): return token
        case .unsubscribed: return "unsubscribed"
        }
    }
}
