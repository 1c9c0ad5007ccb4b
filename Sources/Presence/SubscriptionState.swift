/// The state of a buddy's subscription (RFC 6665 §4.1.3 Subscription-State)
/// as the merge rules need it. `failed` is a subscription that never got
/// going (a final error response to SUBSCRIBE, a timeout, no route).
public enum SubscriptionState: Hashable, Sendable, Codable {
    case pending
    case active
    case failed(reason: String)
    case terminated(reason: TerminationReason)
}

/// RFC 6665 §4.2.2 reason codes of a terminated subscription.
public enum TerminationReason: Hashable, Sendable, Codable {
    case rejected, noresource, giveup, deactivated, timeout, probation
    case other(String)

    public init(token: String) {
        switch token.trimmingXMLWhitespace().lowercased() {
        case "rejected": self = .rejected
        case "noresource": self = .noresource
        case "giveup": self = .giveup
        case "deactivated": self = .deactivated
        case "timeout": self = .timeout
        case "probation": self = .probation
        default: self = .other(token)
        }
    }

    public var token: String {
        switch self {
        case .rejected: "rejected"
        case .noresource: "noresource"
        case .giveup: "giveup"
        case .deactivated: "deactivated"
        case .timeout: "timeout"
        case .probation: "probation"
        case .other(let token): token
        }
    }

    /// RFC 6665 §4.2.2: after deactivated, timeout, probation and giveup the
    /// subscriber may subscribe again; after rejected and noresource it
    /// should not (and an unknown reason is treated the same way).
    public var allowsResubscription: Bool {
        switch self {
        case .deactivated, .timeout, .probation, .giveup: true
        case .rejected, .noresource, .other: false
        }
    }
}
