import NIOCore

/// An event loop's clock (`EventLoop.now`) as an `InstantProtocol`, so the
/// pure keepalive state machine runs on loop time: real on a
/// MultiThreadedEventLoopGroup, virtual on an EmbeddedEventLoop in tests.
struct SIPLoopInstant: InstantProtocol, Sendable {
    var deadline: NIODeadline

    init(_ deadline: NIODeadline) { self.deadline = deadline }

    func advanced(by duration: Duration) -> SIPLoopInstant {
        SIPLoopInstant(deadline + TimeAmount(duration))
    }

    func duration(to other: SIPLoopInstant) -> Duration {
        Duration(other.deadline - deadline)
    }

    static func < (lhs: SIPLoopInstant, rhs: SIPLoopInstant) -> Bool { lhs.deadline < rhs.deadline }
}
