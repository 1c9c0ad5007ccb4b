import Presence
import Testing

/// `switchboard watcher allow|block` edits: the decision holds whether the
/// server combines rules (RFC 4745) or takes the first match (Kamailio).
@Suite struct PresRulesEditingTests {
    let bob = "sip:bob@example.test", carol = "sip:carol@example.test"

    /// The first matching rule's sub-handling, as Kamailio's presence_xml reads it.
    func firstMatch(_ ruleset: PresRuleset, _ watcher: String) -> SubHandling? {
        let text = PresRulesWriter.write(ruleset)
        guard case .document(let reread) = try? PresRulesReader.read(text) else { return nil }
        #expect(reread == ruleset, "the edited rules survive writing and reading")
        return reread.rules.first { rule in
            guard let identity = rule.conditions.identity else { return true }
            return identity.contains {
                switch $0 {
                case .one(let id): return id == watcher
                case .many(let domain, let except):
                    return (domain == nil || watcher.hasSuffix("@" + domain!)) && !except.contains(.id(watcher))
                }
            }
        }?.subHandling
    }

    @Test func allowAndBlockOnAnEmptyDocument() {
        let rules = PresRuleset().setting(.allow, for: bob).setting(.block, for: carol)
        #expect(rules.rules.map(\.id) == ["switchboard-allow", "switchboard-block"])
        #expect(rules.decision(for: bob) == .allow)
        #expect(rules.decision(for: carol) == .block)
        #expect(rules.decision(for: "sip:dave@example.test") == nil)
        #expect(firstMatch(rules, bob) == .allow)
        #expect(firstMatch(rules, carol) == .block)
    }

    @Test func changingOnesMindMovesTheWatcher() {
        let rules = PresRuleset().setting(.allow, for: bob).setting(.allow, for: carol).setting(.block, for: bob)
        #expect(rules.decision(for: bob) == .block)
        #expect(rules.decision(for: carol) == .allow)
        let again = rules.setting(.allow, for: bob)
        #expect(again.decision(for: bob) == .allow)
        #expect(again.rules.map(\.id) == ["switchboard-allow"], "an empty block rule is dropped")
        #expect(again.setting(.allow, for: bob) == again, "idempotent")
    }

    @Test func blockingOverridesTheUsersOwnAllowRules() {
        let own = PresRuleset(rules: [
            PresRule(id: "friends", conditions: PresRuleConditions(identity: [.one(id: carol), .one(id: "sip:erin@x")]),
                     subHandling: .allow),
            PresRule(id: "domain", conditions: PresRuleConditions(identity: [.many(domain: "example.test", except: [])]),
                     subHandling: .confirm),
            PresRule(id: "everyone", subHandling: .politeBlock),
        ])
        let rules = own.setting(.block, for: carol)
        #expect(rules.decision(for: carol) == .block)
        #expect(firstMatch(rules, carol) == .block)
        #expect(rules.decision(for: "sip:erin@x") == .allow, "other watchers keep their rules")
        #expect(rules.decision(for: bob) == .politeBlock, "the rest still fall to the user's rules (most permissive)")
        let friends = rules.rules.first { $0.id == "friends" }
        #expect(friends?.conditions.identity == [.one(id: "sip:erin@x")])
    }

    @Test func allowingOverridesTheUsersOwnBlockRules() {
        let own = PresRuleset(rules: [
            PresRule(id: "nope", conditions: PresRuleConditions(identity: [.one(id: bob)]), subHandling: .block),
            PresRule(id: "strangers", conditions: PresRuleConditions(identity: [.many(domain: nil, except: [])]),
                     subHandling: .block),
        ])
        let rules = own.setting(.allow, for: bob)
        #expect(rules.decision(for: bob) == .allow)
        #expect(firstMatch(rules, bob) == .allow)
        #expect(!rules.rules.contains { $0.id == "nope" }, "a rule left without identities is removed")
        #expect(rules.decision(for: carol) == .block)
    }
}
