/// What a send did: the flow it took and the exact octets, which a client
/// transaction retransmits unchanged (RFC 3261 §17.1.1.2).
public struct SIPSendReceipt: Sendable {
    public var flow: SIPFlow
    /// The request went over TCP instead of UDP because of its size
    /// (RFC 3261 §18.1.1).
    public var switchedForSize: Bool
    /// The octets written, after the top Via was stamped.
    public var octets: [UInt8]

    public init(flow: SIPFlow, switchedForSize: Bool, octets: [UInt8]) {
        self.flow = flow
        self.switchedForSize = switchedForSize
        self.octets = octets
    }

    public var transport: SIPTransportKind { flow.transport }
    public var isInsecure: Bool { flow.isInsecure }
}
