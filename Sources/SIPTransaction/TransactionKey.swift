import SIPCore

/// What identifies a transaction to the matching rules of RFC 3261 §17.1.3
/// (responses to client transactions) and §17.2.3 (requests to server
/// transactions). Client and server keys never equal each other, so a
/// request this UA sends to itself keeps both of its transactions apart.
public struct TransactionKey: Hashable, Sendable, CustomStringConvertible {
    public enum Side: Hashable, Sendable {
        case client
        case server
    }

    public let side: Side
    let identity: Identity

    enum Identity: Hashable, Sendable {
        /// The top Via branch with the magic cookie and the method; servers
        /// add the sent-by, since only the branch's creator vouches for its
        /// uniqueness and two clients could pick the same one (§17.2.3).
        case branch(String, sentBy: String?, method: SIPMethod)
        /// §17.2.3's fallback for requests from RFC 2543 elements, whose
        /// branch (if any) lacks the magic cookie.
        case legacy(LegacyRequestIdentity)
    }

    /// The fields §17.2.3 compares when there is no RFC 3261 branch:
    /// Request-URI, To tag, From tag, Call-ID, CSeq and top Via. Values are
    /// compared as parsed; a retransmission repeats them exactly.
    struct LegacyRequestIdentity: Hashable, Sendable {
        var requestURI: SIPURI
        var toTag: String?
        var fromTag: String?
        var callID: String
        var cseq: CSeq
        var topVia: Via
    }

    /// The method of the request that created the transaction: INVITE for
    /// an ACK's key (§17.2.3: the ACK belongs to the INVITE's transaction).
    public var method: SIPMethod {
        switch identity {
        case .branch(_, _, let method): return method
        case .legacy(let legacy): return legacy.cseq.method
        }
    }

    /// Keyed by the RFC 2543 fallback rather than by branch.
    public var isLegacy: Bool {
        if case .legacy = identity { return true }
        return false
    }

    public var description: String {
        switch identity {
        case .branch(let branch, let sentBy, let method):
            return "\(side) \(method) \(branch)" + (sentBy.map { " from \($0)" } ?? "")
        case .legacy(let legacy):
            return "\(side) \(legacy.cseq.method) legacy \(legacy.callID) CSeq \(legacy.cseq.number)"
        }
    }

    /// The key of the client transaction that sends `request`. Nil without
    /// a top Via branch starting with the magic cookie: this layer's own
    /// requests always carry one (§8.1.1.7), and only such a branch makes
    /// §17.1.3 matching sound.
    public static func client(sending request: SIPMessage) -> TransactionKey? {
        guard let method = request.method, let via = request.topVia, via.hasRFC3261Branch,
              let branch = via.branch else { return nil }
        return TransactionKey(side: .client, identity: .branch(branch, sentBy: nil, method: method))
    }

    /// The key of the client transaction `response` belongs to (§17.1.3):
    /// the branch of its top Via and the method of its CSeq, which tells the
    /// response to a CANCEL from the response to the INVITE it cancels.
    public static func client(matching response: SIPMessage) -> TransactionKey? {
        guard !response.isRequest, let via = response.topVia, via.hasRFC3261Branch,
              let branch = via.branch, let cseq = response.cseq else { return nil }
        return TransactionKey(side: .client, identity: .branch(branch, sentBy: nil, method: cseq.method))
    }

    /// The key of the server transaction `request` belongs to (§17.2.3), or
    /// nil when the request lacks what matching needs (top Via; and for the
    /// fallback, Request-URI, Call-ID and CSeq). An ACK gets the key of its
    /// INVITE's transaction; a CANCEL keeps its own method, so it is a
    /// transaction of its own (§9.2).
    ///
    /// For an RFC 2543 ACK this is only the first candidate: its To tag is
    /// the one the server put in its response, which the INVITE lacked, so
    /// `TransactionTable` also tries the key without it.
    public static func server(for request: SIPMessage) -> TransactionKey? {
        guard let method = request.method, let via = request.topVia else { return nil }
        let transactionMethod = method == .ack ? SIPMethod.invite : method
        if via.hasRFC3261Branch, let branch = via.branch {
            // host names compare case-insensitively (§19.1.4); the branch as written
            return TransactionKey(side: .server,
                                  identity: .branch(branch, sentBy: via.sentBy.lowercased(), method: transactionMethod))
        }
        guard let uri = request.requestURI, let callID = request.callID, let cseq = request.cseq else { return nil }
        // "CSeq number (not the method)" for an ACK: compare it as the INVITE's
        let legacy = LegacyRequestIdentity(requestURI: uri, toTag: request.to?.tag, fromTag: request.from?.tag,
                                           callID: callID, cseq: CSeq(cseq.number, transactionMethod), topVia: via)
        return TransactionKey(side: .server, identity: .legacy(legacy))
    }

    /// The same key for another method: a CANCEL's key to the INVITE's.
    func replacingMethod(with method: SIPMethod) -> TransactionKey {
        switch identity {
        case .branch(let branch, let sentBy, _):
            return TransactionKey(side: side, identity: .branch(branch, sentBy: sentBy, method: method))
        case .legacy(var legacy):
            legacy.cseq.method = method
            return TransactionKey(side: side, identity: .legacy(legacy))
        }
    }

    /// The legacy key with no To tag, as the initial INVITE had it.
    func removingToTag() -> TransactionKey {
        guard case .legacy(var legacy) = identity else { return self }
        legacy.toTag = nil
        return TransactionKey(side: side, identity: .legacy(legacy))
    }
}
