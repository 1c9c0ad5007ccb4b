import NIOCore

/// Sends CRLFCRLF from the UA's UDP socket to each registrar it was asked
/// to keep a NAT binding open for, at jittered intervals (RFC 5626 §4.4.1
/// timing; RFC 5626 uses STUN on UDP, but many registrars and baresip's
/// libre accept CRLF keepalives, and SIPParser ignores them). No answer is
/// expected, so UDP flow failure is not detected here.
final class SIPDatagramKeepaliveHandler: ChannelOutboundHandler {
    typealias OutboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>

    private typealias Machine = SIPKeepaliveStateMachine<SIPLoopInstant>

    private struct Target {
        var machine: Machine
        var timer: Scheduled<Void>?
    }

    private var targets: [SocketAddress: Target] = [:]
    private var random = SystemRandomNumberGenerator()

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard let command = event as? SIPDatagramKeepaliveCommand else {
            context.triggerUserOutboundEvent(event, promise: promise)
            return
        }
        switch command {
        case .start(let address, let schedule):
            stop(address)
            var machine = Machine(schedule: schedule, pongTimeout: nil)
            let action = machine.start(now: SIPLoopInstant(context.eventLoop.now), using: &random)
            targets[address] = Target(machine: machine, timer: nil)
            perform(action, for: address, context: context)
        case .stop(let address):
            stop(address)
        }
        promise?.succeed()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        for address in targets.keys { stop(address) }
    }

    private func timerFired(for address: SocketAddress, context: ChannelHandlerContext) {
        guard var target = targets[address] else { return }
        let action = target.machine.timerFired(now: SIPLoopInstant(context.eventLoop.now), using: &random)
        target.timer = nil
        targets[address] = target
        perform(action, for: address, context: context)
    }

    private func perform(_ action: Machine.Action, for address: SocketAddress, context: ChannelHandlerContext) {
        switch action {
        case .none, .pongArrived, .flowFailed:
            break   // no pong on UDP
        case .wakeUp(let at):
            arm(at, for: address, context: context)
        case .sendPing(let wakeUp):
            let ping = AddressedEnvelope(remoteAddress: address, data: ByteBuffer(bytes: SIPKeepaliveOctets.ping))
            context.writeAndFlush(wrapOutboundOut(ping), promise: nil)
            arm(wakeUp, for: address, context: context)
        }
    }

    private func arm(_ instant: SIPLoopInstant, for address: SocketAddress, context: ChannelHandlerContext) {
        targets[address]?.timer?.cancel()
        targets[address]?.timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: instant.deadline) {
            [self] in self.timerFired(for: address, context: context)
        }
    }

    private func stop(_ address: SocketAddress) {
        targets[address]?.timer?.cancel()
        targets[address] = nil
    }
}

/// Starts or stops UDP keepalives towards one address.
enum SIPDatagramKeepaliveCommand: Sendable {
    case start(SocketAddress, schedule: SIPKeepaliveSchedule)
    case stop(SocketAddress)
}
