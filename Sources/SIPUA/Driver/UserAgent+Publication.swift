import SIPCore

/// Our own published state (RFC 3903), per account: the driver side of
/// `PublicationClient`, wired like the registration.
extension UserAgent {
    /// Publishes `document` (initial PUBLISH, or a modify of ours). Changes
    /// made while a PUBLISH is in flight become one PUBLISH with the latest.
    /// Returns where the publication stands right after, so a caller that
    /// waits for the answer does not mistake the state before for it (the
    /// matching event comes through `events` later).
    @discardableResult
    public func publish(account: String, document: EventBody) async
        -> (state: PublicationState, requestPending: Bool)? {
        let instant = RegistrationInstant(now)
        await performPublication(account, with: { $0.handle(.publish(document), now: instant) })
        return presence.publications[account].map { ($0.state, $0.isRequestInFlight) }
    }

    /// Withdraws our state (PUBLISH with Expires: 0), e.g. when unregistering.
    /// Returns where the publication stands right after, as `publish` does.
    @discardableResult
    public func removePublication(account: String) async -> (state: PublicationState, requestPending: Bool)? {
        let instant = RegistrationInstant(now)
        await performPublication(account, with: { $0.handle(.remove, now: instant) })
        return presence.publications[account].map { ($0.state, $0.isRequestInFlight) }
    }

    public func publicationState(account: String) -> PublicationState? { presence.publications[account]?.state }

    public func publicationEntityTag(account: String) -> String? { presence.publications[account]?.entityTag }

    /// Runs one step of the account's machine and performs what it asks.
    func performPublication(_ account: String,
                            with step: (inout PublicationClient) -> [PublicationAction]) async {
        guard presence.publications[account] != nil else { return }
        let actions = step(&presence.publications[account]!)
        // one report per step, after it: whether a PUBLISH is still out is
        // only known once the whole step ran (a 200 can bring the next modify)
        var report = false
        for action in actions {
            switch action {
            case .send(let request):
                report = true
                guard let route = presence.routes[account] else { continue }
                await startClient(request, to: route,
                                  owner: .publication(account: account, cseq: request.cseq?.number ?? 0))
            case .startTimer(let timer, let at, _):
                usageTimers.schedule(.publication(account: account, timer), at: at.sinceOrigin)
            case .cancelTimer(let timer):
                usageTimers.cancel(.publication(account: account, timer))
            case .stateChanged:
                report = true
            case .entityTagChanged(let tag):
                emit(.presence(.entityTag(account: account, tag)))
            }
        }
        // read again: while a send was awaited, its answer may have been handled
        if report, let current = presence.publications[account] {
            emit(.presence(.publication(account: account, current.state, requestPending: current.isRequestInFlight)))
        }
        rearmTimer()
    }
}
