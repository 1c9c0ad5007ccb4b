import NIOCore

/// Drives the ping/pong keepalive of one connection (RFC 5626 §4.4.1) on the
/// channel's event loop. The decisions are `SIPKeepaliveStateMachine`'s;
/// this handler only owns the timer, writes pings and reports.
final class SIPStreamKeepaliveHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private typealias Machine = SIPKeepaliveStateMachine<SIPLoopInstant>

    private let sink: SIPTransportSink
    private var machine: Machine?
    private var info: SIPConnectionInfo?
    private var timer: Scheduled<Void>?
    private var random = SystemRandomNumberGenerator()

    init(sink: SIPTransportSink) {
        self.sink = sink
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard let command = event as? SIPStreamKeepaliveCommand else {
            context.triggerUserOutboundEvent(event, promise: promise)
            return
        }
        switch command {
        case .start(let info, let schedule, let pongTimeout):
            self.info = info
            var machine = Machine(schedule: schedule, pongTimeout: pongTimeout)
            let action = machine.start(now: now(context), using: &random)
            self.machine = machine
            perform(action, context: context)
        case .stop:
            machine?.stop()
            cancelTimer()
        }
        promise?.succeed()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is SIPStreamPongSignal else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        guard var machine else { return }
        let action = machine.pongReceived(now: now(context), using: &random)
        self.machine = machine
        perform(action, context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        machine?.stop()
        cancelTimer()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelTimer()
    }

    private func timerFired(context: ChannelHandlerContext) {
        timer = nil
        guard var machine else { return }
        let action = machine.timerFired(now: now(context), using: &random)
        self.machine = machine
        perform(action, context: context)
    }

    private func perform(_ action: Machine.Action, context: ChannelHandlerContext) {
        switch action {
        case .none:
            break
        case .wakeUp(let at):
            arm(at, context: context)
        case .sendPing(let wakeUp):
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: SIPKeepaliveOctets.ping)), promise: nil)
            arm(wakeUp, context: context)
        case .pongArrived(let roundTrip, let wakeUp):
            if let info { sink.report(.keepalivePong(info, roundTrip: roundTrip)) }
            arm(wakeUp, context: context)
        case .flowFailed:
            cancelTimer()
            if let info { sink.report(.keepaliveTimeout(info)) }
            context.fireUserInboundEventTriggered(SIPCloseCause(reason: .keepaliveTimeout))
            context.close(promise: nil)
        }
    }

    private func arm(_ instant: SIPLoopInstant, context: ChannelHandlerContext) {
        cancelTimer()
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: instant.deadline) { [self] in
            self.timerFired(context: context)
        }
    }

    private func cancelTimer() {
        timer?.cancel()
        timer = nil
    }

    private func now(_ context: ChannelHandlerContext) -> SIPLoopInstant {
        SIPLoopInstant(context.eventLoop.now)
    }
}
