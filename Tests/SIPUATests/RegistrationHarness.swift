import Foundation
import SIPAuth
import SIPCore
@testable import SIPUA
import Testing

/// A fake driver around one `RegistrationClient`: a fake clock, the timers
/// the machine started, everything it sent, and a fake registrar's answers.
/// Every REGISTER the machine emits must parse through osip with verdict
/// `.accept`, and every response goes through serialize → parse before the
/// machine sees it, as it would from the wire.
struct RegistrationHarness {
    var client: RegistrationClient
    var now = RegistrationInstant.origin
    var timers = FakeTimers<RegistrationTimer>()
    var sent: [SIPMessage] = []
    var states: [RegistrationState] = []
    var actions: [RegistrationAction] = []

    static let password = "zanzibar"

    init(_ configuration: RegistrationConfiguration = .test(), username: String = "alice", password: String = password,
         seed: UInt64 = 1) {
        let store = DigestCredentialStore([DigestCredentials(username: username, password: password)])
        let authenticator = DigestAuthenticator(credentials: store, randomSource: SplitMix64(seed: seed &+ 1000))
        client = RegistrationClient(configuration: configuration, authenticator: authenticator,
                                    randomSource: SplitMix64(seed: seed))
    }

    var state: RegistrationState { client.state }

    /// The last REGISTER sent.
    var last: SIPMessage {
        get throws { try #require(sent.last) }
    }

    @discardableResult
    mutating func handle(_ event: RegistrationEvent) -> [RegistrationAction] {
        let produced = client.handle(event, now: now)
        for action in produced { apply(action) }
        actions += produced
        return produced
    }

    private mutating func apply(_ action: RegistrationAction) {
        switch action {
        case .send(let message):
            let parsed = SIPParser.parse(datagram: message.serialized())
            #expect(parsed.verdict == .accept, "osip refused: \(parsed.detail ?? "")")
            #expect(parsed.message.map(Self.essentials) == Self.essentials(message),
                    "the REGISTER does not survive serialize → parse")
            sent.append(message)
        case .startTimer(let timer, let deadline, let after):
            timers.start(timer, at: deadline, after: after, now: now)
        case .cancelTimer(let timer):
            timers.cancel(timer)
        case .stateChanged(let state):
            states.append(state)
        case .bindingsQueried, .bindingQueryFailed:
            break
        }
    }

    /// A message without header order and comma splitting, which osip
    /// changes (it reads Authorization first, and `Supported: a, b` as two).
    static func essentials(_ message: SIPMessage) -> SIPMessage {
        var copy = message
        var joined: [String: [String]] = [:]
        for field in message.headers { joined[field.name.lowercased(), default: []].append(field.value) }
        copy.headers = SIPHeaders(joined.keys.sorted().map { SIPHeaderField($0, joined[$0]!.joined(separator: ", ")) })
        return copy
    }

    /// Answers the last REGISTER as the registrar would.
    @discardableResult
    mutating func respond(_ statusCode: Int, _ edit: (inout SIPMessage) -> Void = { _ in }) throws
        -> [RegistrationAction] {
        var response = SIPReplyBuilder.reply(to: try last, statusCode: statusCode)
        edit(&response)
        return try deliver(response)
    }

    /// Answers the last REGISTER with 200, listing its contacts with what it asked for.
    @discardableResult
    mutating func accept(granting granted: UInt32? = nil, others: [String] = []) throws -> [RegistrationAction] {
        let request = try last
        return try respond(200) { response in
            response.contacts = request.contacts.compactMap { contact -> SIPContact? in
                guard var address = contact.nameAddr, contact.expires != 0 else { return nil }
                if let granted { address.parameters.set("expires", String(granted)) }
                return .address(address)
            }
            for other in others { response.contacts.append(.address(try! NameAddr(parsing: other))) }
        }
    }

    /// Answers with a Digest challenge.
    @discardableResult
    mutating func challenge(nonce: String = "n1", stale: Bool = false, proxy: Bool = false) throws
        -> [RegistrationAction] {
        try respond(proxy ? 407 : 401) {
            $0.headers.add(proxy ? "Proxy-Authenticate" : "WWW-Authenticate",
                           Self.challengeValue(nonce: nonce, stale: stale))
        }
    }

    static func challengeValue(nonce: String, stale: Bool = false, realm: String = "example.com") -> String {
        #"Digest realm="\#(realm)", qop="auth", nonce="\#(nonce)", opaque="", stale=\#(stale ? "TRUE" : "FALSE"), algorithm=MD5"#
    }

    /// Hands a response to the machine after a trip through the parser.
    @discardableResult
    mutating func deliver(_ response: SIPMessage) throws -> [RegistrationAction] {
        let parsed = SIPParser.parse(datagram: response.serialized())
        #expect(parsed.verdict == .accept, "test response refused: \(parsed.detail ?? "")")
        return handle(.responseReceived(try #require(parsed.message)))
    }

    /// Times out the last REGISTER (Timer F).
    @discardableResult
    mutating func timeOut() throws -> [RegistrationAction] {
        handle(.requestTimedOut(cseq: try #require(try last.cseq?.number)))
    }

    /// Moves the clock, firing due timers in deadline order.
    mutating func advance(to instant: RegistrationInstant) {
        while let (timer, deadline) = timers.popDue(by: instant) {
            now = deadline
            handle(.timerFired(timer))
        }
        now = max(now, instant)
    }

    mutating func advance(by duration: Duration) { advance(to: now + duration) }

    /// Runs the clock up to and including the named timer's firing.
    mutating func runUntilFired(_ timer: RegistrationTimer) throws {
        advance(to: try #require(timers[timer], "\(timer) is not running"))
    }

    /// Registers from scratch: start, 200 granting `granted`.
    mutating func register(granting granted: UInt32? = nil) throws {
        handle(.start)
        try accept(granting: granted)
        #expect(state.isRegistered)
    }
}

extension RegistrationConfiguration {
    static let aliceAOR = SIPURI(user: "alice", host: "example.com")
    static let aliceContact = SIPURI(user: "alice", host: "192.0.2.10", port: 5060)
    static let instance = UUID(uuidString: "00000000-0000-1000-8000-AABBCCDDEEFF")!

    static func test(expires: UInt32 = 3600, outboundProxy: SIPURI? = nil, instanceID: UUID? = nil,
                     outbound: Bool = false, backoff: RegistrationBackoff = RegistrationBackoff())
        -> RegistrationConfiguration {
        RegistrationConfiguration(
            addressOfRecord: aliceAOR, registrar: SIPURI(host: "example.com"), outboundProxy: outboundProxy,
            contact: aliceContact, displayName: "Alice", requestedExpires: expires,
            instanceID: instanceID, outbound: outbound, userAgent: "Switchboard/test", backoff: backoff)
    }
}

extension SIPMessage {
    /// The header values of one name, or the empty list.
    func values(_ name: String) -> [String] { headers.values(name) }

    /// The Authorization fields, parsed.
    func authorization(_ name: String = "Authorization") throws -> DigestAuthorizationFields {
        try DigestAuthorizationFields(parsing: try #require(headers[name], "no \(name)"))
    }

    /// Contacts as (URI, expires) pairs.
    var contactExpiries: [(String, UInt32?)] {
        contacts.compactMap { $0.nameAddr.map { ($0.uri.description, SIPContact.address($0).expires) } }
    }
}
