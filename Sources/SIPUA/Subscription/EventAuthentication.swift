import SIPAuth
import SIPCore

/// One account's digest state for its PUBLISH and SUBSCRIBE requests: the
/// authenticator and the realms that challenged them.
///
/// A new request carries an answer for every realm that challenged an
/// earlier one, from that realm's cached nonce with the next nc
/// (`authorizationForNextRequest`). A buddy list shares one value, so only
/// the first of 10,000 SUBSCRIBEs draws a 407: baresip answers every one
/// after a 407 of its own and drowns in them (shared/reference/baresip-scale.md).
/// Only the realms seen here are answered, not every nonce the authenticator
/// holds, so a registrar's realm is not sent to wherever a SUBSCRIBE goes.
public struct EventAuthentication: Sendable {
    public private(set) var authenticator: DigestAuthenticator
    /// Realms that challenged our event requests, oldest first.
    public private(set) var challengedRealms: [Challenger] = []

    /// A realm and whether it asked as a proxy (407) or a server (401).
    public struct Challenger: Hashable, Sendable {
        public var realm: String
        public var kind: DigestChallengeKind
    }

    public init(authenticator: DigestAuthenticator) {
        self.authenticator = authenticator
    }

    /// Answers for a request that has not been challenged, from cached nonces.
    public mutating func authorizations(for request: DigestRequest) -> [DigestAuthorization] {
        challengedRealms.compactMap {
            authenticator.authorizationForNextRequest(request, realm: $0.realm, kind: $0.kind)
        }
    }

    /// Answers the 401/407 `response` to a request that carried `carried`.
    /// A realm answered before and not challenged this time (a proxy's, when
    /// the server challenges next) is answered again from its nonce, as
    /// the registration machine does.
    public mutating func answer(_ response: SIPMessage, to request: DigestRequest,
                                carried: [DigestAuthorization]) throws(DigestAuthenticationError)
        -> [DigestAuthorization] {
        var answers = try authenticator.answer(
            wwwAuthenticate: response.headers.values("WWW-Authenticate"),
            proxyAuthenticate: response.headers.values("Proxy-Authenticate"),
            request: request, challengedRequestCarried: carried)
        for answer in answers {
            let realm = Challenger(realm: answer.realm, kind: answer.kind)
            if !challengedRealms.contains(realm) { challengedRealms.append(realm) }
        }
        for previous in carried where !answers.contains(where: { $0.kind == previous.kind && $0.realm == previous.realm }) {
            if let again = authenticator.authorizationForNextRequest(request, realm: previous.realm,
                                                                     kind: previous.kind) {
                answers.append(again)
            }
        }
        return answers
    }

    /// New credentials (the user fixed a password): cached nonces and
    /// learned realms go with the old ones.
    public mutating func replaceCredentials(_ credentials: DigestCredentialStore) {
        authenticator.credentials = credentials
        authenticator.forgetAllNonces()
        challengedRealms = []
    }
}

extension EventAuthentication {
    /// Adds the Authorization / Proxy-Authorization headers of `answers`.
    static func attach(_ answers: [DigestAuthorization], to message: inout SIPMessage) {
        for answer in answers { message.headers.add(answer.headerName, answer.headerValue) }
    }
}
