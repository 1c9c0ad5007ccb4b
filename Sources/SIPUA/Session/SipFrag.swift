import SIPCore

/// The message/sipfrag bodies of REFER's NOTIFYs (RFC 3515 §2.4.5, RFC
/// 3420): only a status line is sent and read here, "SIP/2.0 200 OK".
enum SipFrag {
    /// `message/sipfrag;version=2.0`, as RFC 3515 §2.4.5's examples label it.
    static let mediaType = MediaType("message", "sipfrag", parameters: [SIPParameter("version", "2.0")])

    static func statusLine(_ statusCode: Int) -> MessageBody {
        MessageBody(type: mediaType, text: "SIP/2.0 \(statusCode) \(SIPStatus.reasonPhrase(statusCode))\r\n")
    }

    /// The status code of the fragment's first line; nil when the body does
    /// not begin with a SIP status line ("The body of a NOTIFY MUST begin
    /// with a SIP Response Status-Line", §2.4.5).
    static func statusCode(in body: [UInt8]) -> Int? {
        let firstLine = String(decoding: body.prefix { $0 != 0x0D && $0 != 0x0A }, as: UTF8.self)
        let parts = firstLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].uppercased() == "SIP/2.0", parts[1].count == 3,
              let code = Int(parts[1]), (100...699).contains(code) else { return nil }
        return code
    }
}
