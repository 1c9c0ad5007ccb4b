/// A SIP method. Methods are case-sensitive tokens (RFC 3261 §7.1), so unknown
/// ones are kept as written rather than forced into an enum.
public struct SIPMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ name: String) { self.rawValue = name }
    public var description: String { rawValue }

    public static let invite = SIPMethod("INVITE")
    public static let ack = SIPMethod("ACK")
    public static let bye = SIPMethod("BYE")
    public static let cancel = SIPMethod("CANCEL")
    public static let options = SIPMethod("OPTIONS")
    public static let register = SIPMethod("REGISTER")
    public static let prack = SIPMethod("PRACK")
    public static let subscribe = SIPMethod("SUBSCRIBE")
    public static let notify = SIPMethod("NOTIFY")
    public static let publish = SIPMethod("PUBLISH")
    public static let info = SIPMethod("INFO")
    public static let refer = SIPMethod("REFER")
    public static let message = SIPMethod("MESSAGE")
    public static let update = SIPMethod("UPDATE")

    /// Methods defined by RFC 3261 and its extensions that this stack knows.
    public static let known: Set<SIPMethod> = [
        .invite, .ack, .bye, .cancel, .options, .register, .prack, .subscribe,
        .notify, .publish, .info, .refer, .message, .update,
    ]

    public var isKnown: Bool { Self.known.contains(self) }
}
