import SIPAuth
import SIPCore
import SIPTransport
import SIPUA

/// The answer to a SIP ping (OPTIONS, RFC 3261 §11).
public struct PingResult: Codable, Sendable, Equatable {
    public var target: String
    public var statusCode: Int
    public var reasonPhrase: String
    /// From sending the (last) OPTIONS to its final response.
    public var roundTripMs: Double
    public var server: String?
    public var allow: String?
    public var accept: String?
    public var supported: String?
}

public enum PingError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidTarget(String)
    case timeout
    case transport(SIPTransportError)
    case authenticationRejected(String)

    public var description: String {
        switch self {
        case .invalidTarget(let detail): return "invalid target: \(detail)"
        case .timeout: return "no answer"
        case .transport(let error): return "transport: \(error)"
        case .authenticationRejected(let detail): return "authentication failed: \(detail)"
        }
    }
}

extension PhoneCore {
    /// Sends OPTIONS to `target` (through the account's outbound proxy when
    /// it has one, answering one digest challenge with its credentials) and
    /// reports the final response and the round-trip time.
    public func ping(_ target: String, account id: String?) async throws(PingError) -> PingResult {
        let uri: SIPURI
        do { uri = try SIPURI(parsing: target) } catch { throw .invalidTarget(error.description) }
        let route = id.flatMap { routes[$0] }
        let agent: UserAgent
        if let running = userAgent {
            agent = running
        } else {
            do {
                agent = try await startAgent(bindingFor: route?.nextHop.host ?? uri.host, caFile: route?.account.tlsCAFile)
            } catch {
                if case .transport(let transportError) = error { throw .transport(transportError) }
                throw .invalidTarget(error.description)
            }
        }
        var destination = route?.nextHop ?? SIPDestination(uri: uri)
        if route?.outboundProxy == nil, route != nil { destination = SIPDestination(uri: uri).over(destination.transport) }
        let local = await agent.localAddress ?? SIPSocketAddress(host: "127.0.0.1", port: 5060)

        var request = SIPMessage.request(.options, uri)
        let from = route?.addressOfRecord ?? SIPURI(user: "anonymous", host: "anonymous.invalid")
        request.from = NameAddr(uri: from, parameters: [SIPParameter("tag", SIPIdentifier.tag())])
        request.to = NameAddr(uri: uri)
        request.callID = SIPIdentifier.callID(host: local.host)
        if let proxy = route?.outboundProxy {
            var loose = proxy
            loose.parameters.setFlag("lr")
            request.routes = [NameAddr(uri: loose)]
        }
        request.headers.add("Max-Forwards", "70")
        request.headers.add("Accept", "application/sdp")
        request.headers.add("User-Agent", options.userAgent)
        var authenticator = DigestAuthenticator(credentials: route?.credentials ?? DigestCredentialStore())
        var carried: [DigestAuthorization] = []
        for attempt in 1...3 {
            request.cseq = CSeq(UInt32(attempt), .options)
            request.vias = [Via(transport: destination.transport.viaToken, host: local.host, port: local.port,
                                branch: SIPIdentifier.branch(), parameters: [SIPParameter("rport")])]
            let started = ContinuousClock.now
            let outcome = await agent.request(request, to: destination)
            let elapsed = ContinuousClock.now - started
            switch outcome {
            case .timeout: throw .timeout
            case .transportError(let error): throw .transport(error)
            case .response(let response):
                let code = response.statusCode ?? 0
                if (code == 401 || code == 407) && attempt < 3 {
                    do {
                        carried = try authenticator.answer(
                            wwwAuthenticate: response.headers.values("WWW-Authenticate"),
                            proxyAuthenticate: response.headers.values("Proxy-Authenticate"),
                            request: DigestRequest(method: "OPTIONS", requestURI: uri.description),
                            challengedRequestCarried: carried)
                    } catch {
                        throw .authenticationRejected("\(error)")
                    }
                    request.headers.remove("Authorization")
                    request.headers.remove("Proxy-Authorization")
                    for authorization in carried { request.headers.add(authorization.headerName, authorization.headerValue) }
                    continue
                }
                return PingResult(target: uri.description, statusCode: code, reasonPhrase: response.reasonPhrase ?? "",
                                  roundTripMs: Double(elapsed.components.seconds) * 1000
                                    + Double(elapsed.components.attoseconds) / 1e15,
                                  server: response.headers["Server"] ?? response.headers["User-Agent"],
                                  allow: Self.list(response, "Allow"), accept: Self.list(response, "Accept"),
                                  supported: Self.list(response, "Supported"))
            }
        }
        throw .authenticationRejected("the server kept challenging")
    }
}

extension PhoneCore {
    /// A list header as one value: its items may come in one field or
    /// several (RFC 3261 §7.3.1), and the parser hands them over one by one.
    static func list(_ message: SIPMessage, _ name: String) -> String? {
        let values = message.headers.values(name)
        return values.isEmpty ? nil : values.joined(separator: ", ")
    }
}
