import Foundation
import Testing
@testable import Presence

/// The issue's leniency rules: match by namespace, skip the unknown, keep
/// what can be read, honour mustUnderstand, and read empty bodies as "no document".
@Suite("Lenient reading")
struct LenientReaderTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("any prefix works; namespaces are matched by URI")
    func oddPrefixes() throws {
        let text = """
        <x:presence xmlns:x="urn:ietf:params:xml:ns:pidf" xmlns:zz="urn:ietf:params:xml:ns:pidf:data-model"
            entity="sip:bob@example.com">
          <x:tuple id="a"><x:status><x:basic>open</x:basic></x:status></x:tuple>
          <zz:person id="p"><q:activities xmlns:q="urn:ietf:params:xml:ns:pidf:rpid"><q:busy/></q:activities>
            <zz:note xml:lang="en">In a meeting</zz:note></zz:person>
        </x:presence>
        """
        let document = try #require(PIDFReader.read(text).document)
        #expect(document.persons.first?.activities?.activities == [.busy])
        #expect(PresenceInterpreter().status(of: document, now: Self.now).availability == .busy)
    }

    @Test("a prefix that names the wrong namespace is not PIDF")
    func prefixIsNotTheNamespace() throws {
        let text = """
        <presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:rpid="urn:example:not-rpid" entity="sip:b@example.com">
          <tuple id="a"><status><basic>open</basic></status></tuple>
          <dm:person xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" id="p"><rpid:activities><rpid:busy/></rpid:activities></dm:person>
        </presence>
        """
        let document = try #require(PIDFReader.read(text).document)
        #expect(document.persons.first?.activities == nil)
        #expect(PresenceInterpreter().status(of: document, now: Self.now).availability == .available)
    }

    @Test("unknown elements and namespaces are skipped wherever they are")
    func unknownsSkipped() throws {
        let plain = """
        <presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:b@example.com">
          <tuple id="a"><status><basic>open</basic></status><contact priority="0.5">sip:b@192.0.2.1</contact></tuple>
        </presence>
        """
        let noisy = """
        <presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:v="urn:vendor:x" entity="sip:b@example.com">
          <v:banner>hello</v:banner>
          <tuple id="a" v:flag="1"><v:caps><v:audio/></v:caps><status><basic>open</basic><v:mood>ok</v:mood></status>
            <contact priority="0.5">sip:b@192.0.2.1</contact><v:extra/></tuple>
          <unknownInPidfNamespace/>
        </presence>
        """
        #expect(try PIDFReader.read(noisy) == PIDFReader.read(plain))
    }

    @Test("a document without any namespace is read as PIDF (some servers send it)")
    func noNamespace() throws {
        let text = "<presence entity=\"sip:b@example.com\"><tuple id=\"t\"><status><basic>closed</basic></status></tuple></presence>"
        let document = try #require(PIDFReader.read(text).document)
        #expect(document.tuples.first?.basic == .closed)
        let dialog = "<dialog-info version=\"3\" entity=\"sip:b@example.com\"><dialog id=\"d\"><state>confirmed</state></dialog></dialog-info>"
        #expect(try DialogInfoReader.read(dialog).document?.dialogs.first?.state == .confirmed)
    }

    @Test("timed-status: <ts:basic> as RFC 4481 writes it, or a PIDF <basic>; neither is the tuple's status")
    func timedStatusBasicEitherNamespace() throws {
        func read(_ basic: String) throws -> PresenceTuple? {
            try PIDFReader.read("""
            <presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:ts="urn:ietf:params:xml:ns:pidf:timed-status"
                entity="sip:b@example.com">
              <tuple id="t"><status><basic>open</basic></status>
                <ts:timed-status from="2027-01-04T09:00:00Z" until="2027-01-08T17:00:00Z">\(basic)</ts:timed-status>
              </tuple>
            </presence>
            """).document?.tuples.first
        }
        for basic in ["<ts:basic>closed</ts:basic>", "<basic>closed</basic>"] {
            let tuple = try #require(try read(basic))
            #expect(tuple.basic == .open, "\(basic)")
            #expect(tuple.timedStatuses.map(\.basic) == [.closed], "\(basic)")
        }
        let foreign = try #require(try read("<x:basic xmlns:x=\"urn:example:x\">closed</x:basic>"))
        #expect(foreign.timedStatuses.map(\.basic) == [nil], "another namespace's basic is not a status")
    }

    @Test("a namespace name that is not a valid URI is libxml2's warning, not a malformed document",
          arguments: [" urn:ietf:params:xml:ns:pidf:rpid", "vendor-extensions", "urn:with space"])
    func oddNamespaceNames(namespace: String) throws {
        let text = """
        <presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:r="\(namespace)" entity="sip:b@example.com">
          <tuple id="a"><status><basic>open</basic></status></tuple>
          <r:thing/>
        </presence>
        """
        let document = try #require(PIDFReader.read(text).document)
        #expect(document.tuples.map(\.basic) == [.open])
    }

    @Test("several tuples: contacts by priority, open tuples decide, closed ones are kept")
    func severalTuples() throws {
        let text = """
        <presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:b@example.com">
          <tuple id="desk"><status><basic>closed</basic></status><contact priority="1.0">sip:b@desk</contact></tuple>
          <tuple id="mobile"><status><basic>open</basic></status><contact priority="0.7">sip:b@mobile</contact>
            <note>on my mobile</note></tuple>
          <tuple id="pc"><status><basic>open</basic></status><contact>sip:b@pc</contact></tuple>
          <tuple id="bad"><status><basic>open</basic></status><contact priority="7">sip:b@bad</contact></tuple>
        </presence>
        """
        let document = try #require(PIDFReader.read(text).document)
        #expect(document.tuples.last?.contact?.priority == nil, "a priority above 1 is no priority")
        let status = PresenceInterpreter().status(of: document, now: Self.now)
        #expect(status.availability == .available)
        #expect(status.contacts.map(\.tupleID) == ["desk", "mobile", "pc", "bad"])
        #expect(status.contacts.first?.basic == .closed)
        #expect(status.note?.text == "on my mobile", "the note of the best open tuple")
    }

    @Test("values are read leniently: case, white space, bad values dropped")
    func lenientValues() throws {
        let text = """
        <presence xmlns="urn:ietf:params:xml:ns:pidf" entity=" sip:b@example.com ">
          <tuple id="a"><status><basic> OPEN </basic></status><timestamp>yesterday</timestamp></tuple>
          <tuple id="b"><status><basic>maybe</basic></status></tuple>
          <tuple><status><basic>open</basic></status></tuple>
        </presence>
        """
        let document = try #require(PIDFReader.read(text).document)
        #expect(document.entity == "sip:b@example.com")
        #expect(document.tuples.map(\.basic) == [.open, nil, .open])
        #expect(document.tuples[0].timestamp == XMLDateTime(text: "yesterday"))
        #expect(document.tuples[0].timestamp?.date == nil)
        #expect(document.tuples[2].id == "")
    }

    @Test("mustUnderstand on an unknown element flags the document, however it is spelled",
          arguments: ["mustUnderstand=\"true\"", "mustUnderstand=\"1\"", "p:mustUnderstand=\"true\"",
                      "zz:mustUnderstand=\" 1 \""])
    func mustUnderstandFlags(attribute: String) throws {
        let text = """
        <p:presence xmlns:p="urn:ietf:params:xml:ns:pidf" xmlns:zz="urn:ietf:params:xml:ns:pidf"
            xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" entity="sip:b@example.com">
          <p:tuple id="a"><p:status><p:basic>open</p:basic></p:status></p:tuple>
          <dm:person id="me"><v:secret xmlns:v="urn:vendor:x" \(attribute)>x</v:secret></dm:person>
        </p:presence>
        """
        let reading = try PIDFReader.read(text)
        guard case .notUnderstood(let reasons, let partial) = reading else {
            Issue.record("expected notUnderstood, got \(reading)")
            return
        }
        #expect(reasons == ["{urn:vendor:x}secret in person \"me\" is marked mustUnderstand"])
        #expect(partial.tuples.count == 1)
        #expect(reading.document == nil, "never available as a normal document")
        #expect(PresenceInterpreter().interpret(reading, now: Self.now).status == nil)
    }

    @Test("mustUnderstand false, or on an element we understand, is fine",
          arguments: ["<v:x xmlns:v=\"urn:vendor:x\" mustUnderstand=\"false\"/>",
                      "<v:x xmlns:v=\"urn:vendor:x\" mustUnderstand=\"0\"/>",
                      "<rpid:activities xmlns:rpid=\"urn:ietf:params:xml:ns:pidf:rpid\" mustUnderstand=\"true\"><rpid:busy/></rpid:activities>"])
    func mustUnderstandHarmless(element: String) throws {
        let text = """
        <presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" entity="sip:b@example.com">
          <dm:person id="me">\(element)</dm:person>
        </presence>
        """
        #expect(try PIDFReader.read(text).document != nil)
    }

    @Test("empty bodies are no document, for every reader",
          arguments: ["", "   \r\n\t", "\u{FEFF}", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", "<!-- nothing -->"])
    func emptyBodies(body: String) throws {
        #expect(try PIDFReader.read(body) == .noDocument)
        #expect(try DialogInfoReader.read(body) == .noDocument)
        #expect(try WatcherInfoReader.read(body) == .noDocument)
        #expect(try PresRulesReader.read(body) == .noDocument)
        #expect(PresenceInterpreter().interpret(try PIDFReader.read(body), now: Self.now) == .noDocument)
    }

    @Test("a presence document with no tuples and no person data is unknown, not offline")
    func emptyPresence() throws {
        let document = try #require(PIDFReader.read("<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:b@example.com\"/>").document)
        #expect(PresenceInterpreter().status(of: document, now: Self.now).availability == .unknown)
    }

    @Test("character data: entities, CDATA, CJK and emoji survive")
    func text() throws {
        let text = """
        <presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:b@example.com">
          <note>Fish &amp; chips &lt;3 <![CDATA[<b>bold</b>]]> 王小明 😀 &#x1F600;</note>
        </presence>
        """
        let document = try #require(PIDFReader.read(text).document)
        #expect(document.notes.first?.text == "Fish & chips <3 <b>bold</b> 王小明 😀 😀")
    }

    @Test("a NOTIFY body from the project's fixtures reads")
    func notifyFixture() throws {
        let message = String(decoding: try PresenceFixtures.bytes("../messages/notify-pidf.sip"), as: UTF8.self)
        let body = try #require(message.range(of: "\r\n\r\n").map { message[$0.upperBound...] }
            ?? message.range(of: "\n\n").map { message[$0.upperBound...] })
        let document = try #require(PIDFReader.read(String(body)).document)
        let status = PresenceInterpreter(preferredLanguages: ["en"]).status(of: document, now: Self.now)
        #expect(status.availability == .onThePhone)
        #expect(status.note?.text == "Lunch at noon, 王小明 😀")
    }
}
