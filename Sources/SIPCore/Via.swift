/// One Via value: `SIP/2.0/UDP host:port;branch=...;rport` (RFC 3261 §20.42).
public struct Via: Hashable, Sendable, CustomStringConvertible {
    /// `SIP/2.0` as written.
    public var version: String
    /// Transport token, upper-cased (`UDP`, `TCP`, `TLS`, ...).
    public var transport: String
    public var host: String
    public var port: Int?
    public var parameters: [SIPParameter]

    /// The branch prefix that marks RFC 3261 transaction ids (§8.1.1.7).
    public static let magicCookie = "z9hG4bK"

    public init(transport: String, host: String, port: Int? = nil, branch: String? = nil,
                parameters: [SIPParameter] = []) {
        self.version = "SIP/2.0"
        self.transport = transport.uppercased()
        self.host = host
        self.port = port
        self.parameters = parameters
        if let branch { self.parameters.set("branch", branch) }
    }

    public init(parsing text: String) throws(SIPSyntaxError) {
        self = try OsipHeaderReader.via(text)
    }

    public var branch: String? {
        get { parameters.value(of: "branch") ?? nil }
        set { parameters.set("branch", newValue) }
    }

    public var received: String? {
        get { parameters.value(of: "received") ?? nil }
        set { parameters.set("received", newValue) }
    }

    /// `rport` (RFC 3581): `.some(nil)` when asked for, `.some(port)` when filled in.
    public var rport: Int?? {
        guard let raw = parameters.value(of: "rport") else { return nil }
        return .some(raw.flatMap { Int($0) })
    }

    /// The branch starts with the magic cookie: RFC 3261 matching applies.
    public var hasRFC3261Branch: Bool {
        guard let branch else { return false }
        return branch.hasPrefix(Self.magicCookie) && branch.count > Self.magicCookie.count
    }

    public var sentBy: String {
        let h = host.contains(":") ? "[\(host)]" : host
        if let port { return "\(h):\(port)" }
        return h
    }

    public var description: String {
        "\(version)/\(transport) \(sentBy)" + parameters.serialized()
    }
}
