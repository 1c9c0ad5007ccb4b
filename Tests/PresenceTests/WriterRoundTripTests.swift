import Foundation
import Testing
@testable import Presence

/// What the writers produce reads back to the value written.
@Suite("Writers: round trips")
struct WriterRoundTripTests {
    static func pidfRoundTrip(_ document: PIDFDocument, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let written = PIDFWriter.write(document)
        let reading = try PIDFReader.read(written)
        #expect(reading == .document(document), "written as:\n\(written)", sourceLocation: sourceLocation)
    }

    @Test("every PIDF example: read, write, read gives the same value")
    func rfcExamples() throws {
        for name in try PresenceFixtures.pidfFiles {
            let reading = try PIDFReader.read(PresenceFixtures.bytes(name))
            switch reading {
            case .document(let document):
                try Self.pidfRoundTrip(document)
            case .notUnderstood(_, let partial):
                // What we could read is written without the element we did not understand.
                try Self.pidfRoundTrip(partial)
            case .noDocument:
                Issue.record("\(name) is empty")
            }
        }
    }

    /// The document we publish about ourselves: RPID, timed-status and location.
    static let published = PIDFDocument(
        entity: "sip:alice@example.com",
        tuples: [
            PresenceTuple(id: "sb-1", basic: .open, contact: PresenceContact(uri: "sip:alice@192.0.2.7;transport=tcp", priority: 0.8),
                          notes: [LocalizedNote("Desk phone", language: "en")],
                          timestamp: XMLDateTime(Date(timeIntervalSince1970: 1_800_000_000)),
                          deviceIDs: ["urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6"], rpidClass: "softphone",
                          statusIcon: "https://example.com/icon.png",
                          userInput: UserInput(.active),
                          timedStatuses: [TimedStatus(from: XMLDateTime(text: "2027-01-10T08:00:00Z"),
                                                      until: XMLDateTime(text: "2027-01-20T18:00:00Z"), basic: .closed,
                                                      notes: [LocalizedNote("Holiday", language: "en")])],
                          location: GeoprivLocation(
                              shapes: [.point(GeoPoint(latitude: 52.5163, longitude: 13.3777, altitude: 34.5)),
                                       .circle(center: GeoPoint(latitude: -33.8688, longitude: 151.2093), radiusMeters: 120.5)],
                              usageRules: UsageRules(retransmissionAllowed: false,
                                                     retentionExpiry: XMLDateTime(text: "2027-01-01T00:00:00Z"),
                                                     rulesetReference: "https://xcap.example.com/rules", noteWell: "Do not share"),
                              method: "GPS")),
            PresenceTuple(id: "sb-2", basic: .closed, imStatus: "away"),
        ],
        persons: [PresencePerson(
            id: "me",
            activities: RPIDActivities([.onThePhone, .meeting, .other("Writing <RFCs> & \"tests\"")],
                                       from: XMLDateTime(text: "2026-11-21T09:00:00Z"), until: XMLDateTime(text: "2026-11-21T10:00:00Z"),
                                       notes: [LocalizedNote("Standup", language: "en"), LocalizedNote("Réunion", language: "fr")]),
            mood: RPIDMood(["happy", "in_love"], other: "curious", notes: [LocalizedNote("😀")]),
            placeType: RPIDPlaceType(["office", "residence"], other: "lab"),
            privacy: RPIDPrivacy(["audio", "text"]),
            sphere: "work", rpidClass: "work", userInput: UserInput(.idle, idleThreshold: 300, lastInput: XMLDateTime(text: "2026-11-21T08:55:00Z")),
            timeOffset: TimeOffset(minutes: 60, description: "Europe/Berlin"), statusIcon: "https://example.com/me.png",
            notes: [LocalizedNote("In a call until ten", language: "en"), LocalizedNote("Im Gespräch bis zehn", language: "de"),
                    LocalizedNote("line one\r\nline two\ttabbed 王小明")],
            timestamp: XMLDateTime(text: "2026-11-21T09:01:00Z"),
            timedStatuses: [TimedStatus(from: XMLDateTime(text: "2026-12-24T00:00:00Z"), activities: [.holiday, .travel])],
            location: GeoprivLocation(civicAddress: CivicAddress([
                .init("country", "DE"), .init("A1", "Berlin"), .init("A3", "Berlin"), .init("RD", "Pariser Platz"),
                .init("HNO", "1"), .init("PC", "10117"), .init("NAM", "Café \"Quartier\""),
            ]), usageRules: UsageRules(retransmissionAllowed: true)))],
        devices: [PresenceDevice(id: "pc", deviceID: "urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6",
                                 userInput: UserInput(.idle, idleThreshold: 600), rpidClass: "desktop",
                                 notes: [LocalizedNote("Laptop")], timestamp: XMLDateTime(text: "2026-11-21T09:00:00Z"),
                                 location: GeoprivLocation(civicAddress: CivicAddress([.init("country", "US")], usesRFC4119Namespace: true)))],
        notes: [LocalizedNote("Ask me about presence", language: "en")])

    @Test("the document we publish, with every element we write, round trips")
    func published() throws {
        try Self.pidfRoundTrip(Self.published)
    }

    @Test("the writer declares the namespaces it uses, and only those")
    func namespaces() {
        let minimal = PIDFWriter.write(PIDFDocument(entity: "sip:a@example.com",
                                                    tuples: [PresenceTuple(id: "t", basic: .open)]))
        #expect(minimal.contains("xmlns=\"urn:ietf:params:xml:ns:pidf\""))
        #expect(!minimal.contains("xmlns:rpid"))
        #expect(!minimal.contains("xmlns:gp"))
        let full = PIDFWriter.write(Self.published)
        for prefix in ["dm", "rpid", "lt", "ts", "im", "gp", "gbp", "gml", "gs", "ca", "cl"] {
            #expect(full.contains("xmlns:\(prefix)="), "\(prefix) is used and must be declared")
        }
        #expect(full.contains("<rpid:on-the-phone/>"))
        #expect(full.contains("<ts:basic>closed</ts:basic>"), "RFC 4481 §4 qualifies basic inside timed-status")
        #expect(full.contains("<gml:pos>52.5163 13.3777 34.5</gml:pos>"))
        #expect(full.contains("srsName=\"urn:ogc:def:crs:EPSG::4979\""), "3-D points default to EPSG 4979 (RFC 5491 §5.1)")
        #expect(full.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<presence "))
    }

    @Test("characters XML cannot carry are dropped, not written")
    func controlCharacters() throws {
        let document = PIDFDocument(entity: "sip:a@example.com", notes: [LocalizedNote("bell\u{7}here")])
        let written = PIDFWriter.write(document)
        #expect(try PIDFReader.read(written).document?.notes == [LocalizedNote("bellhere")])
    }

    @Test("pres-rules: the RFC 5025 example round trips")
    func presRulesExample() throws {
        let ruleset = try #require(PresRulesReader.read(PresenceFixtures.bytes("rfc5025-example.xml")).document)
        #expect(try PresRulesReader.read(PresRulesWriter.write(ruleset)) == .document(ruleset))
    }

    @Test("pres-rules: allow and block watchers, every selector, round trips")
    func presRulesWritten() throws {
        let ruleset = PresRuleset(rules: [
            PresRule(id: "allow-bob", conditions: PresRuleConditions(identity: [.one(id: "sip:bob@example.com")]),
                     subHandling: .allow, transformations: .everything),
            PresRule(id: "block-eve", conditions: PresRuleConditions(identity: [.one(id: "sip:eve@example.com"),
                                                                                 .one(id: "sip:mallory@example.com")]),
                     subHandling: .block),
            PresRule(id: "polite", conditions: PresRuleConditions(identity: [.many(domain: "spam.example", except: [.id("sip:ok@spam.example")])]),
                     subHandling: .politeBlock),
            PresRule(id: "ask", conditions: PresRuleConditions(identity: [.many(domain: nil, except: [.domain("example.com")])],
                                                               sphere: "work",
                                                               validity: [ValidityInterval(from: XMLDateTime(text: "2026-01-01T00:00:00Z"),
                                                                                           until: XMLDateTime(text: "2027-01-01T00:00:00Z"))]),
                     subHandling: .confirm,
                     transformations: PresRuleTransformations(
                        provideServices: .some([.serviceURI("sip:alice@example.com"), .serviceURIScheme("tel"),
                                                .occurrenceID("sb-1"), .serviceClass("work")]),
                        providePersons: .some([.occurrenceID("me"), .personClass("friends")]),
                        provideDevices: .some([.deviceID("urn:uuid:1"), .occurrenceID("pc"), .deviceClass("desk")]),
                        providedAttributes: [ProvidedAttribute(element: "provide-activities", value: "true")])),
            PresRule(id: "empty"),
        ])
        let written = PresRulesWriter.write(ruleset)
        #expect(written.contains("<pr:sub-handling>polite-block</pr:sub-handling>"))
        #expect(written.contains("<cr:one id=\"sip:eve@example.com\"/>"))
        #expect(try PresRulesReader.read(written) == .document(ruleset))
    }
}
