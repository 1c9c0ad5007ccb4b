import Config
import Foundation
import Logging
import SIPCore
import SIPTransport
import SIPUA

/// The one owner of state. Commands come in as method calls, changes go out
/// as `events`, and `snapshot()` gives the whole state as values. Nothing
/// else holds state: the UI and the control socket only talk to this actor.
public actor PhoneCore {
    let options: PhoneOptions
    let logger = Logger(label: "switchboard.phone")
    var userAgent: UserAgent?
    var routes: [String: AccountRoute] = [:]
    var order: [String] = []
    var registrationStates: [String: RegistrationSnapshot] = [:]
    /// Destinations whose last connection attempt failed in TLS.
    var tlsFailedHops: Set<String> = []
    var waiters: [UUID: Waiter] = [:]
    var bindingWaiters: [String: [CheckedContinuation<[RegistrationSnapshot.Binding]?, Never>]] = [:]
    var eventLoop: Task<Void, Never>?
    var telephony = Telephony()
    /// Own status, buddies, watchers (PhoneCore+Presence.swift, PhoneCore+Buddies.swift).
    var presence = PresenceBook()

    let broadcaster = EventBroadcaster()

    /// A new stream of every event from now on; each caller gets its own.
    public nonisolated var events: AsyncStream<PhoneEvent> { broadcaster.subscribe() }

    struct Waiter {
        var account: String
        var until: @Sendable (RegistrationSnapshot) -> Bool
        var continuation: CheckedContinuation<RegistrationSnapshot, Never>
    }

    public init(options: PhoneOptions = PhoneOptions()) {
        self.options = options
    }

    /// Adds an account and prepares its registration (nothing is sent yet).
    @discardableResult
    public func addAccount(_ account: ResolvedAccount) async throws(PhoneError) -> String {
        let route = try AccountRoute(account)
        let agent = try await startAgent(for: route)
        var local = await agent.localAddress ?? SIPSocketAddress(host: "127.0.0.1", port: 5060)
        if route.nextHop.transport.isStream {
            do {
                local = try await agent.transport.connect(to: route.nextHop).flow.local
            } catch {
                if error.kind == .tls { tlsFailedHops.insert(route.nextHop.description) }
                throw .transport(error)
            }
        } else if local.isUnspecified {
            local.host = LocalAddress.route(to: route.nextHop.host) ?? "127.0.0.1"
        }
        var configuration = RegistrationConfiguration(
            addressOfRecord: route.addressOfRecord, registrar: route.registrar, outboundProxy: route.outboundProxy,
            contact: route.contact(local: local), displayName: account.displayName,
            requestedExpires: UInt32(account.expires), instanceID: InstanceID.load(stateDirectory: options.stateDirectory),
            outbound: false, userAgent: options.userAgent)
        configuration.backoff = RegistrationBackoff(baseTime: options.retryBase, maximumTime: options.retryMaximum)
        await agent.addRegistration(account: route.id, configuration: configuration, credentials: route.credentials,
                                    route: route.nextHop)
        let session = SessionConfiguration(
            localAddress: NameAddr(displayName: account.displayName, uri: route.addressOfRecord),
            contact: configuration.contact, outboundProxy: route.outboundProxy, userAgent: options.userAgent)
        await agent.addCallAccount(route.id, setup: CallSetup(configuration: session, credentials: route.credentials,
                                                              route: route.nextHop))
        telephony.mediaHosts[route.id] = local.host
        await preparePresence(route, contact: configuration.contact, agent: agent)
        routes[route.id] = route
        if !order.contains(route.id) { order.append(route.id) }
        registrationStates[route.id] = .unregistered
        return route.id
    }

    public func register(_ id: String) async throws(PhoneError) {
        guard routes[id] != nil, let agent = userAgent else { throw .unknownAccount(id) }
        await agent.register(account: id)
    }

    public func unregister(_ id: String) async throws(PhoneError) {
        guard routes[id] != nil, let agent = userAgent else { throw .unknownAccount(id) }
        await agent.unregister(account: id)
    }

    public func queryBindings(_ id: String) async throws(PhoneError) {
        guard routes[id] != nil, let agent = userAgent else { throw .unknownAccount(id) }
        await agent.queryBindings(account: id)
    }

    public func registration(_ id: String) -> RegistrationSnapshot? { registrationStates[id] }

    /// Asks the registrar which contacts are bound to the account's AOR
    /// (REGISTER without Contact); nil when no answer came within `timeout`.
    public func fetchBindings(_ id: String, timeout: Duration) async throws(PhoneError) -> [RegistrationSnapshot.Binding]? {
        guard routes[id] != nil, let agent = userAgent else { throw .unknownAccount(id) }
        return await withCheckedContinuation { continuation in
            // the waiter is in place before the query goes out: on loopback
            // the answer can arrive before an awaited send would return
            bindingWaiters[id, default: []].append(continuation)
            Task { await agent.queryBindings(account: id) }
            Task { [weak self] in
                try? await Task.sleep(for: timeout)
                await self?.answerBindingWaiters(id, with: nil)
            }
        }
    }

    private func answerBindingWaiters(_ id: String, with bindings: [RegistrationSnapshot.Binding]?) {
        for waiter in bindingWaiters.removeValue(forKey: id) ?? [] { waiter.resume(returning: bindings) }
    }

    /// Waits until the account's registration satisfies `until`, or `timeout`
    /// passes; returns the registration as it is then.
    public func waitForRegistration(_ id: String, timeout: Duration,
                                    until: @escaping @Sendable (RegistrationSnapshot) -> Bool) async -> RegistrationSnapshot {
        let current = registrationStates[id] ?? .unregistered
        if until(current) { return current }
        let token = UUID()
        return await withCheckedContinuation { continuation in
            waiters[token] = Waiter(account: id, until: until, continuation: continuation)
            Task { [weak self] in
                try? await Task.sleep(for: timeout)
                await self?.expireWaiter(token)
            }
        }
    }

    public func snapshot() -> PhoneSnapshot {
        PhoneSnapshot(calls: liveCalls, accounts: order.compactMap { id in
            guard let route = routes[id] else { return nil }
            return PhoneSnapshot.Account(id: id, aor: route.addressOfRecord.description,
                                         nextHop: (route.outboundProxy ?? route.registrar).description,
                                         transport: route.nextHop.transport.rawValue,
                                         insecureTLS: route.nextHop.isInsecure,
                                         registration: registrationStates[id] ?? .unregistered,
                                         presence: presence.own[id]?.snapshot)
        }, buddies: order.flatMap { buddies(account: $0) },
           watchers: order.flatMap { presence.watchers[$0] ?? [] })
    }

    /// Unregisters every registered account (waiting at most `grace`), then
    /// closes the SIP stack.
    public func shutdown(grace: Duration = .seconds(5)) async {
        guard let agent = userAgent else { return }
        await endCalls(grace: grace)
        await withdrawPresence(grace: grace)
        for id in order where registrationStates[id]?.status == .registered || registrationStates[id]?.status == .registering {
            await agent.unregister(account: id)
        }
        for id in order {
            _ = await waitForRegistration(id, timeout: grace) { $0.status != .unregistering && $0.status != .registered }
        }
        await agent.shutdown()
        eventLoop?.cancel()
        userAgent = nil
        for (_, waiter) in waiters { waiter.continuation.resume(returning: registrationStates[waiter.account] ?? .unregistered) }
        waiters.removeAll()
        for id in Array(bindingWaiters.keys) { answerBindingWaiters(id, with: nil) }
        broadcaster.finish()
    }

    // MARK: The SIP stack

    private func startAgent(for route: AccountRoute) async throws(PhoneError) -> UserAgent {
        try await startAgent(bindingFor: route.nextHop.host, caFile: route.account.tlsCAFile)
    }

    /// Starts the one SIP stack: bound to loopback when the first peer is on
    /// loopback (tests, the local demo), else to every interface.
    func startAgent(bindingFor peerHost: String, caFile: String?) async throws(PhoneError) -> UserAgent {
        if let userAgent { return userAgent }
        var configuration = UserAgentConfiguration()
        configuration.bindHost = LocalAddress.isLoopback(peerHost) ? "127.0.0.1" : "0.0.0.0"
        configuration.timers = options.timers
        configuration.userAgent = options.userAgent
        configuration.transport.traceHook = options.traceHook
        if let caFile { configuration.transport.tls.caFile = caFile }
        let agent = UserAgent(configuration: configuration)
        do {
            try await agent.start()
        } catch {
            throw .transport(error)
        }
        userAgent = agent
        let stream = agent.events
        eventLoop = Task { [weak self] in
            for await event in stream { await self?.handle(event) }
        }
        return agent
    }

    private func handle(_ event: UserAgentEvent) async {
        switch event {
        case .registration(let account, let state):
            let hop = routes[account]?.nextHop.description ?? ""
            let snapshot = RegistrationSnapshot(state, now: RegistrationInstant(.zero), tlsFailed: tlsFailedHops.contains(hop))
            registrationStates[account] = snapshot
            broadcaster.yield(.registration(account: account, snapshot))
            await presenceFollowsRegistration(account, snapshot)
            for (token, waiter) in waiters where waiter.account == account && waiter.until(snapshot) {
                waiters[token] = nil
                waiter.continuation.resume(returning: snapshot)
            }
        case .bindingsQueried(let account, let bindings):
            let values = bindings.map(RegistrationSnapshot.Binding.init)
            broadcaster.yield(.bindings(account: account, values))
            answerBindingWaiters(account, with: values)
        case .bindingsQueryFailed(let account, let failure):
            broadcaster.yield(.notice("bindings query for \(account) failed: \(RegistrationSnapshot.describe(failure))"))
            answerBindingWaiters(account, with: nil)
        case .transport(let connectionEvent):
            if case .failed(let destination, let error) = connectionEvent, error.kind == .tls {
                tlsFailedHops.insert(destination.description)
            }
            broadcaster.yield(.notice("transport: \(connectionEvent)"))
        case .requestAnswered(let method, let status):
            broadcaster.yield(.notice("answered \(method) with \(status)"))
        case .call(let call, let update):
            await callUpdate(update, call: call)
        case .presence(let event):
            handlePresence(event)
        }
    }

    private func expireWaiter(_ token: UUID) {
        guard let waiter = waiters.removeValue(forKey: token) else { return }
        waiter.continuation.resume(returning: registrationStates[waiter.account] ?? .unregistered)
    }
}
