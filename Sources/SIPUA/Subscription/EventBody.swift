import SIPCore

/// An event state document as the wire carries it: octets and their media
/// type. The machines never look inside (the Presence target parses PIDF,
/// dialog-info and watcherinfo); they only move documents between the user
/// and PUBLISH / NOTIFY bodies.
public struct EventBody: Hashable, Sendable {
    public var contentType: MediaType
    public var bytes: [UInt8]

    public init(contentType: MediaType, bytes: [UInt8]) {
        self.contentType = contentType
        self.bytes = bytes
    }

    /// The body of a message, or nil when it has none. A NOTIFY may come
    /// without one (Kamailio's `dialog` NOTIFY while idle, RFC 6665 §4.2.2's
    /// "no state yet"); a body without Content-Type is read as
    /// application/octet-stream rather than thrown away.
    public init?(of message: SIPMessage) {
        guard !message.body.isEmpty else { return nil }
        self.init(contentType: message.contentType ?? MediaType("application", "octet-stream"), bytes: message.body)
    }
}
