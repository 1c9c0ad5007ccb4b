import Testing
import XCAP

/// The XCAP root comes from a config file and goes into request lines.
@Suite struct XCAPRootTests {
    @Test func wellFormedRoots() throws {
        let plain = try XCAPRoot(parsing: "http://xcap.example.com/xcap-root/")
        #expect(plain == XCAPRoot(host: "xcap.example.com", port: 80, path: "/xcap-root"))
        #expect(plain.hostHeader == "xcap.example.com")
        let withPort = try XCAPRoot(parsing: "HTTP://127.0.0.1:18149/xcap-root")
        #expect(withPort.port == 18149)
        #expect(withPort.hostHeader == "127.0.0.1:18149")
        #expect(try XCAPRoot(parsing: "http://example.com").path == "")
        let v6 = try XCAPRoot(parsing: "http://[::1]:8080/x")
        #expect(v6.host == "::1")
        #expect(v6.hostHeader == "[::1]:8080")
    }

    @Test(arguments: [
        "", "xcap.example.com/xcap-root", "https://xcap.example.com/xcap-root", "ftp://x/y",
        "http://", "http://:80/x", "http://host:0/x", "http://host:65536/x", "http://host:port/x",
        "http://user:pw@host/x", "http://host/x?query", "http://host/x#frag", "http://host/x y",
        "http://host/x\r\nInjected: 1", "http://ho_st/x", "http://[::1/x", "http://[zz]/x",
        "http://host//x", "http://host/../x", "http://host/a/./b",
        "http://host:+80/x", "http://host:0080000/x", "http://[::1]:+8/x", "http://host/zoë", "http://host/a\"b",
        "http://host/a<b>", "http://host/%zz", "http://host/50%", "http://host/{x}",
    ])
    func malformedRootsAreRefused(_ text: String) {
        #expect(throws: XCAPError.self, "\(text.debugDescription)") { try XCAPRoot(parsing: text) }
    }

    @Test func documentPathsEncodeTheUserAsOneSegment() throws {
        let root = try XCAPRoot(parsing: "http://127.0.0.1:5080/xcap-root")
        #expect(root.presRulesPath(user: "sip:alice@example.test") == "/xcap-root/pres-rules/users/sip:alice@example.test/index")
        #expect(root.userDocumentPath(auid: "pres-rules", user: "sip:a/../b@x y?#%", document: "index")
                == "/xcap-root/pres-rules/users/sip:a%2F..%2Fb@x%20y%3F%23%25/index")
        #expect(root.userDocumentPath(auid: "resource-lists", user: "sip:zoë@x") == "/xcap-root/resource-lists/users/sip:zo%C3%AB@x/index")
        #expect(root.uri(of: "/xcap-root/a") == "http://127.0.0.1:5080/xcap-root/a")
    }

    @Test func wellFormedPathsAreKept() throws {
        #expect(try XCAPRoot(parsing: "http://host:8080/xcap%20root/v1").path == "/xcap%20root/v1")
        #expect(try XCAPRoot(parsing: "http://host:08080/x").port == 8080)
    }

    @Test func resourceListSelectorsAreEncodedSegments() {
        #expect(XCAPRoot.resourceListSelector(listName: "my list") == "~~/resource-lists/list%5B@name=%22my%20list%22%5D")
        #expect(XCAPRoot.resourceListSelector(listName: "a\"b[ü]") == "~~/resource-lists/list%5B@name=%22a%22b%5B%C3%BC%5D%22%5D")
    }
}
