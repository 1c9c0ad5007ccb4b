// The parts of a SIP request that digest hashes, without depending on any
// SIP message type: this module stays usable below SIPCore.

/// The request being authorised.
public struct DigestRequest: Equatable, Sendable {
    /// "REGISTER", "INVITE", ... For ACK and CANCEL, RFC 3261 §22.1 wants the
    /// credentials of the request they refer to, so pass that request's method.
    public var method: String
    /// The Request-URI exactly as it appears in the request line (digest-uri).
    public var requestURI: String
    /// The message body; hashed only for qop=auth-int.
    public var body: [UInt8]

    public init(method: String, requestURI: String, body: [UInt8] = []) {
        self.method = method
        self.requestURI = requestURI
        self.body = body
    }
}
