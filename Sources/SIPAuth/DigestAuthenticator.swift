// The client side of SIP digest authentication as a value: which challenges
// to answer, with which nonce count, and when to give up.
//
// Giving up is decided from what the challenged request carried, not from
// history kept here: the caller passes back the DigestAuthorization values
// it attached to the request that drew the 401/407. That keeps the verdict
// right when several requests authenticate at once (a REGISTER refresh
// during an INVITE), which per-realm "already answered" flags would not.
//
//   carried nothing for the realm        → answer (first challenge)
//   carried our answer, stale=true       → answer with the new nonce
//   carried our answer, not stale        → credentialsRejected: stop
//   carried a reused nonce, not stale    → answer once: the nonce expired,
//                                          many servers omit stale=true
//
// Nonce counts are kept per (kind, realm) for the realm's current nonce; a
// new nonce for a realm restarts at 1 and forgets the old one.

/// Answers Digest challenges for one account and reuses nonces for later requests.
///
///     var auth = DigestAuthenticator(credentials: store)
///     var sent = auth.authorizationsForNextRequest(request)  // may be empty
///     // send with `sent` as headers; on a 401/407:
///     do {
///         sent = try auth.answer(wwwAuthenticate: wwwValues, proxyAuthenticate: proxyValues,
///                                request: request, challengedRequestCarried: sent)
///         // resend (new CSeq) with `sent`
///     } catch .credentialsRejected(let realm) {
///         // stop: wrong username or password for `realm`
///     }
public struct DigestAuthenticator: Sendable {
    /// How many stale=true challenges in a row are answered before giving up.
    public static let maximumStaleRetries = 3

    public var credentials: DigestCredentialStore
    /// Draws cnonces. `any RandomNumberGenerator & Sendable` so tests can pass
    /// a seeded generator without making the authenticator generic. A seeded
    /// generator's state is copied with the value, so two copies would draw
    /// the same cnonces; keep one authenticator per account.
    private var randomSource: any RandomNumberGenerator & Sendable
    private var nonces: [ProtectionSpace: CachedNonce] = [:]

    /// A challenger: a realm seen in WWW-Authenticate differs from the same
    /// realm seen in Proxy-Authenticate, as they are answered in different headers.
    private struct ProtectionSpace: Hashable, Sendable {
        var kind: DigestChallengeKind
        var realm: String
    }

    /// The realm's current nonce and how far it has been counted.
    private struct CachedNonce: Sendable {
        var challenge: DigestChallenge
        var lastNonceCount: UInt32
        /// For -sess, HA1 includes the cnonce; keeping the first one for the
        /// nonce's lifetime makes reuse agree with servers that cache HA1
        /// (RFC 2617 §3.2.2.2) and with those that recompute it per request.
        var sessionCnonce: String?
    }

    public init(credentials: DigestCredentialStore,
                randomSource: any RandomNumberGenerator & Sendable = SystemRandomNumberGenerator()) {
        self.credentials = credentials
        self.randomSource = randomSource
    }

    /// Answers the challenges of a 401/407 (or a merged response carrying
    /// both kinds, RFC 3261 §16.7). For every challenged realm, the strongest
    /// supported challenge is answered; the result holds one header per realm.
    ///
    /// - Parameters:
    ///   - wwwAuthenticate: WWW-Authenticate header values of the response.
    ///   - proxyAuthenticate: Proxy-Authenticate header values of the response.
    ///   - request: the request to resend (its method, Request-URI, body).
    ///   - carried: the DigestAuthorization values the challenged request was
    ///     sent with (empty for a request sent without credentials).
    /// - Throws: `credentialsRejected` when the server refused our answer —
    ///   the caller must stop rather than resend. On any throw no nonce
    ///   counts change; a rejected realm's cached nonce is forgotten.
    public mutating func answer(
        wwwAuthenticate: [String] = [], proxyAuthenticate: [String] = [],
        request: DigestRequest, challengedRequestCarried carried: [DigestAuthorization]
    ) throws(DigestAuthenticationError) -> [DigestAuthorization] {
        var failures: [DigestParseError] = []
        var usable: [(DigestChallengeKind, DigestChallenge)] = []
        for (kind, values) in [(DigestChallengeKind.proxy, proxyAuthenticate), (.server, wwwAuthenticate)] {
            var parsed: [DigestChallenge] = []
            for result in DigestChallenge.parseAll(values) {
                switch result {
                case let .success(challenge): parsed.append(challenge)
                case let .failure(reason): failures.append(reason)
                }
            }
            usable += DigestChallenge.bestPerRealm(among: parsed).map { (kind, $0) }
        }
        guard !usable.isEmpty else { throw .noUsableChallenge(failures) }

        // Work on a copy so that one realm failing leaves no half-updated state.
        var next = self
        var answers: [DigestAuthorization] = []
        for (kind, challenge) in usable {
            do {
                answers.append(try next.answer(challenge, kind: kind, request: request,
                                               challengedRequestCarried: carried))
            } catch {
                // Except this: refused credentials must not be reused later.
                if case .credentialsRejected = error { forgetNonce(realm: challenge.realm, kind: kind) }
                throw error
            }
        }
        self = next
        return answers
    }

    /// Answers one parsed challenge; see `answer(wwwAuthenticate:…)` for the rules.
    public mutating func answer(
        _ challenge: DigestChallenge, kind: DigestChallengeKind, request: DigestRequest,
        challengedRequestCarried carried: [DigestAuthorization]
    ) throws(DigestAuthenticationError) -> DigestAuthorization {
        let space = ProtectionSpace(kind: kind, realm: challenge.realm)
        var staleRetries = 0
        if let previous = carried.first(where: { $0.kind == kind && $0.realm == challenge.realm }) {
            switch (challenge.stale, previous.origin) {
            case let (true, .challengeResponse(retries)):
                staleRetries = retries + 1
                guard staleRetries <= Self.maximumStaleRetries else {
                    throw .tooManyStaleChallenges(realm: challenge.realm)
                }
            case (true, .reusedNonce):
                staleRetries = 1
            case (false, .challengeResponse):
                // Do not offer the refused credentials again on later requests.
                nonces[space] = nil
                throw .credentialsRejected(realm: challenge.realm)
            case (false, .reusedNonce):
                break
            }
        }
        guard let credentials = credentials.credentials(forRealm: challenge.realm) else {
            throw .noCredentials(realm: challenge.realm)
        }

        // The same nonce again (a second request challenged before the first
        // answer was used, or a server that re-sends it) continues its count.
        var cached: CachedNonce
        if let existing = nonces[space], existing.challenge.nonce == challenge.nonce,
           existing.lastNonceCount < .max {
            cached = existing
            cached.challenge = challenge
        } else {
            cached = CachedNonce(challenge: challenge, lastNonceCount: 0, sessionCnonce: nil)
        }
        let authorization = try authorize(&cached, kind: kind, credentials: credentials, request: request,
                                          origin: .challengeResponse(staleRetries: staleRetries))
        nonces[space] = cached
        return authorization
    }

    /// Authorizations for a new request, reusing every cached nonce with the
    /// next nc, so the request does not first draw a 401/407. Realms whose
    /// credentials are gone or whose nc is exhausted are skipped: the worst
    /// case is an ordinary challenge.
    ///
    /// This sends a cached realm's answer to wherever the request goes; when
    /// that matters (a registrar's realm on a call to another domain), use
    /// `authorizationForNextRequest(_:realm:kind:)` for the realms wanted.
    public mutating func authorizationsForNextRequest(_ request: DigestRequest) -> [DigestAuthorization] {
        // Proxy realms first, then by realm: a stable order for callers and tests.
        let order = { (space: ProtectionSpace) in (space.kind == .proxy ? 0 : 1, space.realm) }
        return nonces.keys.sorted { order($0) < order($1) }
            .compactMap { authorizationForNextRequest(request, realm: $0.realm, kind: $0.kind) }
    }

    /// An authorization for a new request to one realm from its cached nonce,
    /// or nil when nothing is cached for it.
    public mutating func authorizationForNextRequest(
        _ request: DigestRequest, realm: String, kind: DigestChallengeKind
    ) -> DigestAuthorization? {
        let space = ProtectionSpace(kind: kind, realm: realm)
        guard var cached = nonces[space], cached.lastNonceCount < .max,
              let credentials = credentials.credentials(forRealm: realm),
              let authorization = try? authorize(&cached, kind: kind, credentials: credentials,
                                                 request: request, origin: .reusedNonce) else { return nil }
        nonces[space] = cached
        return authorization
    }

    /// The nc the next use of the realm's cached nonce would carry; nil when
    /// nothing is cached or the count is exhausted.
    public func nextNonceCount(realm: String, kind: DigestChallengeKind) -> UInt32? {
        guard let cached = nonces[ProtectionSpace(kind: kind, realm: realm)],
              cached.lastNonceCount < .max else { return nil }
        return cached.lastNonceCount + 1
    }

    /// Drops the cached nonce for one realm (e.g. after the account changed).
    public mutating func forgetNonce(realm: String, kind: DigestChallengeKind) {
        nonces[ProtectionSpace(kind: kind, realm: realm)] = nil
    }

    /// Drops every cached nonce.
    public mutating func forgetAllNonces() { nonces = [:] }

    /// Counts one more use of `cached` and computes the header for it.
    private mutating func authorize(
        _ cached: inout CachedNonce, kind: DigestChallengeKind, credentials: DigestCredentials,
        request: DigestRequest, origin: DigestAuthorization.Origin
    ) throws(DigestAuthenticationError) -> DigestAuthorization {
        let nonceCount = cached.lastNonceCount + 1
        let cnonce: String
        if cached.challenge.algorithm.isSessionVariant {
            cnonce = cached.sessionCnonce ?? makeCnonce()
            cached.sessionCnonce = cnonce
        } else {
            cnonce = makeCnonce()
        }
        let authorization = try DigestAuthorization.answering(
            cached.challenge, kind: kind, credentials: credentials, request: request,
            nonceCount: nonceCount, cnonce: cnonce, origin: origin)
        cached.lastNonceCount = nonceCount
        return authorization
    }

    /// 128 random bits as 32 hex digits: unguessable, and token characters
    /// only, so no quoting or escaping question arises.
    private mutating func makeCnonce() -> String {
        let words = [randomSource.next(), randomSource.next()] as [UInt64]
        return words.flatMap(SHA512Compression.bigEndianBytes).lowercaseHex
    }
}

extension DigestAuthenticator: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        let cached = nonces.keys.map { "\($0.kind) \(DigestParseError.printable($0.realm))" }.sorted()
        return "DigestAuthenticator(credentials: \(credentials), cached nonces: [\(cached.joined(separator: ", "))])"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["credentials": credentials, "cachedNonceCount": nonces.count])
    }
}
