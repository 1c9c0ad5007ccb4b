/// `CSeq: 4711 INVITE` (RFC 3261 §20.16). The number must be below 2^31 (§8.1.1.5).
public struct CSeq: Hashable, Sendable, CustomStringConvertible {
    public var number: UInt32
    public var method: SIPMethod

    public static let maximum: UInt32 = (1 << 31) - 1

    public init(_ number: UInt32, _ method: SIPMethod) {
        self.number = number
        self.method = method
    }

    public init(parsing text: String) throws(SIPSyntaxError) {
        self = try OsipHeaderReader.cseq(text)
    }

    public var description: String { "\(number) \(method.rawValue)" }
}
