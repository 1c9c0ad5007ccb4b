import SIPAuth
import SIPCore
import SIPTransaction
import SIPTransport

extension UserAgent {
    /// Adds an account's registration binding; `route` is the next hop its
    /// REGISTERs go to (the outbound proxy, else the registrar).
    public func addRegistration(account: String, configuration: RegistrationConfiguration,
                                credentials: DigestCredentialStore, route: SIPDestination) {
        let client = RegistrationClient(configuration: configuration,
                                        authenticator: DigestAuthenticator(credentials: credentials))
        registrations.add(client, for: account)
        registrationRoutes[account] = route
    }

    public func register(account: String) async {
        await performRegistration(registrations.handle(.start, for: account, now: RegistrationInstant(now)))
    }

    public func unregister(account: String) async {
        await performRegistration(registrations.handle(.stop, for: account, now: RegistrationInstant(now)))
    }

    /// Asks the registrar for the account's current bindings (REGISTER without Contact).
    public func queryBindings(account: String) async {
        await performRegistration(registrations.handle(.queryBindings, for: account, now: RegistrationInstant(now)))
    }

    public func registrationState(account: String) -> RegistrationState? { registrations.state(of: account) }

    func performRegistration(_ actions: [RegistrationSet<String>.TaggedAction]) async {
        for tagged in actions {
            let account = tagged.account
            switch tagged.action {
            case .send(let request):
                guard let route = registrationRoutes[account] else { continue }
                await startClient(request, to: route,
                                  owner: .registration(account: account, cseq: request.cseq?.number ?? 0))
            case .startTimer(let timer, let at, _):
                usageTimers.schedule(.registration(account: account, timer), at: at.sinceOrigin)
            case .cancelTimer(let timer):
                usageTimers.cancel(.registration(account: account, timer))
            case .stateChanged(let state):
                emit(.registration(account: account, state))
                if state.isRegistered, let route = registrationRoutes[account], !keepaliveRoutes.contains(route) {
                    // NAT keepalive on the registration's flow, whatever the
                    // registrar's outbound support (CRLF on UDP, ping-pong on streams)
                    keepaliveRoutes.insert(route)
                    _ = try? await transport.startKeepalive(to: route)
                }
            case .bindingsQueried(let bindings):
                emit(.bindingsQueried(account: account, bindings))
            case .bindingQueryFailed(let failure):
                emit(.bindingsQueryFailed(account: account, failure))
            }
        }
        rearmTimer()
    }

    /// A flow to a registration's next hop broke or came back: tell the
    /// machines, which re-register at once when it is back (RFC 5626 §4.4).
    func connectionEvent(_ event: SIPConnectionEvent) async {
        emit(.transport(event))
        let affected: (SIPDestination) -> [String] = { destination in
            self.registrationRoutes.filter { $0.value.host == destination.host && $0.value.port == destination.port }
                .map(\.key)
        }
        switch event {
        case .closed(let info, let reason) where reason != .localClose:
            // the keepalive died with the connection; the next registration restarts it
            keepaliveRoutes = keepaliveRoutes.filter { $0.host != info.destination.host || $0.port != info.destination.port }
            for account in affected(info.destination) {
                await performRegistration(registrations.handle(.transportFailed, for: account, now: RegistrationInstant(now)))
            }
        case .keepaliveTimeout(let info):
            for account in affected(info.destination) {
                await performRegistration(registrations.handle(.transportFailed, for: account, now: RegistrationInstant(now)))
            }
        case .connected(let info):
            for account in affected(info.destination) {
                guard let client = registrations[account] else { continue }
                let local = info.flow.local
                if info.flow.transport.isStream, client.contact.host != local.host || client.contact.port != local.port {
                    // a new connection has a new local port: the registrar must
                    // learn the contact it can reach us on (RFC 5626 §4.2.1)
                    var contact = client.contact
                    contact.host = local.host
                    contact.port = local.port
                    await performRegistration(registrations.handle(.contactChanged(contact), for: account,
                                                                   now: RegistrationInstant(now)))
                } else if isWaitingOnTransport(client.state) {
                    await performRegistration(registrations.handle(.transportRecovered, for: account,
                                                                   now: RegistrationInstant(now)))
                }
            }
        case .failed, .keepalivePong, .closed:
            break
        }
    }

    private func isWaitingOnTransport(_ state: RegistrationState) -> Bool {
        if case .failed(.transport, _) = state { return true }
        return false
    }
}
