/// The audio codecs a call can use: the two G.711 laws, at 8 kHz, one byte
/// per sample (RFC 3551 §4.5.14).
public enum AudioCodec: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// µ-law, the North American and Japanese law.
    case pcmu = "PCMU"
    /// A-law, the European and international law.
    case pcma = "PCMA"

    /// The static payload type of RFC 3551 Table 4.
    public var payloadType: UInt8 {
        switch self {
        case .pcmu: 0
        case .pcma: 8
        }
    }

    /// The codec with this static payload type, if it is one of ours.
    public init?(payloadType: UInt8) {
        switch payloadType {
        case 0: self = .pcmu
        case 8: self = .pcma
        default: return nil
        }
    }

    /// RTP clock rate (RFC 3551 Table 4): one timestamp unit per sample.
    public var clockRate: Int { 8000 }

    public var description: String { rawValue }

    /// Compresses linear samples, one code word per sample.
    public func encode(_ samples: some Collection<Int16>) -> [UInt8] {
        switch self {
        case .pcmu: samples.map(G711.muLawEncode)
        case .pcma: samples.map(G711.aLawEncode)
        }
    }

    /// Expands code words, one sample per byte.
    public func decode(_ payload: some Collection<UInt8>) -> [Int16] {
        switch self {
        case .pcmu: payload.map(G711.muLawDecode)
        case .pcma: payload.map(G711.aLawDecode)
        }
    }
}
