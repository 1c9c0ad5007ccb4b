// Choosing among several challenges. A 401/407 may carry one header field per
// algorithm for the same realm (RFC 8760), one per realm when a forking
// proxy merged responses (RFC 3261 §22.3), and other schemes (Basic, Bearer).

extension DigestChallenge {
    /// Parses every header value, keeping failures so a caller can report why
    /// nothing was usable.
    public static func parseAll(_ headerValues: [String]) -> [Result<DigestChallenge, DigestParseError>] {
        headerValues.map { value in Result { () throws(DigestParseError) in try DigestChallenge(parsing: value) } }
    }

    /// The challenge to answer among several header values: non-Digest schemes,
    /// unsupported algorithms and malformed values are skipped; the strongest
    /// algorithm wins (SHA-512-256 > SHA-256 > MD5); ties go to the first.
    /// Nil when no value is a usable Digest challenge.
    public static func best(among headerValues: [String]) -> DigestChallenge? {
        best(among: parseAll(headerValues).compactMap { try? $0.get() })
    }

    /// The strongest of already-parsed challenges; ties go to the first.
    public static func best(among challenges: [DigestChallenge]) -> DigestChallenge? {
        var chosen: DigestChallenge?
        for challenge in challenges where challenge.algorithm.strength > (chosen?.algorithm.strength ?? 0) {
            chosen = challenge
        }
        return chosen
    }

    /// The best challenge for each realm, in order of each realm's first
    /// appearance: a UAC answers every realm it was challenged for.
    public static func bestPerRealm(among challenges: [DigestChallenge]) -> [DigestChallenge] {
        var realms: [String] = []
        var byRealm: [String: [DigestChallenge]] = [:]
        for challenge in challenges {
            if byRealm[challenge.realm] == nil { realms.append(challenge.realm) }
            byRealm[challenge.realm, default: []].append(challenge)
        }
        return realms.compactMap { best(among: byRealm[$0] ?? []) }
    }
}
