import Testing
@testable import Presence

/// RFC 4662 §5 bodies. The example is written after the structure of the
/// RFC's §5 example (list adam-friends, members bob, dave, ed and a nested
/// list; boundary, start and cids as the RFC names them), not copied from
/// its text: the RFC's figure has line folding of its own that is not part
/// of the body.
@Suite("Resource list NOTIFY bodies (RFC 4662)")
struct ResourceListReaderTests {
    static let contentType = #"multipart/related;type="application/rlmi+xml";start="<nXYxAE@pres.vancouver.example.com>";boundary="50UBfW7LSCVLtggUPe5z""#

    static let rlmi = """
        <?xml version="1.0" encoding="UTF-8"?>
        <list xmlns="urn:ietf:params:xml:ns:rlmi" uri="sip:adam-friends@pres.vancouver.example.com" version="1" fullState="true">
          <name xml:lang="en">Buddy List at COM</name>
          <resource uri="sip:bob@vancouver.example.com">
            <name>Bob Smith</name>
            <instance id="juwigmtboe" state="active" cid="bUZBsM@pres.vancouver.example.com"/>
          </resource>
          <resource uri="sip:dave@vancouver.example.com">
            <name>Dave Jones</name>
            <instance id="hqzsuxtfyq" state="active" cid="ZvSvkz@pres.vancouver.example.com"/>
          </resource>
          <resource uri="sip:ed@dallas.example.net">
            <name>Ed at NET</name>
            <instance id="ujjeoieqdl" state="pending"/>
          </resource>
          <resource uri="sip:carol@vancouver.example.com">
            <instance id="zszkdjfaaa" state="terminated" reason="rejected"/>
          </resource>
        </list>
        """

    static func pidf(_ entity: String, _ basic: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <presence xmlns="urn:ietf:params:xml:ns:pidf" entity="\(entity)">
          <tuple id="1"><status><basic>\(basic)</basic></status></tuple>
        </presence>
        """
    }

    static func body(lineEnd: String = "\r\n", closing: Bool = true) -> String {
        let parts: [(String, String, String)] = [
            ("nXYxAE@pres.vancouver.example.com", "application/rlmi+xml;charset=\"UTF-8\"", rlmi),
            ("bUZBsM@pres.vancouver.example.com", "application/pidf+xml;charset=\"UTF-8\"", pidf("sip:bob@vancouver.example.com", "open")),
            ("ZvSvkz@pres.vancouver.example.com", "application/pidf+xml;charset=\"UTF-8\"", pidf("sip:dave@vancouver.example.com", "closed")),
        ]
        var text = ""
        for (cid, type, content) in parts {
            text += "--50UBfW7LSCVLtggUPe5z\(lineEnd)Content-Transfer-Encoding: binary\(lineEnd)"
            text += "Content-ID: <\(cid)>\(lineEnd)Content-Type: \(type)\(lineEnd)\(lineEnd)"
            text += content.replacingOccurrences(of: "\n", with: lineEnd) + lineEnd
        }
        if closing { text += "--50UBfW7LSCVLtggUPe5z--\(lineEnd)" }
        return text
    }

    @Test("RFC 4662 §5: the list, its resources and their parts")
    func example() throws {
        let notification = try ResourceListReader.read(Array(Self.body().utf8), contentType: Self.contentType)
        #expect(notification.list.uri == "sip:adam-friends@pres.vancouver.example.com")
        #expect(notification.list.version == 1)
        #expect(notification.list.fullState)
        #expect(notification.list.names == ["Buddy List at COM"])
        #expect(notification.entries.map(\.resourceURI) == ["sip:bob@vancouver.example.com", "sip:dave@vancouver.example.com",
                                                           "sip:ed@dallas.example.net", "sip:carol@vancouver.example.com"])
        #expect(notification.entries.map(\.instance.state) == [.active, .active, .pending, .terminated])
        #expect(notification.entries[3].instance.reason == "rejected")
        #expect(notification.entries.map(\.missingPart) == [false, false, false, false])
        let bob = try #require(notification.entries[0].part)
        #expect(bob.contentType.mediaType == "application/pidf+xml")
        let document = try #require(PIDFReader.read(bob.body).document)
        #expect(document.entity == "sip:bob@vancouver.example.com")
        #expect(notification.entries[2].part == nil)
    }

    @Test("parts end before the line break of the next delimiter; bare LF accepted")
    func partBoundsAndLF() throws {
        for lineEnd in ["\r\n", "\n"] {
            let document = try MultipartReader.read(Array(Self.body(lineEnd: lineEnd).utf8), contentType: Self.contentType)
            #expect(document.parts.count == 3)
            #expect(document.rootType == "application/rlmi+xml")
            #expect(document.root?.contentID == "nXYxAE@pres.vancouver.example.com")
            let dave = try #require(document.part(contentID: "ZvSvkz@pres.vancouver.example.com"))
            #expect(String(decoding: dave.body, as: UTF8.self).hasSuffix("</presence>"))
        }
    }

    @Test("preamble, padding, folded headers, empty part, no start: first part is root")
    func lenient() throws {
        let body = "This is a preamble.\r\n--b1 \t\r\nContent-Type:\r\n application/rlmi+xml\r\ncontent-id: <r@x>\r\n\r\n"
            + #"<list xmlns="urn:ietf:params:xml:ns:rlmi" uri="sip:l@x" version="7"/>"#
            + "\r\n--b1\r\n\r\n\r\n--b1--\r\nepilogue"
        let document = try MultipartReader.read(Array(body.utf8), contentType: "Multipart/Related; boundary=b1")
        #expect(document.parts.count == 2)
        #expect(document.root?.contentType.mediaType == "application/rlmi+xml")
        #expect(document.root?.contentID == "r@x")
        #expect(document.parts[1].body.isEmpty)
        let notification = try ResourceListReader.read(Array(body.utf8), contentType: "multipart/related; boundary=b1")
        #expect(notification.list.version == 7)
        #expect(notification.list.fullState == false) // missing: read as partial
    }

    @Test("a line that only begins like the delimiter is content")
    func delimiterPrefix() throws {
        let body = "--ab\r\n\r\n--abc\r\nx\r\n--ab--\r\n"
        let document = try MultipartReader.read(Array(body.utf8), contentType: "multipart/related; boundary=ab")
        #expect(document.parts.count == 1)
        #expect(String(decoding: document.parts[0].body, as: UTF8.self) == "--abc\r\nx")
    }

    @Test("base64 parts are decoded; quoted-printable is refused; a root that cannot be read fails the body")
    func transferEncodings() throws {
        let body = "--b\r\nContent-Transfer-Encoding: base64\r\n\r\naGVs\r\nbG8=\r\n--b--"
        let document = try MultipartReader.read(Array(body.utf8), contentType: "multipart/related; boundary=b")
        #expect(document.parts[0].body == Array("hello".utf8))
        let qp = "--b\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\na=3Db\r\n--b--"
        #expect(throws: MultipartError.unsupportedTransferEncoding("quoted-printable")) {
            try MultipartReader.read(Array(qp.utf8), contentType: "multipart/related; boundary=b")
        }
        let bad = "--b\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@=\r\n--b--"
        #expect(throws: MultipartError.invalidBase64) {
            try MultipartReader.read(Array(bad.utf8), contentType: "multipart/related; boundary=b")
        }
    }

    @Test("a part that cannot be read is left out; the others, and the root, are kept")
    func oneBadPartAmongGood() throws {
        let body = "--b\r\nContent-ID: <root>\r\n\r\nroot\r\n"
            + "--b\r\nContent-ID: <qp>\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\na=3Db\r\n"
            + "--b\r\nContent-ID: <b64>\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@=\r\n"
            + "--b\r\nContent-ID: <good>\r\n\r\nfine\r\n--b--"
        let document = try MultipartReader.read(Array(body.utf8), contentType: "multipart/related; boundary=b")
        #expect(document.parts.map(\.contentID) == ["root", "good"])
        #expect(document.unreadableParts == [.unsupportedTransferEncoding("quoted-printable"), .invalidBase64])
        #expect(document.root?.body == Array("root".utf8))
        #expect(try MultipartReader.read(Array(body.utf8), contentType: "multipart/related; boundary=b; start=\"\"").root?.body
                == Array("root".utf8), "an empty start is no start")
        // with `start` naming a readable root, even a bad first part is only left out
        let started = try MultipartReader.read(Array(body.utf8), contentType: "multipart/related; boundary=b; start=\"<good>\"")
        #expect(started.root?.body == Array("fine".utf8))
    }
}

@Suite("Resource list documents (RFC 4826)")
struct ResourceListDocumentsTests {
    @Test("resource-lists and rls-services read back with the members, service and escaped URIs")
    func documents() throws {
        let lists = ResourceListDocuments.resourceLists(listName: "buddies", members: ["sip:bob@x", "sip:a&b@x"])
        let tree = try #require(try XMLTreeReader.read(Array(lists.utf8)))
        let list = try #require(tree.child(ResourceListDocuments.resourceListsNamespace, "list"))
        #expect(list.attribute("name") == "buddies")
        #expect(list.children(ResourceListDocuments.resourceListsNamespace, "entry").map { $0.attribute("uri") } == ["sip:bob@x", "sip:a&b@x"])
        let services = ResourceListDocuments.rlsServices(serviceURI: "sip:l@x", resourceListURI: "http://h/r?a&b")
        let root = try #require(try XMLTreeReader.read(Array(services.utf8)))
        let service = try #require(root.child(ResourceListDocuments.rlsServicesNamespace, "service"))
        #expect(service.attribute("uri") == "sip:l@x")
        #expect(service.child(ResourceListDocuments.rlsServicesNamespace, "resource-list")?.trimmedText == "http://h/r?a&b")
    }
}
