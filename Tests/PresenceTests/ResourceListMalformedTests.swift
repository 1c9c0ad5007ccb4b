import Testing
@testable import Presence

/// Malformed multipart and RLMI input: every one gives an error or a
/// reading that says what is missing, never a trap or a made-up status.
@Suite("Resource list NOTIFY bodies: malformed input")
struct ResourceListMalformedTests {
    static let type = "multipart/related; type=\"application/rlmi+xml\"; boundary=b"

    static func read(_ body: String, _ contentType: String = type) throws(MultipartError) -> MultipartDocument {
        try MultipartReader.read(Array(body.utf8), contentType: contentType)
    }

    @Test("no boundary parameter, an empty one, one over 70 characters, not multipart")
    func boundaryParameter() {
        #expect(throws: MultipartError.missingBoundary) { try Self.read("--b\r\n\r\nx\r\n--b--", "multipart/related") }
        #expect(throws: MultipartError.missingBoundary) { try Self.read("--b\r\n\r\nx\r\n--b--", "multipart/related; boundary=\"\"") }
        let long = String(repeating: "x", count: 71)
        #expect(throws: MultipartError.invalidBoundary) { try Self.read("--\(long)\r\n\r\n--\(long)--", "multipart/related; boundary=\(long)") }
        #expect(throws: MultipartError.notMultipart(mediaType: "application/pidf+xml")) {
            try Self.read("<presence/>", "application/pidf+xml")
        }
    }

    @Test("no opening delimiter; missing closing delimiter (a cut-short body)")
    func delimiters() {
        #expect(throws: MultipartError.noOpeningDelimiter) { try Self.read("no parts here\r\n") }
        #expect(throws: MultipartError.noOpeningDelimiter) { try Self.read("") }
        #expect(throws: MultipartError.missingClosingDelimiter) { try Self.read("--b\r\nContent-ID: <a@x>\r\n\r\n<list") }
        #expect(throws: MultipartError.missingClosingDelimiter) { try Self.read("--b\r\n\r\nx\r\n--b\r\n\r\ny") }
        // Every truncation of a valid body is an error or fewer parts, never a trap.
        let full = "--b\r\nContent-ID: <a@x>\r\n\r\nabc\r\n--b\r\n\r\ndef\r\n--b--\r\n"
        let bytes = Array(full.utf8)
        for end in 0..<(bytes.count - 2) {
            if let document = try? MultipartReader.read(bytes[0..<end], contentType: Self.type) {
                Issue.record("truncated at \(end) still read \(document.parts.count) parts")
            }
        }
    }

    @Test("bad Content-IDs cannot be pointed at; a cid naming no part is reported missing")
    func badContentIDs() throws {
        for header in ["a@x", "<a@x", "<>", "<a b@x>", "<<a@x>>"] {
            let document = try Self.read("--b\r\nContent-ID: \(header)\r\n\r\nx\r\n--b--")
            #expect(document.parts[0].contentID == nil, "\(header)")
        }
        let rlmi = #"<list xmlns="urn:ietf:params:xml:ns:rlmi" uri="sip:l@x" version="1" fullState="true">"#
            + #"<resource uri="sip:a@x"><instance id="1" state="active" cid="gone@x"/></resource>"#
            + #"<resource uri="sip:b@x"><instance id="2" state="active" cid="bad cid"/></resource>"#
            + "</list>"
        let body = "--b\r\nContent-Type: application/rlmi+xml\r\n\r\n\(rlmi)\r\n--b--"
        let notification = try ResourceListReader.read(Array(body.utf8), contentType: Self.type)
        #expect(notification.entries.map(\.missingPart) == [true, false])
        #expect(notification.entries[1].instance.cid == nil)
        #expect(notification.entries.allSatisfy { $0.part == nil })
    }

    @Test("huge bodies, too many parts and endless part headers are refused by size")
    func sizeCaps() throws {
        let huge = [UInt8](repeating: 0x41, count: MultipartReader.maximumBodySize + 1)
        #expect(throws: MultipartError.tooLarge(byteCount: huge.count, limit: MultipartReader.maximumBodySize)) {
            try MultipartReader.read(huge, contentType: Self.type)
        }
        let many = String(repeating: "--b\r\n\r\n", count: MultipartReader.maximumParts + 1) + "--b--"
        #expect(throws: MultipartError.tooManyParts(limit: MultipartReader.maximumParts)) { try Self.read(many) }
        let header = "--b\r\n" + String(repeating: "X-Pad: yyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\r\n", count: 400) + "\r\nx\r\n--b--"
        #expect(throws: MultipartError.partHeadersTooLarge(limit: MultipartReader.maximumPartHeaderSize)) { try Self.read(header) }
        // the same part after a readable root is only left out
        let later = try Self.read("--b\r\n\r\nroot\r\n" + String(header.dropLast(5)) + "--b--")
        #expect(later.parts.count == 1)
        #expect(later.unreadableParts == [.partHeadersTooLarge(limit: MultipartReader.maximumPartHeaderSize)])
    }

    @Test("root is not RLMI, RLMI is not XML, start names no part")
    func badRoot() {
        let pidfRoot = "--b\r\nContent-Type: application/pidf+xml\r\n\r\n<presence/>\r\n--b--"
        #expect(throws: ResourceListError.noRLMIRoot) { try ResourceListReader.read(Array(pidfRoot.utf8), contentType: Self.type) }
        let broken = "--b\r\nContent-Type: application/rlmi+xml\r\n\r\n<list\r\n--b--"
        #expect {
            try ResourceListReader.read(Array(broken.utf8), contentType: Self.type)
        } throws: { error in
            if case .rlmi(.malformedXML) = error as? ResourceListError { return true }
            return false
        }
        let wrongStart = "--b\r\nContent-ID: <a@x>\r\nContent-Type: application/rlmi+xml\r\n\r\n<list/>\r\n--b--"
        #expect(throws: ResourceListError.noRLMIRoot) {
            try ResourceListReader.read(Array(wrongStart.utf8), contentType: Self.type + "; start=\"<other@x>\"")
        }
    }

    @Test("RLMI: wrong root, instances without id or with unknown state are skipped")
    func rlmiLenience() throws {
        #expect(throws: PresenceDocumentError.wrongRoot(expected: "{urn:ietf:params:xml:ns:rlmi}list", found: "{urn:x}list")) {
            try RLMIReader.read(#"<list xmlns="urn:x"/>"#)
        }
        let text = #"<r:list xmlns:r="urn:ietf:params:xml:ns:rlmi" uri=" sip:l@x " version="x" fullState="false">"#
            + #"<r:resource uri="sip:a@x"><r:instance state="active"/><r:instance id="2" state="gone"/>"#
            + #"<r:instance id="3" state="terminated" reason="" cid="&lt;c@x&gt;"/><other/></r:resource></r:list>"#
        let list = try #require(RLMIReader.read(text).document)
        #expect(list.uri == "sip:l@x")
        #expect(list.version == nil)
        #expect(list.fullState == false)
        #expect(list.resources[0].instances == [RLMIInstance(id: "3", state: .terminated, reason: nil, cid: "c@x")])
        #expect(try RLMIReader.read("  ") == .noDocument)
    }
}
