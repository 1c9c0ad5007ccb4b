extension SessionDescription {
    /// Descriptions larger than this are refused before osip sees them.
    /// osip looks for `:` in the rest of the buffer for each `a=` line, so its
    /// time grows with the square of the size: 64 KiB of `a=x` lines took
    /// 0.37 s here, 16 KiB a sixteenth of that. A phone call's SDP is a few
    /// hundred octets, and SIP moves messages over 1300 octets from UDP to
    /// TCP anyway (RFC 3261 §18.1.1).
    public static let maximumLength = 16 * 1024

    /// Reads a received description (a message body). Never traps; anything
    /// that is not a well-formed RFC 8866 description is an `SDPSyntaxError`.
    public init<C: Collection>(parsing bytes: C) throws(SDPSyntaxError) where C.Element == UInt8 {
        self = try OsipSDPReader.parse(try SDPLines(bytes))
    }

    public init(parsing text: String) throws(SDPSyntaxError) {
        try self.init(parsing: Array(text.utf8))
    }
}
