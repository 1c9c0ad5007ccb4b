import SIPAuth
import SIPCore
@testable import SIPUA
import Testing

/// Several accounts: routing by account id and staggered starts.
@Suite struct RegistrationSetTests {
    static func client(_ user: String, seed: UInt64) -> RegistrationClient {
        var configuration = RegistrationConfiguration.test()
        configuration.addressOfRecord = SIPURI(user: user, host: "example.com")
        configuration.contact = SIPURI(user: user, host: "192.0.2.10", port: 5060)
        let store = DigestCredentialStore([DigestCredentials(username: user, password: "pw")])
        return RegistrationClient(configuration: configuration, authenticator: DigestAuthenticator(credentials: store),
                                  randomSource: SplitMix64(seed: seed))
    }

    static func set(_ users: [String], spread: Duration = .seconds(5)) -> RegistrationSet<String> {
        var set = RegistrationSet<String>(startSpread: spread, randomSource: SplitMix64(seed: 99))
        for (index, user) in users.enumerated() { set.add(client(user, seed: UInt64(index)), for: user) }
        return set
    }

    static func sentRequests(_ actions: [RegistrationSet<String>.TaggedAction]) -> [(String, SIPMessage)] {
        actions.compactMap { tagged in
            if case .send(let message) = tagged.action { return (tagged.account, message) }
            return nil
        }
    }

    @Test func startAllStaggersSeveralAccounts() throws {
        let users = ["alice", "bob", "carol", "dave", "erin"]
        var set = Self.set(users)
        let now = RegistrationInstant.origin + .seconds(10)
        let actions = set.startAll(now: now)
        #expect(Self.sentRequests(actions).isEmpty)
        var deadlines: [String: RegistrationInstant] = [:]
        for tagged in actions {
            guard case .startTimer(.staggeredStart, let at, let after) = tagged.action else {
                Issue.record("unexpected \(tagged.action)")
                continue
            }
            #expect(after >= .zero && after <= .seconds(5) && at == now + after)
            deadlines[tagged.account] = at
        }
        #expect(Set(deadlines.keys) == Set(users))
        #expect(Set(deadlines.values).count == users.count)

        let fired = set.handle(.timerFired(.staggeredStart), for: "carol", now: try #require(deadlines["carol"]))
        let sent = Self.sentRequests(fired)
        #expect(sent.count == 1 && sent.first?.0 == "carol")
        #expect(sent.first?.1.from?.uri.user == "carol")
        #expect(set.state(of: "carol") == .registering)
        #expect(set.state(of: "alice") == .unregistered)
    }

    @Test func oneAccountStartsAtOnce() {
        var set = Self.set(["alice"])
        let sent = Self.sentRequests(set.startAll(now: .origin))
        #expect(sent.map(\.0) == ["alice"])
    }

    @Test func eventsGoToTheirAccountOnly() throws {
        var set = Self.set(["alice", "bob"])
        let started = set.handle(.start, for: "bob", now: .origin)
        let request = try #require(Self.sentRequests(started).first?.1)
        var ok = SIPReplyBuilder.reply(to: request, statusCode: 200)
        ok.contacts = request.contacts
        let actions = set.handle(.responseReceived(ok), for: "bob", now: .origin + .seconds(1))
        #expect(actions.allSatisfy { $0.account == "bob" })
        #expect(set.state(of: "bob")?.isRegistered == true)
        #expect(set.state(of: "alice") == .unregistered)
        // the same response means nothing to alice's machine
        #expect(set.handle(.responseReceived(ok), for: "alice", now: .origin).isEmpty)
        #expect(set.handle(.start, for: "nobody", now: .origin).isEmpty)
    }

    @Test func stopBeforeTheStaggeredStartCancelsIt() {
        var set = Self.set(["alice", "bob"])
        _ = set.startAll(now: .origin)
        let actions = set.handle(.stop, for: "alice", now: .origin)
        #expect(actions == [.init(account: "alice", action: .cancelTimer(.staggeredStart))])
        // a late firing of the cancelled timer starts nothing
        #expect(set.handle(.timerFired(.staggeredStart), for: "alice", now: .origin + .seconds(5)).isEmpty)
        #expect(set.state(of: "alice") == .unregistered)
    }

    @Test func removeAndReAdd() {
        var set = Self.set(["alice", "bob"])
        #expect(set.remove("alice") != nil)
        #expect(set.accounts == ["bob"])
        set.add(Self.client("alice", seed: 5), for: "alice")
        #expect(set.accounts == ["bob", "alice"])
        #expect(set["alice"]?.state == .unregistered)
    }
}
