import Foundation
import Testing
@testable import Presence

@Suite("Inspecting a presence body")
struct PresenceInspectorTests {
    static let now = instant("2005-05-30T10:00:00Z")

    @Test("every example is recognised by its root", arguments: [
        ("rfc4480-example.xml", PresenceInspection.Kind.pidf, PresenceInspection.Verdict.valid),
        ("rfc3863-example-must-understand.xml", .pidf, .notUnderstood),
        ("rfc4235-example-sample-body.xml", .dialogInfo, .valid),
        ("rfc3858-example.xml", .watcherInfo, .valid),
        ("rfc5025-example.xml", .presRules, .valid),
    ])
    func kinds(file: String, kind: PresenceInspection.Kind, verdict: PresenceInspection.Verdict) throws {
        let inspection = PresenceInspector.inspect(try PresenceFixtures.bytes(file), now: Self.now)
        #expect(inspection.kind == kind)
        #expect(inspection.verdict == verdict)
    }

    @Test("the text summary of the RPID example")
    func pidfText() throws {
        let inspection = PresenceInspector.inspect(try PresenceFixtures.bytes("rfc4480-example.xml"), now: Self.now)
        let text = inspection.text
        #expect(text.hasPrefix("pidf: valid\n"))
        for line in ["entity: pres:someone@example.com", "availability: away", "activities: away", "note: Scoring 120",
                     "place: residence", "mood: angry, brooding", "idle since: 2004-10-21T13:20:00-05:00",
                     "tuple bs35r9: open contact im:someone@mobile.example.net priority 0.8", "1 person(s), 1 device(s)"] {
            #expect(text.contains("  \(line)\n"), "missing line: \(line)")
        }
    }

    @Test("BLF and watchers in words")
    func otherText() throws {
        let dialog = PresenceInspector.inspect(try PresenceFixtures.bytes("dialog-info-terminated-rejected.xml")).text
        #expect(dialog.contains("line: call ended (rejected 486)"))
        #expect(dialog.contains("dialog as7d900as8: terminated (initiator)"))
        let watchers = PresenceInspector.inspect(try PresenceFixtures.bytes("rfc3858-example.xml")).text
        #expect(watchers.contains("Mr. Subscriber <sip:userB@example.org> pending (subscribe)"))
        let rules = PresenceInspector.inspect(try PresenceFixtures.bytes("rfc5025-example.xml")).text
        #expect(rules.contains("rule a: allow for sip:user@example.com"))
    }

    @Test("problems are reported, not thrown")
    func problems() throws {
        let notUnderstood = PresenceInspector.inspect(try PresenceFixtures.bytes("rfc3863-example-must-understand.xml"))
        #expect(notUnderstood.problems.count == 1)
        #expect(notUnderstood.status == nil, "a not-understood document gets no status")
        #expect(notUnderstood.pidf != nil, "but what could be read is shown")
        let empty = PresenceInspector.inspect([UInt8]())
        #expect(empty.verdict == .noDocument)
        let broken = PresenceInspector.inspect(Array("<presence xmlns=\"urn:ietf:params:xml:ns:pidf\"><tuple>".utf8))
        #expect(broken.verdict == .malformed)
        #expect(broken.text.contains("problem: not well-formed XML"))
        let other = PresenceInspector.inspect(Array("<html/>".utf8))
        #expect(other.error == .wrongRoot(expected: "presence, dialog-info, watcherinfo or ruleset", found: "html"))
    }

    @Test("JSON is stable and decodes back to the same inspection")
    func json() throws {
        let inspection = PresenceInspector.inspect(try PresenceFixtures.bytes("rfc4480-example.xml"), now: Self.now)
        let json = inspection.json()
        #expect(json.contains("\"verdict\" : \"valid\""))
        #expect(json.contains("\"kind\" : \"pidf\""))
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let decoded = try decoder.decode(PresenceInspection.self, from: Data(json.utf8))
        #expect(decoded == inspection)
        #expect(json == inspection.json(), "same input, same bytes")
    }
}
