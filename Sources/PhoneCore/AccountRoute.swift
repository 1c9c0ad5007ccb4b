import Config
import SIPAuth
import SIPCore
import SIPTransport
import SIPUA

/// A resolved account turned into what the SIP stack needs: URIs, the next
/// hop, credentials. The only place Config's strings become SIP values.
struct AccountRoute: Sendable {
    var id: String
    var account: ResolvedAccount
    var addressOfRecord: SIPURI
    var registrar: SIPURI
    var outboundProxy: SIPURI?
    var nextHop: SIPDestination

    init(_ account: ResolvedAccount) throws(PhoneError) {
        self.account = account
        id = account.name ?? account.aor.description
        do {
            addressOfRecord = try SIPURI(parsing: account.aor.description)
            registrar = try SIPURI(parsing: account.registrar.description)
            outboundProxy = try account.proxy.map { uri throws(SIPSyntaxError) in try SIPURI(parsing: uri.description) }
        } catch {
            throw .invalidAccount("\(error)")
        }
        let kind: SIPTransportKind = switch account.transport {
        case .udp: .udp
        case .tcp: .tcp
        case .tls: .tls
        }
        // the transport the user chose is pinned: no silent switch to TCP for size
        var hop = SIPDestination(uri: outboundProxy ?? registrar, insecure: !account.tlsVerify).over(kind)
        hop.transportPinned = true
        nextHop = hop
    }

    var credentials: DigestCredentialStore {
        guard let password = account.password else { return DigestCredentialStore() }
        return DigestCredentialStore([DigestCredentials(username: account.user, password: password)])
    }

    /// Our Contact: the AOR's user at the local address of the flow we use.
    func contact(local: SIPSocketAddress) -> SIPURI {
        var parameters: [SIPParameter] = []
        if nextHop.transport != .udp { parameters.append(SIPParameter("transport", nextHop.transport.rawValue)) }
        return SIPURI(scheme: nextHop.transport == .tls ? "sips" : "sip", user: addressOfRecord.user,
                      host: local.host, port: local.port, parameters: parameters)
    }
}

public enum PhoneError: Error, Sendable, CustomStringConvertible, Equatable {
    case invalidAccount(String)
    case unknownAccount(String)
    case transport(SIPTransportError)
    /// No live call with that number (nil: no call fits the command).
    case noSuchCall(Int?)
    /// The call is in a state the command does not fit ("call 2 is ringing").
    case wrongCallState(String)
    case callFailed(String)
    case invalidArgument(String)
    /// An audio device could not be opened, or no media port was free.
    case media(String)

    public var description: String {
        switch self {
        case .noSuchCall(let id): return id.map { "no call \($0)" } ?? "no call to act on"
        case .wrongCallState(let detail): return detail
        case .callFailed(let detail): return detail
        case .invalidArgument(let detail): return detail
        case .media(let detail): return "audio: \(detail)"
        case .invalidAccount(let detail): return "invalid account: \(detail)"
        case .unknownAccount(let id): return "no account \(id)"
        case .transport(let error): return "transport: \(error)"
        }
    }
}
