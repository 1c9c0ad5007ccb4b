import NIOCore

/// Everything one control connection decides, as a value: bytes and events
/// in, actions out. The NIO handler only performs the actions.
///
/// Replies leave in the order the requests arrived. Only one request is with
/// the handler at a time; lines that are answered without the handler
/// (errors, subscriptions) wait their turn behind it, so a script can match
/// replies to requests by position as well as by id. Events are not part of
/// that order: they go out as soon as they are published.
struct ControlConnectionStateMachine {
    struct Limits: Sendable, Hashable {
        /// Longest request line; a longer one closes the connection.
        var maxLineBytes: Int
        /// Bytes written but not yet taken by the client before we give up on
        /// it. A single line is always allowed when nothing else is waiting,
        /// so a large snapshot still reaches a client that reads.
        var maxOutboundBytes: Int
        /// Requests waiting for their turn before we stop reading the socket.
        var maxQueuedRequests: Int
        /// Nesting accepted in a request line.
        var maxJSONDepth: Int
    }

    enum Action: Sendable, Hashable {
        /// Write and flush this line; report `writeCompleted` when done.
        case write([UInt8])
        /// Give the request to the handler; report `replyReady` with its answer.
        case dispatch(ControlRequest)
        /// The connection's event filter is now this: tell the registry,
        /// which matches events against it when they are published.
        case updateSubscription(EventFilter)
        /// Write this line, then close: the input can no longer be trusted.
        case writeAndClose([UInt8])
        /// Close now: the client has said all it will and has been answered.
        case close
        /// Close now: the client leaves more than `maxOutboundBytes` unread.
        case dropSlowClient
        /// Stop asking the socket for more input, until `resumeReading`.
        case pauseReading
        case resumeReading
    }

    /// A line's place in the reply order.
    private enum Turn {
        case request(ControlRequestID, ControlRequest)
        case subscribe(ControlRequestID, EventFilter)
        case rejection(ControlInboundRejection)
        case lineTooLong
    }

    let limits: Limits
    private var framer: LineFramer
    private let decoder: ControlRequestDecoder
    private var turns = CircularBuffer<Turn>()
    /// The id of the request the handler is working on, if any.
    private var inFlight: ControlRequestID?
    private var inputEnded = false
    private var isClosing = false
    private var isReadingPaused = false
    private(set) var outboundBytes = 0

    init(limits: Limits) {
        self.limits = limits
        framer = LineFramer(maxLineBytes: limits.maxLineBytes)
        decoder = ControlRequestDecoder(maxDepth: limits.maxJSONDepth)
    }

    /// True once the machine has asked for the connection to be closed.
    var isFinished: Bool { isClosing }

    mutating func bytesReceived(_ bytes: some Collection<UInt8>) -> [Action] {
        guard !isClosing, !inputEnded else { return [] }
        for output in framer.append(bytes) {
            switch output {
            case .line(let line):
                switch decoder.decode(line) {
                case .success(.request(let id, let request)): turns.append(.request(id, request))
                case .success(.subscribe(let id, let filter)): turns.append(.subscribe(id, filter))
                case .failure(let rejection): turns.append(.rejection(rejection))
                }
            case .tooLong:
                turns.append(.lineTooLong)
            }
        }
        var actions = takeTurns()
        if !isClosing, !isReadingPaused, framer.hasOverflowed || turns.count >= limits.maxQueuedRequests {
            isReadingPaused = true
            actions.append(.pauseReading)
        }
        return actions
    }

    /// The handler answered the request in flight.
    mutating func replyReady(_ reply: ControlReply) -> [Action] {
        guard let id = inFlight, !isClosing else { return [] }
        inFlight = nil
        var actions = write(ControlWire.replyLine(id: id, reply: reply))
        actions += takeTurns()
        return actions
    }

    /// The client shut its side down. A partial last line is dropped; what
    /// was complete is still answered, then the connection closes.
    mutating func inputClosed() -> [Action] {
        guard !isClosing, !inputEnded else { return [] }
        inputEnded = true
        return takeTurns()
    }

    /// An event the registry matched against this connection's filter when
    /// it was published. It goes out even if a subscribe has changed the
    /// filter since: what `publish` counted as sent is sent.
    mutating func eventPublished(line: [UInt8]) -> [Action] {
        guard !isClosing else { return [] }
        return write(line)
    }

    /// A write finished (or failed: the bytes are no longer ours either way).
    mutating func writeCompleted(byteCount: Int) {
        outboundBytes = max(outboundBytes - byteCount, 0)
    }

    /// The channel closed under us; nothing more will happen.
    mutating func channelClosed() {
        isClosing = true
        turns.removeAll()
        inFlight = nil
    }

    private mutating func write(_ line: [UInt8]) -> [Action] {
        if outboundBytes > 0, outboundBytes + line.count > limits.maxOutboundBytes {
            // A client that does not read must not make us buffer without end.
            isClosing = true
            return [.dropSlowClient]
        }
        outboundBytes += line.count
        return [.write(line)]
    }

    /// Answers what can be answered now, up to the next request for the handler.
    private mutating func takeTurns() -> [Action] {
        var actions: [Action] = []
        while !isClosing, inFlight == nil, let turn = turns.popFirst() {
            switch turn {
            case .request(let id, let request):
                inFlight = id
                actions.append(.dispatch(request))
            case .subscribe(let id, let newFilter):
                actions.append(.updateSubscription(newFilter))
                actions += write(ControlWire.replyLine(id: id, reply: .ok(["subscribed": newFilter.json])))
            case .rejection(let rejection):
                actions += write(ControlWire.replyLine(id: rejection.id, reply: .failure(rejection.error)))
            case .lineTooLong:
                isClosing = true
                let error = ControlError(code: .lineTooLong,
                                         message: "a line is longer than \(limits.maxLineBytes) bytes; closing")
                actions.append(.writeAndClose(ControlWire.replyLine(id: nil, reply: .failure(error))))
            }
        }
        guard !isClosing else { return actions }
        if inputEnded, inFlight == nil, turns.isEmpty {
            isClosing = true
            actions.append(.close)
        } else if isReadingPaused, !framer.hasOverflowed, !inputEnded,
                  turns.count <= limits.maxQueuedRequests / 2 {
            isReadingPaused = false
            actions.append(.resumeReading)
        }
        return actions
    }
}
