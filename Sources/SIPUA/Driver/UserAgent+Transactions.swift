import SIPCore
import SIPTransaction
import SIPTransport

extension UserAgent {
    /// Sends a request in a new client transaction and waits for its final
    /// response (provisional ones are skipped), the timeout, or a transport error.
    public func request(_ message: SIPMessage, to destination: SIPDestination) async -> ClientOutcome {
        await withCheckedContinuation { continuation in
            Task { await self.startClient(message, to: destination, owner: .waiter(continuation)) }
        }
    }

    func startClient(_ message: SIPMessage, to destination: SIPDestination, owner: TransactionOwner) async {
        let reliability: TransportReliability = destination.transport == .udp ? .unreliable : .reliable
        do {
            let (key, actions) = try table.startClientTransaction(for: message, over: reliability)
            clientDestinations[key] = destination
            owners[key] = owner
            await perform(actions)
        } catch {
            logger.error("cannot start a transaction for \(message.method?.rawValue ?? "?"): \(error)")
            await resolve(owner, with: .transportError(SIPTransportError(.configuration, "\(error)")))
        }
    }

    /// Performs what the transactions asked for, in order.
    func perform(_ actions: [KeyedAction]) async {
        guard !actions.isEmpty else { return }
        transactionTimers.apply(actions, at: now)
        rearmTimer()
        for keyed in actions {
            switch keyed.action {
            case .send(let message, _):
                await send(message, for: keyed.key)
            case .deliverResponse(let response):
                await deliver(response, for: keyed.key)
            case .deliverRequest(let request):
                await handleIncomingRequest(request, on: keyed.key)
            case .reportTimeout:
                if let owner = owners.removeValue(forKey: keyed.key) {
                    await resolve(owner, with: .timeout)
                }
            case .reportTransportError:
                if let owner = owners.removeValue(forKey: keyed.key) {
                    await resolve(owner, with: .transportError(SIPTransportError(.io, "transport error")))
                }
            case .terminated:
                clientDestinations[keyed.key] = nil
                serverFlows[keyed.key] = nil
                if let identity = serverIdentities.removeValue(forKey: keyed.key) { serverKeys[identity] = nil }
                if let owner = owners.removeValue(forKey: keyed.key) {
                    // a call's transaction ends after its final response (kept
                    // until then for 2xx retransmissions); others never got one
                    if case .call = owner { break }
                    await resolve(owner, with: .timeout)
                }
            case .startTimer, .cancelTimer:
                break   // applied above
            }
        }
    }

    private func send(_ message: SIPMessage, for key: TransactionKey) async {
        do {
            if key.side == .client, let destination = clientDestinations[key] {
                _ = try await transport.send(message, to: destination)
            } else if let flow = serverFlows[key] {
                _ = try await transport.send(message, on: flow)
            }
        } catch {
            logger.warning("send failed: \(error)")
            if let owner = owners[key], case .waiter = owner {
                owners[key] = nil
                await resolve(owner, with: .transportError(error))
            }
            await perform(table.transportError(for: key))
        }
    }

    private func deliver(_ response: SIPMessage, for key: TransactionKey) async {
        if case .call(let call, _) = owners[key] {
            await deliverToCall(response, call: call)
            return
        }
        guard let code = response.statusCode, code >= 200, let owner = owners[key] else { return }
        owners[key] = nil
        await resolve(owner, with: .response(response))
    }

    /// Hands a transaction's outcome to whoever started it.
    func resolve(_ owner: TransactionOwner, with outcome: ClientOutcome) async {
        switch owner {
        case .waiter(let continuation):
            continuation.resume(returning: outcome)
        case .registration(let account, let cseq):
            let event: RegistrationEvent
            switch outcome {
            case .response(let response): event = .responseReceived(response)
            case .timeout: event = .requestTimedOut(cseq: cseq)
            case .transportError: event = .transportFailed
            }
            await performRegistration(registrations.handle(event, for: account, now: RegistrationInstant(now)))
        case .call(let call, let request):
            switch outcome {
            case .response(let response): await deliverToCall(response, call: call)
            case .timeout: await callRequestFailed(request, call: call, failure: .timeout)
            case .transportError: await callRequestFailed(request, call: call, failure: .transportError)
            }
        case .publication, .subscription:
            await resolvePresence(owner, with: outcome)
        }
    }

    /// A message from the network: responses and requests go through the
    /// transaction table; requests the parser refused were answered by the transport.
    func receive(_ inbound: SIPInboundMessage) async {
        guard inbound.result.verdict == .accept, let message = inbound.message else { return }
        switch table.receive(message) {
        case .handled(_, let actions):
            await perform(actions)
        case .newServerTransactionNeeded:
            let reliability: TransportReliability = inbound.flow.transport == .udp ? .unreliable : .reliable
            do {
                let (key, actions) = try table.startServerTransaction(for: message, over: reliability)
                serverFlows[key] = inbound.flow
                if let identity = ResponseIdentity(message) {
                    serverKeys[identity] = key
                    serverIdentities[key] = identity
                }
                await perform(actions)
            } catch {
                logger.debug("request not taken: \(error)")
            }
        case .ackForDialogLayer:
            _ = await routeToCalls(message, on: nil, flow: inbound.flow)
        case .strayResponse, .unmatchable:
            break
        }
    }
}
