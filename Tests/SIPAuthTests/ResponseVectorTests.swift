import Testing
import SIPAuth

/// The published vectors, run the way a real answer is made: challenge header
/// text in, Authorization header value out, response read back from it.
@Suite struct ResponseVectorTests {
    /// The RFC 7616 §3.9.1 challenge, with the algorithm and qop list varied.
    static func rfc7616Challenge(algorithm: String, qop: String = "auth, auth-int") -> String {
        """
        Digest realm="http-auth@example.org", qop="\(qop)", algorithm=\(algorithm), \
        nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", \
        opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"
        """
    }
    static let rfc7616Cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"
    static let mufasa = DigestCredentials(username: "Mufasa", password: "Circle of Life")
    static let get = DigestRequest(method: "GET", requestURI: "/dir/index.html")

    private func answerRFC7616(algorithm: String, nonceCount: UInt32 = 1,
                               request: DigestRequest = get) throws -> DigestAuthorization {
        let challenge = try DigestChallenge(parsing: Self.rfc7616Challenge(algorithm: algorithm))
        return try DigestAuthorization.answering(
            challenge, kind: .server, credentials: Self.mufasa, request: request,
            nonceCount: nonceCount, cnonce: Self.rfc7616Cnonce)
    }

    @Test func rfc2617Section3_5() throws {
        let challenge = try DigestChallenge(parsing: """
            Digest realm="testrealm@host.com", qop="auth,auth-int", \
            nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"
            """)
        let answer = try DigestAuthorization.answering(
            challenge, kind: .server,
            credentials: DigestCredentials(username: "Mufasa", password: "Circle Of Life"),
            request: Self.get, nonceCount: 1, cnonce: "0a4f113b")
        let fields = try DigestAuthorizationFields(parsing: answer.headerValue)
        #expect(fields.response == "6629fae49393a05397450978507c4ef1")
        #expect(fields.qop == "auth" && fields.nonceCount == 1 && fields.cnonce == "0a4f113b")
        #expect(fields.opaque == "5ccc069c403ebaf9f0171e9517f40e41")
        #expect(answer.headerName == "Authorization")
    }

    @Test func rfc7616Section3_9_1MD5() throws {
        let answer = try answerRFC7616(algorithm: "MD5")
        #expect(try DigestAuthorizationFields(parsing: answer.headerValue).response
            == "8ca523f5e9506fed4657c9700eebdbec")
        // The whole value, to pin quoting: quoted strings except algorithm, qop, nc.
        #expect(answer.headerValue == """
            Digest username="Mufasa", realm="http-auth@example.org", \
            nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", uri="/dir/index.html", \
            response="8ca523f5e9506fed4657c9700eebdbec", algorithm=MD5, \
            cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", \
            opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", qop=auth, nc=00000001
            """)
    }

    @Test func rfc7616Section3_9_1SHA256() throws {
        let answer = try answerRFC7616(algorithm: "SHA-256")
        let fields = try DigestAuthorizationFields(parsing: answer.headerValue)
        #expect(fields.response == "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")
        #expect(fields.algorithm == "SHA-256")
    }

    /// Not published vectors: the RFC 7616 §3.9.1 inputs with other algorithms
    /// and options, expected values computed with Python's hashlib (OpenSSL),
    /// an implementation independent of this one.
    @Test(arguments: [
        ("SHA-512-256", "430d05014cecc49cab6fbe03176d41a1da86cbfe24a16580e22aaad928d960d0"),
        ("MD5-sess", "e783283f46242139c486a698fec7211d"),
        ("SHA-256-sess", "2fd51b3a77ad75bad6afad6003e818d767133c46d9e2749e7f5232ae1ea3efd7"),
        ("SHA-512-256-sess", "3f2a34f923c38b0fb26dce2fdfc2ce326c23cecf86fbb1444f3e51fbbc2cb92e"),
    ])
    func crossCheckedAlgorithms(algorithm: String, expected: String) throws {
        let answer = try answerRFC7616(algorithm: algorithm)
        let fields = try DigestAuthorizationFields(parsing: answer.headerValue)
        #expect(fields.response == expected)
        #expect(fields.algorithm == algorithm)
    }

    @Test func nonceCountEntersTheHash() throws {
        let answer = try answerRFC7616(algorithm: "SHA-256", nonceCount: 2)
        let fields = try DigestAuthorizationFields(parsing: answer.headerValue)
        #expect(fields.nonceCount == 2)
        #expect(answer.headerValue.contains("nc=00000002"))
        #expect(fields.response == "8c8db27f49ff1c202f9fb49fa9d2e9eabf078dcc93db40dfd6527010091d1c8e")
    }

    @Test func authIntHashesTheBodyWhenItIsTheOnlyQop() throws {
        let challenge = try DigestChallenge(parsing: Self.rfc7616Challenge(algorithm: "MD5", qop: "auth-int"))
        let body = Array("v=0\r\no=- 0 0 IN IP4 192.0.2.1\r\n".utf8)
        func response(_ body: [UInt8]) throws -> String {
            let answer = try DigestAuthorization.answering(
                challenge, kind: .server, credentials: Self.mufasa,
                request: DigestRequest(method: "GET", requestURI: "/dir/index.html", body: body),
                cnonce: Self.rfc7616Cnonce)
            #expect(answer.headerValue.contains("qop=auth-int,"))
            return try DigestAuthorizationFields(parsing: answer.headerValue).response
        }
        #expect(try response(body) == "4d9e9301262bded484a845170a9c7262")
        #expect(try response([]) == "8804a53d3640a40a4f73cea12c5ba451")
    }

    @Test func withoutQopTheRFC2069FormIsUsed() throws {
        // RFC 2069 §2.4's inputs. Its printed response (e966c932…) is a known
        // erratum; 1949323746fe… is what MD5 gives (Python hashlib).
        let challenge = try DigestChallenge(parsing: #"Digest realm="testrealm@host.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093""#)
        let answer = try DigestAuthorization.answering(
            challenge, kind: .proxy, credentials: DigestCredentials(username: "Mufasa", password: "CircleOfLife"),
            request: Self.get, cnonce: "unused")
        #expect(answer.headerName == "Proxy-Authorization")
        #expect(answer.headerValue == """
            Digest username="Mufasa", realm="testrealm@host.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", \
            uri="/dir/index.html", response="1949323746fe6a43ef61f9606e7febea", algorithm=MD5
            """)
    }

    @Test func userhashSendsHashedUsername() throws {
        let challenge = try DigestChallenge(parsing: Self.rfc7616Challenge(algorithm: "SHA-256") + ", userhash=true")
        let answer = try DigestAuthorization.answering(
            challenge, kind: .server, credentials: Self.mufasa, request: Self.get, cnonce: Self.rfc7616Cnonce)
        let fields = try DigestAuthorizationFields(parsing: answer.headerValue)
        // SHA-256("Mufasa:http-auth@example.org"), Python hashlib.
        #expect(fields.username == "a947aad205e80e429958a387394944c6b496301e79f89d35a4cc23b6ee12b5b6")
        #expect(fields.userhash)
        // The response still hashes the real username, so it is unchanged.
        #expect(fields.response == "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")
    }

    @Test func quotesAndBackslashesInValuesAreEscaped() throws {
        let challenge = try DigestChallenge(parsing: #"Digest realm="a\"b", nonce="n", qop="auth""#)
        let answer = try DigestAuthorization.answering(
            challenge, kind: .server, credentials: DigestCredentials(username: #"x"y\z"#, password: "p"),
            request: Self.get, cnonce: "c")
        #expect(answer.headerValue.hasPrefix(#"Digest username="x\"y\\z", realm="a\"b", "#))
        let fields = try DigestAuthorizationFields(parsing: answer.headerValue)
        #expect(fields.username == #"x"y\z"# && fields.realm == #"a"b"#)
    }

    @Test(arguments: [("bob\r\nVia: forged", "sip:a", "username"), ("bob", "sip:a\r\nX: y", "request URI")])
    func controlCharactersCannotForgeHeaders(username: String, uri: String, field: String) throws {
        let challenge = try DigestChallenge(parsing: #"Digest realm="r", nonce="n""#)
        #expect(throws: DigestAuthenticationError.invalidCharacters(field: field)) {
            try DigestAuthorization.answering(
                challenge, kind: .server, credentials: DigestCredentials(username: username, password: "p"),
                request: DigestRequest(method: "REGISTER", requestURI: uri), cnonce: "c")
        }
    }
}
