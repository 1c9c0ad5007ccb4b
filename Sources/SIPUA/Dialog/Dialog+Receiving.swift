import SIPCore

/// Requests and responses from the peer within the dialog (RFC 3261 §12.2.1.2, §12.2.2).
extension Dialog {
    /// What §12.2.2 says about a request's sequence number.
    public enum SequenceCheck: Hashable, Sendable {
        case inOrder
        /// "lower than the remote sequence number, the request is out of
        /// order and MUST be rejected with a 500 (Server Internal Error)"
        case outOfOrder
    }

    /// Checks a request the peer sent in this dialog and takes its CSeq
    /// number as the remote sequence number. ACK and CANCEL carry the CSeq
    /// number of their INVITE and are not counted (§12.2.2: the rule is for
    /// requests that start transactions in the dialog; an ACK for a 2xx and a
    /// CANCEL never do).
    public mutating func receive(_ request: SIPMessage) -> SequenceCheck {
        guard let method = request.method, method != .ack, method != .cancel,
              let number = request.cseq?.number else { return .inOrder }
        if let remoteSequence {
            // "It is possible for the CSeq sequence number to be higher than
            // the remote sequence number by more than one": gaps are fine
            guard number >= remoteSequence else { return .outOfOrder }
        }
        // "If the remote sequence number is empty, it MUST be set to the value
        // of the sequence number in the CSeq header field value in the request."
        remoteSequence = number
        return .inOrder
    }

    /// Methods whose requests may change the remote target (§12.2,
    /// RFC 3311 §5.1 for UPDATE).
    public static let targetRefreshMethods: Set<SIPMethod> = [.invite, .update]

    /// Takes a new remote target from a target refresh: the Contact of a
    /// re-INVITE or UPDATE we accepted (§12.2.2: "it MUST replace the
    /// dialog's remote target URI with the URI from the Contact header field
    /// in that request, if present"), or of the 2xx to one we sent
    /// (§12.2.1.2: "When a UAC receives a 2xx response to a target refresh
    /// request, it MUST replace the dialog's remote target URI with the URI
    /// from the Contact header field in that response, if present.").
    /// Other methods and messages without a Contact change nothing.
    public mutating func refreshTarget(from message: SIPMessage) {
        guard let method = message.cseq?.method, Self.targetRefreshMethods.contains(method),
              message.statusCode.map({ (200..<300).contains($0) }) ?? true,
              let target = message.contacts.first?.nameAddr?.uri else { return }
        remoteTarget = target
    }
}
