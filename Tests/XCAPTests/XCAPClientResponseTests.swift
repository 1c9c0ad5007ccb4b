import Foundation
import SIPAuth
import Testing
@testable import XCAP

/// The client against responses a server should not send: each must end in
/// its own `XCAPError` within the time limit, never a hang or a crash.
@Suite struct XCAPClientResponseTests {
    func client(_ server: CannedHTTPServer, timeout: Duration = .seconds(3),
                credentials: DigestCredentials? = DigestCredentials(username: "alice", password: "alicepw")) -> XCAPClient {
        XCAPClient(root: XCAPRoot(host: "127.0.0.1", port: server.port, path: "/xcap-root"),
                   credentials: credentials, timeout: timeout)
    }

    @discardableResult
    func withServer<T>(_ replies: [CannedHTTPServer.Reply], _ body: (CannedHTTPServer) async throws -> T) async throws -> T {
        let server = try await CannedHTTPServer(replies)
        do {
            let result = try await body(server)
            await server.close()
            return result
        } catch {
            await server.close()
            throw error
        }
    }

    @Test func aGoodResponseIsRead() async throws {
        try await withServer([CannedHTTPServer.text(
            "HTTP/1.1 200 OK\r\nETag: \"e1\"\r\nContent-Type: application/auth-policy+xml\r\nContent-Length: 5\r\n\r\n<a/>\n")]) { server in
            let document = try await client(server).get("/xcap-root/pres-rules/users/sip:a@b/index")
            #expect(document == XCAPDocument(body: Array("<a/>\n".utf8), etag: "\"e1\"", contentType: "application/auth-policy+xml"))
            let request = try #require(server.requests.first)
            #expect(request.hasPrefix("GET /xcap-root/pres-rules/users/sip:a@b/index HTTP/1.1\r\n"))
            #expect(request.contains("Host: 127.0.0.1:\(server.port)\r\n"))
            #expect(request.contains("Connection: close\r\n"))
        }
    }

    @Test func aBodyUntilCloseWithoutContentLengthIsRead() async throws {
        try await withServer([CannedHTTPServer.text("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n<ruleset/>")]) { server in
            let body = try await client(server).get("/x")?.body
            #expect(body == Array("<ruleset/>".utf8))
        }
    }

    @Test func anInterimResponseIsSkipped() async throws {
        try await withServer([CannedHTTPServer.text(
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")]) { server in
            let body = try await client(server).get("/x")?.body
            #expect(body == Array("ok".utf8))
        }
    }

    @Test func notFoundIsNoDocument() async throws {
        try await withServer([CannedHTTPServer.text("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")]) { server in
            let document = try await client(server).get("/x")
            #expect(document == nil)
            let deleted = try await client(server).delete("/x")
            #expect(deleted == false)
        }
    }

    @Test(arguments: [
        ("garbage", "this is not HTTP at all\r\n\r\n"),
        ("bad version", "HTTP/9.9.9 200 OK\r\nContent-Length: 0\r\n\r\n"),
        ("no status code", "HTTP/1.1 OK\r\nContent-Length: 0\r\n\r\n"),
        ("status out of range", "HTTP/1.1 2000 Big\r\nContent-Length: 0\r\n\r\n"),
        ("header without colon", "HTTP/1.1 200 OK\r\nBroken header line\r\nContent-Length: 0\r\n\r\n"),
        ("negative length", "HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n"),
        ("two lengths", "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd"),
        ("bad chunk size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n"),
        ("NUL in header", "HTTP/1.1 200 OK\r\nX: a\u{0}b\r\nContent-Length: 0\r\n\r\n"),
    ])
    func malformedResponsesAreReported(_ what: String, _ response: String) async throws {
        try await withServer([CannedHTTPServer.text(response)]) { server in
            await #expect(throws: XCAPError.self, "\(what)") { _ = try await client(server).get("/x") }
            do {
                _ = try await client(server).get("/x")
            } catch let error as XCAPError {
                switch error {
                case .malformedResponse, .incompleteResponse: break
                default: Issue.record("\(what): \(error)")
                }
            }
        }
    }

    @Test func aBodyShorterThanItsLengthIsIncomplete() async throws {
        try await withServer([CannedHTTPServer.text("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this")]) { server in
            await #expect(throws: XCAPError.incompleteResponse) { _ = try await client(server).get("/x") }
        }
    }

    @Test func aClosedConnectionWithoutAnswerIsIncomplete() async throws {
        try await withServer([CannedHTTPServer.text("")]) { server in
            await #expect(throws: XCAPError.incompleteResponse) { _ = try await client(server).get("/x") }
        }
    }

    @Test func anOversizedBodyIsCutOff() async throws {
        let size = XCAPClient.maximumBodyBytes + 1
        let response = "HTTP/1.1 200 OK\r\nContent-Length: \(size)\r\n\r\n" + String(repeating: "x", count: size)
        try await withServer([CannedHTTPServer.text(response)]) { server in
            await #expect(throws: XCAPError.responseTooLarge(limit: XCAPClient.maximumBodyBytes)) {
                _ = try await client(server).get("/x")
            }
        }
    }

    @Test func silenceTimesOut() async throws {
        try await withServer([.silence]) { server in
            let started = ContinuousClock.now
            await #expect(throws: XCAPError.timeout) { _ = try await client(server, timeout: .milliseconds(300)).get("/x") }
            // the 300 ms timeout, not the server, ended it: far below a hang,
            // with room for a loaded machine (this is no speed measurement)
            #expect(ContinuousClock.now - started < .seconds(30))
        }
    }

    @Test func nobodyListeningIsUnreachable() async throws {
        let server = try await CannedHTTPServer([.silence])
        let port = server.port
        await server.close()
        // a timeout too long for nanoseconds in Int64 is clamped, not a trap
        for timeout in [Duration.seconds(2), .seconds(Int64.max / 2)] {
            let client = XCAPClient(root: XCAPRoot(host: "127.0.0.1", port: port), credentials: nil, timeout: timeout)
            do {
                _ = try await client.get("/x")
                Issue.record("a closed port answered")
            } catch let error as XCAPError {
                guard case .unreachable = error else { Issue.record("\(error)"); return }
            }
        }
    }

    @Test func challengesThatCannotBeAnsweredAreReported() async throws {
        let noChallenge = CannedHTTPServer.text("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n")
        try await withServer([noChallenge]) { server in
            await #expect(throws: XCAPError.self) { _ = try await client(server).get("/x") }
        }
        let basic = CannedHTTPServer.text("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"x\"\r\nContent-Length: 0\r\n\r\n")
        try await withServer([basic]) { server in
            do {
                _ = try await client(server).get("/x")
                Issue.record("a Basic challenge was answered")
            } catch let error as XCAPError {
                guard case .unusableChallenge = error else { Issue.record("\(error)"); return }
            }
        }
        let digest = CannedHTTPServer.text(
            "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm=\"example.test\", nonce=\"n1\"\r\nContent-Length: 0\r\n\r\n")
        try await withServer([digest]) { server in
            await #expect(throws: XCAPError.authenticationFailed, "the same challenge after our answer: wrong password") {
                _ = try await client(server).get("/x")
            }
            let second = try #require(server.requests.dropFirst().first)
            #expect(second.contains("Authorization: Digest username=\"alice\", realm=\"example.test\", nonce=\"n1\""))
            #expect(second.contains("uri=\"/xcap-root/x\"") || second.contains("uri=\"/x\""))
        }
        try await withServer([digest]) { server in
            await #expect(throws: XCAPError.authenticationFailed, "no credentials to answer with") {
                _ = try await client(server, credentials: nil).get("/x")
            }
        }
    }

    @Test func statusesWithAMeaningBecomeTheirErrors() async throws {
        let cases: [(String, XCAPError)] = [
            ("HTTP/1.1 412 Precondition Failed\r\nContent-Length: 0\r\n\r\n", .preconditionFailed),
            ("HTTP/1.1 409 Conflict\r\nContent-Length: 9\r\n\r\n<bad-doc>", .conflict("<bad-doc>")),
            ("HTTP/1.1 500 Server Error\r\nContent-Length: 0\r\n\r\n", .refused(status: 500, reason: "Internal Server Error")),
        ]
        for (response, expected) in cases {
            try await withServer([CannedHTTPServer.text(response)]) { server in
                do {
                    try await client(server).put("/x", body: Array("<r/>".utf8), contentType: "application/auth-policy+xml",
                                                 ifMatch: "\"e1\"")
                    Issue.record("\(expected) not thrown")
                } catch let error as XCAPError {
                    if case .refused(let status, _) = expected, case .refused(let got, _) = error {
                        #expect(got == status)
                    } else {
                        #expect(error == expected)
                    }
                }
                let request = try #require(server.requests.first)
                #expect(request.hasPrefix("PUT /x HTTP/1.1\r\n"))
                #expect(request.contains("If-Match: \"e1\"\r\n"))
                #expect(request.contains("Content-Length: 4\r\n"))
                #expect(request.hasSuffix("\r\n\r\n<r/>"))
            }
        }
    }
}
