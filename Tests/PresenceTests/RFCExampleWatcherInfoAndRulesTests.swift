import Foundation
import Testing
@testable import Presence

@Suite("RFC example documents: watcherinfo and pres-rules")
struct RFCExampleWatcherInfoAndRulesTests {
    @Test("RFC 3858: an active and a pending watcher of a presence resource")
    func watcherInfo() throws {
        let document = try #require(WatcherInfoReader.read(PresenceFixtures.bytes("rfc3858-example.xml")).document)
        #expect(document.version == 0)
        #expect(document.state == .full)
        let list = try #require(document.watcherLists.first)
        #expect(list.resource == "sip:professor@example.net")
        #expect(list.package == "presence")
        #expect(list.watchers == [
            Watcher(uri: "sip:userA@example.net", id: "8ajksjda7s", status: .active, event: "approved",
                    durationSubscribed: 509),
            Watcher(uri: "sip:userB@example.org", id: "hh8juja87s997-ass7", status: .pending, event: "subscribe",
                    displayName: "Mr. Subscriber"),
        ])
    }

    @Test("RFC 5025: one rule allowing one watcher, with its transformations")
    func presRules() throws {
        let ruleset = try #require(PresRulesReader.read(PresenceFixtures.bytes("rfc5025-example.xml")).document)
        #expect(ruleset.rules == [PresRule(
            id: "a",
            conditions: PresRuleConditions(identity: [.one(id: "sip:user@example.com")]),
            subHandling: .allow,
            transformations: PresRuleTransformations(
                provideServices: .some([.serviceURIScheme("sip"), .serviceURIScheme("mailto")]),
                providePersons: .all,
                providedAttributes: [
                    ProvidedAttribute(element: "provide-activities", value: "true"),
                    ProvidedAttribute(element: "provide-user-input", value: "bare"),
                    ProvidedAttribute(element: "provide-unknown-attribute", value: "true",
                                      namespace: "urn:vendor-specific:foo-namespace", name: "foo"),
                ]))])
    }

    @Test("pres-rules: many with exceptions, sphere, validity and every sub-handling")
    func commonPolicyConditions() throws {
        let text = """
        <ruleset xmlns="urn:ietf:params:xml:ns:common-policy" xmlns:pr="urn:ietf:params:xml:ns:pres-rules">
          <rule id="r1"><conditions><identity><many domain="example.com"><except id="sip:eve@example.com"/>
            <except domain="bad.example.com"/></many></identity><sphere value="work"/>
            <validity><from>2026-01-01T00:00:00Z</from><until>2026-12-31T00:00:00Z</until></validity></conditions>
            <actions><pr:sub-handling>polite-block</pr:sub-handling></actions><transformations/></rule>
          <rule id="r2"><conditions/><actions><pr:sub-handling>confirm</pr:sub-handling></actions></rule>
          <rule id="r3"><conditions><identity><many/></identity></conditions>
            <actions><pr:sub-handling>block</pr:sub-handling></actions></rule>
        </ruleset>
        """
        let ruleset = try #require(PresRulesReader.read(text).document)
        #expect(ruleset.rules.map(\.subHandling) == [.politeBlock, .confirm, .block])
        #expect(ruleset.rules[0].conditions == PresRuleConditions(
            identity: [.many(domain: "example.com", except: [.id("sip:eve@example.com"), .domain("bad.example.com")])],
            sphere: "work",
            validity: [ValidityInterval(from: XMLDateTime(text: "2026-01-01T00:00:00Z"),
                                        until: XMLDateTime(text: "2026-12-31T00:00:00Z"))]))
        #expect(ruleset.rules[1].conditions.identity == nil, "no identity condition matches everyone")
        #expect(ruleset.rules[2].conditions.identity == [.many(domain: nil, except: [])])
    }
}
