import Logging
import NIOCore

/// The NIO side of one control connection: feeds the state machine and does
/// what it says. Lives on the connection's event loop; the request handler
/// runs in a task of its own and hops back with its reply.
final class ControlConnectionHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var machine: ControlConnectionStateMachine
    private let registry: ControlConnectionRegistry
    private let handler: ControlRequestHandler
    private let logger: Logger
    private var connection: ControlConnectionRegistry.ConnectionID?
    private var context: ChannelHandlerContext?
    /// NIO asked to read while we were paused; ask again on resume.
    private var readWhilePaused = false
    private var isReadingPaused = false

    init(limits: ControlConnectionStateMachine.Limits, registry: ControlConnectionRegistry,
         handler: @escaping ControlRequestHandler, logger: Logger) {
        machine = ControlConnectionStateMachine(limits: limits)
        self.registry = registry
        self.handler = handler
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
        connection = registry.register(channel: context.channel) { line in
            loopBound.value.deliver(eventLine: line)
        }
        if connection == nil {
            // The server is shutting down and no longer takes connections.
            context.close(promise: nil)
        }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        machine.channelClosed()
        if let connection { registry.deregister(connection) }
        connection = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        perform(machine.bytesReceived(buffer.readableBytesView))
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed {
            perform(machine.inputClosed())
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        logger.debug("control connection error", metadata: ["error": "\(error)"])
        context.close(promise: nil)
    }

    func read(context: ChannelHandlerContext) {
        if isReadingPaused {
            readWhilePaused = true
        } else {
            context.read()
        }
    }

    /// Called on the event loop by the registry when an event is published.
    func deliver(eventLine line: [UInt8]) {
        perform(machine.eventPublished(line: line))
    }

    private func replyReady(_ reply: ControlReply) {
        perform(machine.replyReady(reply))
    }

    private func perform(_ actions: [ControlConnectionStateMachine.Action]) {
        guard let context else { return }
        for action in actions {
            switch action {
            case .write(let line):
                write(line, context: context)
            case .writeAndClose(let line):
                logger.notice("closing control connection: request line too long")
                context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: line)))
                    .assumeIsolated().whenComplete { _ in context.close(promise: nil) }
            case .dispatch(let request):
                dispatch(request, context: context)
            case .updateSubscription(let filter):
                if let connection { registry.updateFilter(filter, for: connection) }
            case .close:
                context.close(promise: nil)
            case .dropSlowClient:
                logger.notice("dropping a control client that does not read",
                              metadata: ["unread-bytes": "\(machine.outboundBytes)"])
                context.close(promise: nil)
            case .pauseReading:
                isReadingPaused = true
            case .resumeReading:
                isReadingPaused = false
                if readWhilePaused {
                    readWhilePaused = false
                    context.read()
                }
            }
        }
    }

    private func write(_ line: [UInt8], context: ChannelHandlerContext) {
        let promise = context.eventLoop.makePromise(of: Void.self)
        promise.futureResult.assumeIsolated().whenComplete { [self] _ in
            machine.writeCompleted(byteCount: line.count)
        }
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: line)), promise: promise)
    }

    private func dispatch(_ request: ControlRequest, context: ChannelHandlerContext) {
        let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
        let eventLoop = context.eventLoop
        let handler = handler
        registry.spawn {
            let reply = await handler(request)
            eventLoop.execute { loopBound.value.replyReady(reply) }
        }
    }
}
