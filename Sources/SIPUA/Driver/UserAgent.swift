import Logging
import SIPAuth
import SIPCore
import SIPTransaction
import SIPTransport

/// The one driver of the SIP stack: it owns the transaction table, the usage
/// state machines (registration now) and the timers, feeds them what the
/// transport receives and what the clock says, and performs their actions.
/// Everything it decides is decided by the pure state machines; this actor
/// only moves events and actions between them and the world.
public actor UserAgent {
    public let transport: SIPTransportLayer
    public nonisolated let events: AsyncStream<UserAgentEvent>
    let eventSink: AsyncStream<UserAgentEvent>.Continuation
    let configuration: UserAgentConfiguration
    let logger = Logger(label: "switchboard.sip.ua")

    /// Every deadline is a `Duration` since this instant.
    let epoch = ContinuousClock.now
    var table: TransactionTable
    var transactionTimers = TimerSchedule()
    var usageTimers = UsageTimers<UsageTimerKey>()
    var armedDeadline: Duration?
    var timerTask: Task<Void, Never>?
    var loops: [Task<Void, Never>] = []

    /// Per client transaction: where its requests go and who waits for it.
    var clientDestinations: [TransactionKey: SIPDestination] = [:]
    var owners: [TransactionKey: TransactionOwner] = [:]
    /// Per server transaction: the flow its request came in on.
    var serverFlows: [TransactionKey: SIPFlow] = [:]

    /// Per server transaction: what its responses look like, to find it again
    /// when a call answers (the sessions name no transactions).
    var serverKeys: [ResponseIdentity: TransactionKey] = [:]
    var serverIdentities: [TransactionKey: ResponseIdentity] = [:]

    var calls = CallRegistry()
    var callSetups: [String: CallSetup] = [:]
    var callAccountOrder: [String] = []
    var callAccounts: [CallHandle: String] = [:]
    /// Callee: the flow the INVITE came on, for 2xx retransmissions that
    /// outlive its transaction.
    var callFlows: [CallHandle: SIPFlow] = [:]

    var registrations = RegistrationSet<String>()
    var registrationRoutes: [String: SIPDestination] = [:]
    var keepaliveRoutes: Set<SIPDestination> = []
    /// Publications, subscriptions and MESSAGE state per account (UserAgent+Presence.swift).
    var presence = PresenceUsages()

    public private(set) var localAddress: SIPSocketAddress?

    enum TransactionOwner {
        case registration(account: String, cseq: UInt32)
        case publication(account: String, cseq: UInt32)
        case subscription(account: String, SubscriptionKey, cseq: UInt32)
        case waiter(CheckedContinuation<ClientOutcome, Never>)
        /// A request of a call's session, as the session sent it.
        case call(CallHandle, request: SIPMessage)
    }

    public init(configuration: UserAgentConfiguration = UserAgentConfiguration()) {
        self.configuration = configuration
        self.transport = SIPTransportLayer(configuration: configuration.transport)
        self.table = TransactionTable(timers: configuration.timers)
        (events, eventSink) = AsyncStream.makeStream(of: UserAgentEvent.self, bufferingPolicy: .bufferingNewest(1024))
    }

    /// Binds the UDP socket and starts reading the transport.
    @discardableResult
    public func start() async throws(SIPTransportError) -> SIPSocketAddress {
        let address = try await transport.bindUDP(host: configuration.bindHost, port: configuration.bindPort)
        localAddress = address
        let inbound = transport.inboundMessages
        let connectionEvents = transport.connectionEvents
        loops.append(Task { [weak self] in
            for await message in inbound { await self?.receive(message) }
        })
        loops.append(Task { [weak self] in
            for await event in connectionEvents { await self?.connectionEvent(event) }
        })
        return address
    }

    /// Stops timers and loops and closes every socket. Unregister first.
    public func shutdown() async {
        timerTask?.cancel()
        timerTask = nil
        for loop in loops { loop.cancel() }
        loops.removeAll()
        for (_, owner) in owners {
            if case .waiter(let continuation) = owner { continuation.resume(returning: .timeout) }
        }
        owners.removeAll()
        await transport.shutdown()
        eventSink.finish()
    }

    var now: Duration { ContinuousClock.now - epoch }

    func emit(_ event: UserAgentEvent) { eventSink.yield(event) }

    // MARK: Clock

    /// Arms one sleeping task for the earliest pending deadline. No polling:
    /// with nothing pending nothing runs.
    func rearmTimer() {
        let next = [transactionTimers.nextDeadline, usageTimers.nextDeadline].compactMap { $0 }.min()
        guard next != armedDeadline else { return }
        timerTask?.cancel()
        armedDeadline = next
        guard let next else { timerTask = nil; return }
        let wake = epoch + next
        timerTask = Task { [weak self] in
            try? await Task.sleep(until: wake, tolerance: .milliseconds(2), clock: .continuous)
            guard !Task.isCancelled else { return }
            await self?.timersDue()
        }
    }

    func timersDue() async {
        armedDeadline = nil
        let current = now
        for due in transactionTimers.fire(upTo: current) {
            await perform(table.timerFired(due.timer, for: due.key))
        }
        for key in usageTimers.fire(upTo: current) {
            switch key {
            case .registration(let account, let timer):
                await performRegistration(registrations.handle(.timerFired(timer), for: account,
                                                               now: RegistrationInstant(current)))
            case .call(let call, let timer):
                await callTimerFired(timer, call: call, at: current)
            case .publication, .subscription, .subscriptionPacing:
                await presenceTimerFired(key)
            }
        }
        rearmTimer()
    }
}
