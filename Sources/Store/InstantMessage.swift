import Foundation

/// The direction of a message; the same words as calls use.
public typealias MessageDirection = CallDirection

/// One instant message (RFC 3428 MESSAGE) as kept in the history.
public struct InstantMessage: Sendable, Hashable {
    public struct ID: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
        public var rawValue: Int64
        public init(rawValue: Int64) { self.rawValue = rawValue }
        public var description: String { "message \(rawValue)" }
    }

    /// Where a message stands. Incoming messages are `received`; outgoing
    /// ones are `sending` until the final response, then `delivered` (2xx) or
    /// `failed` (3xx–6xx, or no answer: a timeout, a transport error, or a
    /// crash before the answer, all without a code).
    public enum State: Sendable, Hashable {
        case received
        case sending
        case delivered(statusCode: Int)
        case failed(statusCode: Int?)

        public var text: String {
            switch self {
            case .received: return "received"
            case .sending: return "sending"
            case .delivered: return "delivered"
            case .failed: return "failed"
            }
        }

        public var statusCode: Int? {
            switch self {
            case .received, .sending: return nil
            case .delivered(let code): return code
            case .failed(let code): return code
            }
        }

        /// Back from the stored word and code; nil when they do not fit together.
        init?(text: String, statusCode: Int?) {
            switch (text, statusCode) {
            case ("received", nil): self = .received
            case ("sending", nil): self = .sending
            case ("delivered", let code?) where (200...299).contains(code): self = .delivered(statusCode: code)
            case ("failed", let code) where code.map { (300...699).contains($0) } ?? true: self = .failed(statusCode: code)
            default: return nil
            }
        }
    }

    public var id: ID
    /// The account (as configured) that sent or received it.
    public var account: String
    public var direction: MessageDirection
    /// The other party's URI, as given when the message was appended.
    public var peerURI: String
    /// When it was sent or received, to the millisecond.
    public var time: Date
    public var text: String
    public var state: State

    public init(id: ID, account: String, direction: MessageDirection, peerURI: String, time: Date,
                text: String, state: State) {
        self.id = id
        self.account = account
        self.direction = direction
        self.peerURI = peerURI
        self.time = time
        self.text = text
        self.state = state
    }
}

// JSON: {"id":3,"account":"alice","direction":"out","peerURI":"sip:bob@…",
//        "time":"…Z","text":"hi","state":"delivered","statusCode":200}
extension InstantMessage: Codable {
    enum CodingKeys: String, CodingKey { case id, account, direction, peerURI, time, text, state, statusCode }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(account, forKey: .account)
        try container.encode(direction, forKey: .direction)
        try container.encode(peerURI, forKey: .peerURI)
        try container.encode(JSONTime.text(time), forKey: .time)
        try container.encode(text, forKey: .text)
        try container.encode(state.text, forKey: .state)
        try container.encodeIfPresent(state.statusCode, forKey: .statusCode)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(ID.self, forKey: .id)
        account = try container.decode(String.self, forKey: .account)
        direction = try container.decode(MessageDirection.self, forKey: .direction)
        peerURI = try container.decode(String.self, forKey: .peerURI)
        time = try JSONTime.decode(container, .time)
        text = try container.decode(String.self, forKey: .text)
        let word = try container.decode(String.self, forKey: .state)
        guard let state = State(text: word, statusCode: try container.decodeIfPresent(Int.self, forKey: .statusCode)) else {
            throw DecodingError.dataCorruptedError(forKey: .state, in: container,
                                                   debugDescription: "state \"\(word)\" does not fit its statusCode")
        }
        self.state = state
    }
}
