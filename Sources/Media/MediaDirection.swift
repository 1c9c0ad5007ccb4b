/// Which way audio flows, as SDP says it (RFC 4566 §6, RFC 3264 §5.1, and
/// §8.4 for hold): from our point of view.
public enum MediaDirection: String, Sendable, Hashable, CaseIterable {
    case sendrecv, sendonly, recvonly, inactive

    /// We send RTP audio (and DTMF).
    public var sends: Bool { self == .sendrecv || self == .sendonly }
    /// We play what we receive.
    public var receives: Bool { self == .sendrecv || self == .recvonly }
}
