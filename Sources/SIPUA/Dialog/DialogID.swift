import SIPCore

/// What identifies a dialog at this user agent (RFC 3261 §12): the Call-ID
/// and the two tags, seen from our side. The peer's dialog id has the tags
/// swapped, which is why requests and responses map onto it differently:
/// our tag is the From tag of what we send and of the responses we get, and
/// the To tag of the requests we get.
public struct DialogID: Hashable, Sendable, CustomStringConvertible {
    public var callID: String
    public var localTag: String
    /// Empty when the peer sent no tag: §12.1.1 allows that "for backwards
    /// compatibility with RFC 2543, which did not mandate From tags".
    public var remoteTag: String

    public init(callID: String, localTag: String, remoteTag: String) {
        self.callID = callID
        self.localTag = localTag
        self.remoteTag = remoteTag
    }

    /// The dialog a request we received belongs to: its To tag is ours.
    public init?(receivedRequest request: SIPMessage) {
        guard let callID = request.callID, let localTag = request.to?.tag else { return nil }
        self.init(callID: callID, localTag: localTag, remoteTag: request.from?.tag ?? "")
    }

    /// The dialog a response we received belongs to: its From tag is ours.
    public init?(receivedResponse response: SIPMessage) {
        guard let callID = response.callID, let localTag = response.from?.tag else { return nil }
        self.init(callID: callID, localTag: localTag, remoteTag: response.to?.tag ?? "")
    }

    public var description: String { "\(callID);local=\(localTag);remote=\(remoteTag)" }
}
