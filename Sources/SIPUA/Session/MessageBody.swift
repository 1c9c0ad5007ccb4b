import SIPCore

/// A body this layer carries but does not read: a session description
/// (application/sdp), a DTMF relay (application/dtmf-relay). The caller of
/// the machines writes and inspects them; the session only decides which
/// message they ride in (RFC 3261 §13.2.1 offer/answer placement).
public struct MessageBody: Hashable, Sendable {
    public var type: MediaType
    public var bytes: [UInt8]

    public init(type: MediaType, bytes: [UInt8]) {
        self.type = type
        self.bytes = bytes
    }

    public init(type: MediaType, text: String) {
        self.init(type: type, bytes: Array(text.utf8))
    }

    /// The body of a message, or nil when it has none. A body without a
    /// Content-Type is taken as SDP, what an INVITE usage carries by default
    /// (§20.15 makes the header mandatory with a body, but peers forget).
    public init?(of message: SIPMessage) {
        guard !message.body.isEmpty else { return nil }
        self.init(type: message.contentType ?? .sdp, bytes: message.body)
    }

    /// `application/dtmf-relay`, the body of INFO DTMF as most PBXs send it.
    public static let dtmfRelay = MediaType("application", "dtmf-relay")

    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

extension SIPMessage {
    /// Puts a body and its Content-Type into the message, or clears both.
    mutating func setBody(_ body: MessageBody?) {
        contentType = body?.type
        self.body = body?.bytes ?? []
    }
}
