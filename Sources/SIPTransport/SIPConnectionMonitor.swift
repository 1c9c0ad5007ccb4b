import NIOCore
import NIOSSL

/// The last handler of every connection: says when the connection is ready
/// to carry SIP (TCP connected; for TLS, handshake and verification done),
/// and once it was ready, reports its close with the reason the other
/// handlers gave.
final class SIPConnectionMonitor: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer

    private enum State {
        case connecting
        case ready(SIPConnectionInfo)
        case closed
    }

    private let id: SIPConnectionID
    private let destination: SIPDestination
    private let sink: SIPTransportSink
    /// Made in handlerAdded, completed exactly once: ready, or failed when
    /// the connection fails or goes away first (happy-eyeballs losers too).
    private var readyPromise: EventLoopPromise<SIPConnectionInfo>?
    private let handshakeTimeout: TimeAmount
    private var state = State.connecting
    private var cause: SIPCloseReason?
    private var handshakeTimer: Scheduled<Void>?

    init(id: SIPConnectionID, destination: SIPDestination, sink: SIPTransportSink, handshakeTimeout: TimeAmount) {
        self.id = id
        self.destination = destination
        self.sink = sink
        self.handshakeTimeout = handshakeTimeout
    }

    /// Succeeds with the connection's info once it can carry SIP. Only valid
    /// on the event loop after the handler was added.
    var ready: EventLoopFuture<SIPConnectionInfo>? { readyPromise?.futureResult }

    func handlerAdded(context: ChannelHandlerContext) {
        readyPromise = context.eventLoop.makePromise()
        if context.channel.isActive { becameActive(context: context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        handshakeTimer?.cancel()
        if case .connecting = state {
            state = .closed
            readyPromise?.fail(SIPTransportError(.connectionClosed, "connection removed before it was ready"))
        }
    }

    func channelActive(context: ChannelHandlerContext) {
        becameActive(context: context)
        context.fireChannelActive()
    }

    private func becameActive(context: ChannelHandlerContext) {
        guard case .connecting = state else { return }
        guard destination.transport == .tls else {
            becomeReady(context: context)
            return
        }
        guard handshakeTimer == nil else { return }
        handshakeTimer = context.eventLoop.assumeIsolated().scheduleTask(in: handshakeTimeout) { [self] in
            self.fail(SIPTransportError(.timeout, "TLS handshake took longer than \(handshakeTimeout)"),
                      context: context)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let signal = event as? SIPCloseCause {
            cause = cause ?? signal.reason
            return
        }
        if Self.isTLSHandshakeCompleted(event) {
            becomeReady(context: context)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if case .ready = state, let tlsError = error as? NIOSSLError, tlsError == .uncleanShutdown {
            // the peer closed TCP without TLS close_notify: for SIP, as good as a close
            cause = cause ?? .peerClosed
            return
        }
        let classified = SIPTransportError.classify(error)
        sink.logger.debug("connection error", metadata: ["error": "\(classified)", "connection": "\(id)"])
        fail(classified, context: context)
    }

    /// A close asked for through the channel (by the transport layer) is local.
    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        cause = cause ?? .localClose
        context.close(mode: mode, promise: promise)
    }

    func channelInactive(context: ChannelHandlerContext) {
        handshakeTimer?.cancel()
        switch state {
        case .connecting:
            let error: SIPTransportError
            if case .error(let recorded) = cause { error = recorded } else {
                error = SIPTransportError(.connectionClosed, "closed before the connection was ready")
            }
            readyPromise?.fail(error)
        case .ready(let info):
            sink.report(.closed(info, cause ?? .peerClosed))
        case .closed:
            break
        }
        state = .closed
        context.fireChannelInactive()
    }

    /// NIOSSL announces a finished handshake (verification included) with
    /// `NIOTLS.TLSUserEvent.handshakeCompleted`. NIOTLS is not re-exported by
    /// NIOSSL and not a dependency of this target (Package.swift is fixed),
    /// so the event is recognised by its type's qualified name and case.
    static func isTLSHandshakeCompleted(_ event: Any) -> Bool {
        String(reflecting: type(of: event)) == "NIOTLS.TLSUserEvent"
            && String(describing: event).hasPrefix("handshakeCompleted")
    }

    private func becomeReady(context: ChannelHandlerContext) {
        guard case .connecting = state else { return }
        handshakeTimer?.cancel()
        let flow = SIPFlow(channel: context.channel, transport: destination.transport, connection: id,
                           isInsecure: destination.isInsecure)
        let info = SIPConnectionInfo(id: id, destination: destination, flow: flow)
        state = .ready(info)
        readyPromise?.succeed(info)
    }

    private func fail(_ error: SIPTransportError, context: ChannelHandlerContext) {
        cause = cause ?? .error(error)
        if case .connecting = state {
            state = .closed
            handshakeTimer?.cancel()
            readyPromise?.fail(error)
        }
        context.close(promise: nil)
    }
}
