import SIPAuth
import SIPCore
import SIPTransaction
import SIPTransport

/// What an account needs to place and take calls: who we are in them
/// (From, Contact, timers), the credentials for 401/407, and where
/// out-of-dialog requests go (the outbound proxy or the registrar, as for
/// REGISTER: most servers only route calls from clients that go through them).
public struct CallSetup: Sendable {
    public var configuration: SessionConfiguration
    public var credentials: DigestCredentialStore
    public var route: SIPDestination

    public init(configuration: SessionConfiguration, credentials: DigestCredentialStore, route: SIPDestination) {
        self.configuration = configuration
        self.credentials = credentials
        self.route = route
    }
}

/// What the user agent tells about one call.
public enum CallUpdate: Sendable {
    /// A new incoming call (the INVITE is answered 100 by its transaction;
    /// ring, answer or reject it with `callCommand`).
    case incoming(account: String, invite: SIPMessage)
    case state(SessionState)
    case event(CallEvent)
    /// A provisional or final response to our INVITE (its status code; the
    /// transferee reports these to the transferor) and the far end's
    /// User-Agent or Server header.
    case inviteResponse(statusCode: Int, userAgent: String?)
}

extension UserAgent {
    /// Lets `account` place and take calls.
    public func addCallAccount(_ account: String, setup: CallSetup) {
        var setup = setup
        // the sessions' timers are the stack's (set once, here)
        setup.configuration.t1 = configuration.timers.t1
        setup.configuration.t2 = configuration.timers.t2
        callSetups[account] = setup
        if callAccountOrder.firstIndex(of: account) == nil { callAccountOrder.append(account) }
    }

    /// Starts a call from `account` to `remote` with `offer` (nil: a delayed
    /// offer). Nil when the account cannot place calls.
    public func placeCall(account: String, to remote: NameAddr, offer: MessageBody?) async -> CallHandle? {
        guard let setup = callSetups[account] else { return nil }
        let session = InviteSession(calling: remote, offer: offer, configuration: setup.configuration,
                                    authenticator: DigestAuthenticator(credentials: setup.credentials))
        let (call, actions) = calls.place(session, now: SessionInstant(now))
        callAccounts[call] = account
        await performCall(actions)
        return call
    }

    /// Gives one call an event from the user (answer, hang up, hold, ...).
    public func callCommand(_ event: SessionEvent, for call: CallHandle) async {
        await performCall(calls.handle(event, for: call, now: SessionInstant(now)))
    }

    // MARK: From the network

    /// Takes a request if it belongs to the calls: an INVITE outside any
    /// dialog, a request in a call's dialog, a CANCEL of an INVITE we
    /// received, an ACK; and requests for dialogs nobody has (481), except a
    /// NOTIFY, which may be a subscription's. False leaves it to others.
    func routeToCalls(_ request: SIPMessage, on key: TransactionKey?, flow: SIPFlow?) async -> Bool {
        guard let method = request.method else { return false }
        let inDialog = request.to?.tag != nil
        if inDialog, method == .notify || method == .subscribe || method == .message || method == .publish,
           calls.call(callID: request.callID, localTag: request.to?.tag) == nil {
            return false
        }
        if !inDialog, method != .invite, method != .cancel, method != .ack { return false }
        switch calls.receive(request: request, now: SessionInstant(now)) {
        case .routed(let actions):
            await performCall(actions)
        case .unknownDialog(let response):
            if let response, let key { await perform((try? table.sendResponse(response, on: key)) ?? []) }
        case .outsideDialog:
            guard method == .invite, let key else { return false }
            await incomingInvite(request, on: key, flow: flow)
        }
        return true
    }

    private func incomingInvite(_ invite: SIPMessage, on key: TransactionKey, flow: SIPFlow?) async {
        guard let account = account(for: invite), let setup = callSetups[account] else {
            // no account takes calls: "not available" rather than a dialog we cannot serve
            await perform((try? table.sendResponse(SIPReplyBuilder.reply(to: invite, statusCode: 480), on: key)) ?? [])
            return
        }
        guard let session = InviteSession(incoming: invite, configuration: setup.configuration,
                                          authenticator: DigestAuthenticator(credentials: setup.credentials),
                                          overTLS: flow?.transport == .tls) else {
            await perform((try? table.sendResponse(SIPReplyBuilder.reply(to: invite, statusCode: 400), on: key)) ?? [])
            return
        }
        let call = calls.add(session)
        callAccounts[call] = account
        if let flow { callFlows[call] = flow }
        emit(.call(call, .incoming(account: account, invite: invite)))
    }

    /// The account an INVITE is for: the one whose Contact or AOR user is
    /// the Request-URI's user, else the first that takes calls.
    private func account(for invite: SIPMessage) -> String? {
        let user = invite.requestURI?.user
        return callAccountOrder.first { callSetups[$0]?.configuration.contact.user == user }
            ?? callAccountOrder.first { callSetups[$0]?.configuration.localAddress.uri.user == user }
            ?? callAccountOrder.first
    }

    /// A response to a request a call sent: provisional ones matter too
    /// (ringing, early media), and 2xx retransmissions to the INVITE.
    func deliverToCall(_ response: SIPMessage, call: CallHandle) async {
        if response.cseq?.method == .invite, let code = response.statusCode {
            emit(.call(call, .inviteResponse(statusCode: code,
                                             userAgent: response.headers["User-Agent"] ?? response.headers["Server"])))
        }
        await performCall(calls.receive(response: response, now: SessionInstant(now)))
    }

    func callRequestFailed(_ request: SIPMessage, call: CallHandle, failure: RequestFailure) async {
        await performCall(calls.handle(.requestFailed(request, failure), for: call, now: SessionInstant(now)))
    }

    func callTimerFired(_ timer: SessionTimer, call: CallHandle, at instant: Duration) async {
        await performCall(calls.handle(.timerFired(timer), for: call, now: SessionInstant(instant)))
    }

    // MARK: Performing the sessions' actions

    func performCall(_ actions: [CallRegistry.TaggedAction]) async {
        for tagged in actions {
            let call = tagged.call
            switch tagged.action {
            case .sendRequest(let request):
                guard let destination = destination(of: request, call: call) else {
                    await callRequestFailed(request, call: call, failure: .transportError)
                    continue
                }
                await startClient(request, to: destination, owner: .call(call, request: request))
            case .sendACK(let ack):
                guard let destination = destination(of: ack, call: call) else { continue }
                do {
                    _ = try await transport.send(ack, to: destination)
                } catch {
                    logger.warning("ACK not sent: \(error)")
                }
            case .sendResponse(let response):
                await sendCallResponse(response, call: call)
            case .startTimer(let timer, let at, _):
                usageTimers.schedule(.call(call, timer), at: at.sinceOrigin)
            case .cancelTimer(let timer):
                usageTimers.cancel(.call(call, timer))
            case .stateChanged(let state):
                emit(.call(call, .state(state)))
            case .report(let event):
                emit(.call(call, .event(event)))
            }
        }
        forgetFinishedCalls()
        rearmTimer()
    }

    /// §8.1.2 and §12.2.1.1: the first Route, else the Request-URI; a
    /// request outside any dialog without a Route goes to the account's next hop.
    private func destination(of request: SIPMessage, call: CallHandle) -> SIPDestination? {
        let setup = callAccounts[call].flatMap { callSetups[$0] }
        if let first = request.routes.first {
            return SIPDestination(uri: first.uri, insecure: setup?.route.isInsecure ?? false)
        }
        if request.to?.tag == nil || request.method == .cancel, let route = setup?.route { return route }
        guard let uri = request.requestURI else { return setup?.route }
        return SIPDestination(uri: uri, insecure: setup?.route.isInsecure ?? false)
    }

    /// Through the server transaction of the request it answers; a 2xx
    /// retransmitted after that transaction is gone goes on the call's flow.
    private func sendCallResponse(_ response: SIPMessage, call: CallHandle) async {
        if let key = serverKey(answeredBy: response) {
            do {
                await perform(try table.sendResponse(response, on: key))
                return
            } catch {
                logger.debug("no transaction for the response: \(error)")
            }
        }
        guard let flow = callFlows[call] else { return }
        do {
            _ = try await transport.send(response, on: flow)
        } catch {
            logger.warning("response not sent: \(error)")
        }
    }

    func serverKey(answeredBy response: SIPMessage) -> TransactionKey? {
        ResponseIdentity(response).flatMap { serverKeys[$0] }
    }

    /// Drops what the registry has forgotten (calls whose linger is over).
    private func forgetFinishedCalls() {
        let live = Set(calls.calls)
        for call in callAccounts.keys where !live.contains(call) {
            callAccounts[call] = nil
            callFlows[call] = nil
            for timer in SessionTimer.allCases { usageTimers.cancel(.call(call, timer)) }
        }
    }
}

/// What names a server transaction from the response that answers it: the
/// top Via branch, Call-ID and CSeq are copied from the request (§8.2.6.2).
struct ResponseIdentity: Hashable, Sendable {
    var branch: String
    var sentBy: String
    var callID: String
    var cseq: CSeq

    init?(_ message: SIPMessage) {
        guard let via = message.topVia, let callID = message.callID, let cseq = message.cseq else { return nil }
        branch = via.branch ?? ""
        sentBy = via.sentBy.lowercased()
        self.callID = callID
        self.cseq = cseq
    }
}
