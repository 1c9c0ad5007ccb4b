import NIOCore

/// Reads the server's lines for a `ControlClient`: replies go to whoever
/// waits for them, events to the client's event stream.
final class ControlClientHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private var framer: LineFramer
    private let waiting: ControlReplyWaiters
    private let events: AsyncStream<ControlEvent>.Continuation

    init(maxLineBytes: Int, waiting: ControlReplyWaiters, events: AsyncStream<ControlEvent>.Continuation) {
        framer = LineFramer(maxLineBytes: maxLineBytes)
        self.waiting = waiting
        self.events = events
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        for output in framer.append(buffer.readableBytesView) {
            guard case .line(let line) = output else {
                fail(.protocolViolation("a line longer than \(framer.maxLineBytes) bytes"), context: context)
                return
            }
            switch ControlServerMessage(line: line) {
            case .reply(.int(let id), let reply):
                waiting.complete(id, with: reply)
            case .event(let event):
                events.yield(event)
            case .reply(let id, let reply):
                // Not one of ours: the server could not read a request we sent.
                fail(.protocolViolation("reply to unknown id \(id?.json ?? .null): \(reply)"), context: context)
                return
            case nil:
                fail(.protocolViolation(String(decoding: line.prefix(200), as: UTF8.self)), context: context)
                return
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        waiting.closeAll(with: .connectionClosed)
        events.finish()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func fail(_ error: ControlClientError, context: ChannelHandlerContext) {
        waiting.closeAll(with: error)
        context.close(promise: nil)
    }
}

/// Requests sent and not yet answered, keyed by the id the client gave them.
/// Whoever removes a promise from here completes it, so each completes once.
final class ControlReplyWaiters: Sendable {
    private struct State: Sendable {
        var nextID = 1
        var promises: [Int: EventLoopPromise<ControlReply>] = [:]
        var closedWith: ControlClientError?
    }

    private let state = LockedValue(State())

    /// A new id with its promise, or the error the connection closed with.
    func add(_ promise: EventLoopPromise<ControlReply>) -> Result<Int, ControlClientError> {
        state.withLock { state in
            if let error = state.closedWith { return .failure(error) }
            let id = state.nextID
            state.nextID += 1
            state.promises[id] = promise
            return .success(id)
        }
    }

    func complete(_ id: Int, with reply: ControlReply) {
        state.withLock { $0.promises.removeValue(forKey: id) }?.succeed(reply)
    }

    func fail(_ id: Int, with error: any Error) {
        state.withLock { $0.promises.removeValue(forKey: id) }?.fail(error)
    }

    func closeAll(with error: ControlClientError) {
        let promises = state.withLock { state in
            if state.closedWith == nil { state.closedWith = error }
            defer { state.promises = [:] }
            return Array(state.promises.values)
        }
        for promise in promises { promise.fail(error) }
    }
}
