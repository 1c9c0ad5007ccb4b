/// The keepalive of one flow as a pure state machine on an injected clock.
/// It is told when its timer fires and when a pong arrives, and answers with
/// what to do; the driver owns the timer (one at a time, at `wakeUp`).
///
/// Streams (RFC 5626 §4.4.1): send CRLFCRLF, expect a CRLF pong within
/// `pongTimeout` (10 s), else the flow has failed. Datagrams: send CRLFCRLF
/// and expect nothing.
public struct SIPKeepaliveStateMachine<Instant: InstantProtocol>: Sendable
    where Instant.Duration == Duration, Instant: Sendable {
    public enum Action: Hashable, Sendable {
        /// Nothing to do (a stale timer, an unexpected pong).
        case none
        /// Set the timer for this instant.
        case wakeUp(at: Instant)
        /// Send a ping now, then set the timer for `wakeUp`.
        case sendPing(wakeUp: Instant)
        /// A pong answered the ping after `roundTrip`; set the timer.
        case pongArrived(roundTrip: Duration, wakeUp: Instant)
        /// No pong within the timeout: treat the flow as failed.
        case flowFailed
    }

    enum State: Hashable, Sendable {
        case stopped
        case waitingToPing(at: Instant)
        case awaitingPong(sentAt: Instant, deadline: Instant)
        case failed
    }

    public let schedule: SIPKeepaliveSchedule
    /// Nil when no pong is expected (UDP).
    public let pongTimeout: Duration?
    private(set) var state: State = .stopped

    public init(schedule: SIPKeepaliveSchedule, pongTimeout: Duration?) {
        self.schedule = schedule
        self.pongTimeout = pongTimeout
    }

    public var isRunning: Bool {
        switch state {
        case .waitingToPing, .awaitingPong: return true
        case .stopped, .failed: return false
        }
    }

    /// Starts (or restarts) the schedule: the first ping is a jittered
    /// interval away.
    public mutating func start(now: Instant, using random: inout some RandomNumberGenerator) -> Action {
        let next = schedule.nextSend(after: now, using: &random)
        state = .waitingToPing(at: next)
        return .wakeUp(at: next)
    }

    public mutating func stop() {
        state = .stopped
    }

    public mutating func timerFired(now: Instant, using random: inout some RandomNumberGenerator) -> Action {
        switch state {
        case .stopped, .failed:
            return .none
        case .waitingToPing(let at):
            guard now >= at else { return .wakeUp(at: at) }
            if let pongTimeout {
                let deadline = now.advanced(by: pongTimeout)
                state = .awaitingPong(sentAt: now, deadline: deadline)
                return .sendPing(wakeUp: deadline)
            }
            let next = schedule.nextSend(after: now, using: &random)
            state = .waitingToPing(at: next)
            return .sendPing(wakeUp: next)
        case .awaitingPong(_, let deadline):
            guard now >= deadline else { return .wakeUp(at: deadline) }
            state = .failed
            return .flowFailed
        }
    }

    /// A lone CRLF arrived. Pongs we did not ask for are ignored.
    public mutating func pongReceived(now: Instant, using random: inout some RandomNumberGenerator) -> Action {
        guard case .awaitingPong(let sentAt, _) = state else { return .none }
        let next = schedule.nextSend(after: now, using: &random)
        state = .waitingToPing(at: next)
        return .pongArrived(roundTrip: sentAt.duration(to: now), wakeUp: next)
    }
}
