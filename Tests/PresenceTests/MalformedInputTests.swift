import Foundation
import Testing
@testable import Presence

/// The malformed corpus: every input gives a value (a reading or an error),
/// never a trap, and the dangerous ones give the error that names them.
@Suite("Malformed input")
struct MalformedInputTests {
    /// Runs every reader on `bytes`; the test fails only by trapping.
    static func readAll(_ bytes: [UInt8]) {
        _ = try? PIDFReader.read(bytes)
        _ = try? DialogInfoReader.read(bytes)
        _ = try? WatcherInfoReader.read(bytes)
        _ = try? PresRulesReader.read(bytes)
        _ = PresenceInspector.inspect(bytes)
    }

    static func error(_ body: [UInt8]) -> PresenceDocumentError? {
        do {
            _ = try PIDFReader.read(body)
            return nil
        } catch {
            return error
        }
    }

    static func error(_ body: String) -> PresenceDocumentError? { error(Array(body.utf8)) }

    static func isMalformedXML(_ error: PresenceDocumentError?) -> Bool {
        if case .malformedXML = error { return true }
        return false
    }

    @Test("every truncation of every RFC example is an error, not a document")
    func truncations() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: PresenceFixtures.folder.path)
            .filter { $0.hasSuffix(".xml") }.sorted()
        #expect(names.count >= 19)
        for name in names {
            let bytes = try PresenceFixtures.bytes(name)
            let text = String(decoding: bytes, as: UTF8.self)
            // From just after the root's "<" to just before its final ">".
            let declarationEnd = text.range(of: "?>").map { text.utf8.distance(from: text.startIndex, to: $0.upperBound) } ?? 0
            let rootStart = bytes[declarationEnd...].firstIndex(of: UInt8(ascii: "<"))! + 1
            let rootEnd = bytes.lastIndex(of: UInt8(ascii: ">"))!
            for cut in stride(from: rootStart, to: rootEnd, by: 3) {
                let prefix = Array(bytes[..<cut])
                Self.readAll(prefix)
                let error = Self.error(prefix)
                #expect(error != nil, "\(name) cut at \(cut) read as a document")
            }
        }
    }

    @Test("random bytes and random XML-ish text never trap")
    func randomInput() {
        var generator = SplitMix64(seed: 0x5EED_CAFE)
        let alphabet = Array("<>/=\"' :xmlnspresencetupleid&;#![]?-".utf8) + [0, 0xC3, 0xA9, 0xFF, 0x0A]
        for round in 0..<400 {
            let count = Int(generator.next() % 600)
            let bytes: [UInt8] = (0..<count).map { _ in
                round.isMultiple(of: 2) ? UInt8(truncatingIfNeeded: generator.next())
                    : alphabet[Int(generator.next() % UInt64(alphabet.count))]
            }
            Self.readAll(bytes)
        }
    }

    @Test("DTDs are refused: billion laughs, external entities, any DOCTYPE", arguments: [
        """
        <?xml version="1.0"?>
        <!DOCTYPE presence [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
         <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
        <presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:a@b"><note>&d;</note></presence>
        """,
        """
        <!DOCTYPE presence [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
        <presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:a@b"><note>&secret;</note></presence>
        """,
        "<!-- a comment first --><!DOCTYPE presence PUBLIC \"//IETF//DTD RFCxxxx PIDF 1.0//EN\" \"pidf.dtd\"><presence/>",
        "\u{FEFF}  <!doctype presence><presence/>",
        "<!ENTITY x \"y\"><presence/>",
    ])
    func doctypeRefused(body: String) {
        #expect(Self.error(body) == .doctypeRefused)
        #expect(PresenceInspector.inspect(Array(body.utf8)).verdict == .malformed)
    }

    @Test("the text \"<!DOCTYPE\" inside a note is only text")
    func doctypeInText() throws {
        let body = "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:a@b\"><note><![CDATA[<!DOCTYPE x>]]></note></presence>"
        #expect(try PIDFReader.read(body).document?.notes.first?.text == "<!DOCTYPE x>")
    }

    @Test("2 MiB is refused before parsing; just under 1 MiB is read")
    func sizeCap() throws {
        let head = "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:a@b\"><note>"
        let tail = "</note></presence>"
        let huge = Array(head.utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 2 << 20) + Array(tail.utf8)
        #expect(Self.error(huge) == .tooLarge(byteCount: huge.count, limit: 1 << 20))
        let fitting = Array(head.utf8) + [UInt8](repeating: UInt8(ascii: "y"), count: (1 << 20) - 200) + Array(tail.utf8)
        #expect(try PIDFReader.read(fitting).document?.notes.first?.text.count == (1 << 20) - 200)
    }

    @Test("invalid UTF-8 is refused", arguments: [
        [0xFF, 0xFE] as [UInt8],
        [0xC0, 0x80],
        [0xED, 0xA0, 0x80],
        [0xE2, 0x82],
    ])
    func invalidUTF8(bad: [UInt8]) {
        let body = Array("<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:a@b\"><note>".utf8) + bad
            + Array("</note></presence>".utf8)
        #expect(Self.error(body) == .invalidUTF8)
    }

    @Test("deep nesting is refused before it reaches the readers")
    func deepNesting() {
        let depth = 5_000
        let body = "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:a@b\">"
            + String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth) + "</presence>"
        #expect(Self.error(body) == .tooDeep(limit: XMLTreeReader.maximumDepth))
    }

    @Test("not well-formed XML is a malformedXML error", arguments: [
        "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\"><tuple></presence>",
        "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\"/><presence/>",
        "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\"/>trailing text",
        "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\"><note>&undefined;</note></presence>",
        "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"a\" entity=\"b\"/>",
        "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\"><note>nul\u{0}here</note></presence>",
        "just text",
        "<presence",
        "<p:presence xmlns:p=\"urn:ietf:params:xml:ns:pidf\"><q:tuple/></p:presence>",
    ])
    func malformed(body: String) {
        let error = Self.error(body)
        #expect(Self.isMalformedXML(error), "got \(String(describing: error))")
    }

    @Test("a well-formed document of another format is the wrong root")
    func wrongRoot() throws {
        let dialog = try PresenceFixtures.bytes("rfc4235-example-early.xml")
        #expect(Self.error(dialog) == .wrongRoot(expected: "{urn:ietf:params:xml:ns:pidf}presence",
                                                 found: "{urn:ietf:params:xml:ns:dialog-info}dialog-info"))
        #expect(Self.error("<html><body>502 Bad Gateway</body></html>")
            == .wrongRoot(expected: "{urn:ietf:params:xml:ns:pidf}presence", found: "html"))
        #expect(throws: PresenceDocumentError.self) { try DialogInfoReader.read(PresenceFixtures.bytes("rfc3858-example.xml")) }
        #expect(throws: PresenceDocumentError.self) { try WatcherInfoReader.read(PresenceFixtures.bytes("rfc5025-example.xml")) }
        #expect(throws: PresenceDocumentError.self) { try PresRulesReader.read(PresenceFixtures.bytes("rfc4480-example.xml")) }
    }
}

/// A small deterministic generator so that the random corpus is the same on every run.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
