/// Allowing or blocking one watcher in a pres-rules document, the way
/// `switchboard watcher allow|block` edits the rules on the server.
///
/// RFC 4745 §10 combines every matching rule and takes the most permissive
/// `sub-handling` (RFC 5025 §3.2.1: block < confirm < polite-block < allow),
/// while some servers (Kamailio's presence_xml) use the first rule that
/// matches. The edit gives the same answer under both readings:
/// - the watcher is named in exactly one of two rules of ours, the
///   `switchboard-allow` rule or the `switchboard-block` rule, and both sit
///   at the top of the ruleset;
/// - the watcher is taken out of every other `<one>` that would decide
///   for it, and when blocked, excepted (`<except id>`) from every `<many>`
///   rule that would let it in.
/// Rules the user wrote elsewhere are otherwise kept as they were.
extension PresRuleset {
    public static let allowRuleID = "switchboard-allow"
    public static let blockRuleID = "switchboard-block"

    /// The ruleset with `watcher` (a URI, compared exactly) allowed or blocked.
    public func setting(_ decision: WatcherDecision, for watcher: String) -> PresRuleset {
        var others = rules.filter { $0.id != Self.allowRuleID && $0.id != Self.blockRuleID }
        var allowed = ids(inRule: Self.allowRuleID).filter { $0 != watcher }
        var blocked = ids(inRule: Self.blockRuleID).filter { $0 != watcher }
        switch decision {
        case .allow: allowed.append(watcher)
        case .block: blocked.append(watcher)
        }
        others = others.compactMap { $0.removingOne(watcher) }
        if decision == .block {
            others = others.map { $0.excepting(watcher) }
        }
        var ours: [PresRule] = []
        if !allowed.isEmpty {
            ours.append(PresRule(id: Self.allowRuleID, conditions: PresRuleConditions(identity: allowed.map { .one(id: $0) }),
                                 subHandling: .allow, transformations: .everything))
        }
        if !blocked.isEmpty {
            ours.append(PresRule(id: Self.blockRuleID, conditions: PresRuleConditions(identity: blocked.map { .one(id: $0) }),
                                 subHandling: .block))
        }
        return PresRuleset(rules: ours + others)
    }

    /// What the rules say about `watcher` when read as RFC 4745 says
    /// (most permissive match wins); nil when no rule matches.
    public func decision(for watcher: String) -> SubHandling? {
        let matching = rules.filter { $0.matches(watcher) }.compactMap(\.subHandling)
        return matching.max { $0.permissiveness < $1.permissiveness }
    }

    private func ids(inRule id: String) -> [String] {
        guard let rule = rules.first(where: { $0.id == id }) else { return [] }
        return (rule.conditions.identity ?? []).compactMap {
            if case .one(let id) = $0 { return id }
            return nil
        }
    }
}

public enum WatcherDecision: String, Sendable, Hashable, CaseIterable {
    case allow, block
}

extension SubHandling {
    /// RFC 5025 §3.2.1: the values are ordered block (0), confirm (1),
    /// polite-block (2), allow (3) for combining.
    var permissiveness: Int {
        switch self {
        case .block: return 0
        case .confirm: return 1
        case .politeBlock: return 2
        case .allow: return 3
        }
    }
}

extension PresRule {
    /// RFC 4745 §7.1.1 identity matching on the watcher's URI (`sip:user@domain`).
    /// Sphere and validity are not evaluated here (we cannot know the sphere,
    /// and the edit does not depend on time).
    func matches(_ watcher: String) -> Bool {
        guard let identity = conditions.identity else { return true }
        let domain = watcher.split(separator: "@").last.map { String($0).lowercased() }
        return identity.contains { condition in
            switch condition {
            case .one(let id): return id == watcher
            case .many(let manyDomain, let except):
                if let manyDomain, manyDomain.lowercased() != domain { return false }
                return !except.contains { exception in
                    switch exception {
                    case .id(let id): return id == watcher
                    case .domain(let excepted): return excepted.lowercased() == domain
                    }
                }
            }
        }
    }

    /// The rule without `<one id="watcher">`; nil when that was its only
    /// identity (a rule left with an empty identity would match nobody, RFC
    /// 4745 §7.1.1, and is noise).
    func removingOne(_ watcher: String) -> PresRule? {
        guard var identity = conditions.identity, identity.contains(.one(id: watcher)) else { return self }
        identity.removeAll { $0 == .one(id: watcher) }
        if identity.isEmpty { return nil }
        var copy = self
        copy.conditions.identity = identity
        return copy
    }

    /// The rule with `watcher` excepted from every `<many>` that matches it,
    /// when the rule would let it in (anything but block). A rule without an
    /// identity condition matches everyone; it becomes `<many>` (every
    /// authenticated watcher, RFC 4745 §7.1.1) with the exception, since an
    /// exception needs a `<many>` to live in.
    func excepting(_ watcher: String) -> PresRule {
        guard subHandling != .block else { return self }
        guard let identity = conditions.identity else {
            var copy = self
            copy.conditions.identity = [.many(domain: nil, except: [.id(watcher)])]
            return copy
        }
        let domain = watcher.split(separator: "@").last.map { String($0).lowercased() }
        var copy = self
        copy.conditions.identity = identity.map { condition in
            guard case .many(let manyDomain, var except) = condition,
                  manyDomain == nil || manyDomain?.lowercased() == domain,
                  !except.contains(.id(watcher)) else { return condition }
            except.append(.id(watcher))
            return .many(domain: manyDomain, except: except)
        }
        return copy
    }
}
