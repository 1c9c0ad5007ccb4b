import NIOCore
import NIOPosix
import SIPAuth

/// A document fetched from an XCAP server.
public struct XCAPDocument: Sendable, Equatable {
    public var body: [UInt8]
    /// The entity tag (RFC 4825 §7.11), quotes included, for If-Match on the next write.
    public var etag: String?
    public var contentType: String?

    public init(body: [UInt8], etag: String?, contentType: String?) {
        self.body = body
        self.etag = etag
        self.contentType = contentType
    }
}

/// Reads, writes and deletes whole XCAP documents (RFC 4825 §7.1–7.3) with
/// HTTP digest authentication (RFC 7616) done by the same code as SIP's.
///
/// An actor because the digest state (the server's nonce and our count) is
/// shared by the requests of one client: after the first 401, the next
/// requests carry an answer at once instead of drawing another challenge.
public actor XCAPClient {
    public static let maximumBodyBytes = 1 << 20

    public nonisolated let root: XCAPRoot
    private var authenticator: DigestAuthenticator?
    private let timeout: Duration
    private let group: any EventLoopGroup

    /// `credentials` nil: send no authentication (a 401 is then an error).
    public init(root: XCAPRoot, credentials: DigestCredentials?, timeout: Duration = .seconds(10),
                group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.root = root
        self.authenticator = credentials.map { DigestAuthenticator(credentials: DigestCredentialStore([$0])) }
        self.timeout = timeout
        self.group = group
    }

    /// The document at `path`, or nil when the server has none (404).
    public func get(_ path: String) async throws -> XCAPDocument? {
        let response = try await send(HTTPRequest(method: "GET", target: path))
        if response.status == 404 { return nil }
        try Self.check(response)
        return XCAPDocument(body: response.body, etag: response.value("ETag"), contentType: response.value("Content-Type"))
    }

    /// Creates or replaces the document at `path` and returns its new entity
    /// tag. `ifMatch`: replace only that version; `onlyIfAbsent`: create only
    /// (If-None-Match: *). Either way a lost race is `.preconditionFailed`.
    @discardableResult
    public func put(_ path: String, body: [UInt8], contentType: String,
                    ifMatch: String? = nil, onlyIfAbsent: Bool = false) async throws -> String? {
        var headers = [(name: "Content-Type", value: contentType)]
        if let ifMatch { headers.append((name: "If-Match", value: ifMatch)) }
        if onlyIfAbsent { headers.append((name: "If-None-Match", value: "*")) }
        let response = try await send(HTTPRequest(method: "PUT", target: path, headers: headers, body: body))
        try Self.check(response)
        return response.value("ETag")
    }

    /// Deletes the document; false when there was none (404).
    @discardableResult
    public func delete(_ path: String, ifMatch: String? = nil) async throws -> Bool {
        let headers = ifMatch.map { [(name: "If-Match", value: $0)] } ?? []
        let response = try await send(HTTPRequest(method: "DELETE", target: path, headers: headers))
        if response.status == 404 { return false }
        try Self.check(response)
        return true
    }

    /// Sends the request, answering one digest challenge (or a stale one, up
    /// to SIPAuth's limit) and giving up on a refused answer.
    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let digestRequest = DigestRequest(method: request.method, requestURI: request.target, body: request.body)
        var carried = authenticator?.authorizationsForNextRequest(digestRequest) ?? []
        for _ in 0...DigestAuthenticator.maximumStaleRetries + 1 {
            var attempt = request
            attempt.headers += carried.map { (name: $0.headerName, value: $0.headerValue) }
            let response = try await HTTPExchange.perform(
                attempt, host: root.host, port: root.port, hostHeader: root.hostHeader,
                timeout: timeout, maximumBodyBytes: Self.maximumBodyBytes, group: group)
            guard response.status == 401 else { return response }
            guard var authenticator else { throw XCAPError.authenticationFailed }
            do {
                carried = try authenticator.answer(wwwAuthenticate: response.values("WWW-Authenticate"),
                                                   request: digestRequest, challengedRequestCarried: carried)
            } catch .credentialsRejected {
                self.authenticator = authenticator
                throw XCAPError.authenticationFailed
            } catch {
                throw XCAPError.unusableChallenge(String(describing: error))
            }
            self.authenticator = authenticator
        }
        throw XCAPError.authenticationFailed
    }

    /// Success is 2xx; the statuses XCAP gives a meaning become their own errors.
    static func check(_ response: HTTPResponse) throws {
        switch response.status {
        case 200...299: return
        case 401: throw XCAPError.authenticationFailed
        case 409: throw XCAPError.conflict(String(decoding: response.body.prefix(2048), as: UTF8.self))
        case 412: throw XCAPError.preconditionFailed
        default: throw XCAPError.refused(status: response.status, reason: response.reason)
        }
    }
}
