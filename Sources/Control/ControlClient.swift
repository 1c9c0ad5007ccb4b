import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A connection to a running instance's control socket, as one-shot
/// commands and scripts use it: send command lines and await their replies,
/// ask for a snapshot, subscribe and read events.
public final class ControlClient: Sendable {
    public let path: String
    /// Events the server pushes after `subscribe`. Finishes when the
    /// connection closes. Buffered without limit: iterate it, or do not subscribe.
    public let events: AsyncStream<ControlEvent>
    private let channel: any Channel
    private let waiting: ControlReplyWaiters

    private init(path: String, channel: any Channel, waiting: ControlReplyWaiters,
                 events: AsyncStream<ControlEvent>) {
        self.path = path
        self.channel = channel
        self.waiting = waiting
        self.events = events
    }

    /// Connects to the instance listening on `path`.
    ///
    /// Throws `ControlClientError.notRunning` when there is no socket or
    /// nobody listens on it, `.permissionDenied` when it belongs to someone
    /// else, `.timedOut` when nothing answers within `timeout`.
    public static func connect(
        to path: String,
        timeout: Duration = .seconds(2),
        maxLineBytes: Int = 64 << 20,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws(ControlClientError) -> ControlClient {
        guard path.utf8.count <= ControlSocketFile.maxPathBytes else {
            throw .pathTooLong(path: path, limit: ControlSocketFile.maxPathBytes)
        }
        let waiting = ControlReplyWaiters()
        let (events, continuation) = AsyncStream.makeStream(of: ControlEvent.self)
        do {
            let channel = try await ClientBootstrap(group: group)
                .connectTimeout(TimeAmount(timeout))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ControlClientHandler(
                            maxLineBytes: maxLineBytes, waiting: waiting, events: continuation))
                    }
                }
                .connect(unixDomainSocketPath: path)
                .get()
            return ControlClient(path: path, channel: channel, waiting: waiting, events: events)
        } catch {
            continuation.finish()
            throw describe(error, path: path, timeout: timeout)
        }
    }

    /// Whether an instance answers on `path`: a connect that succeeds within `timeout`.
    public static func isRunning(
        at path: String,
        timeout: Duration = .milliseconds(500),
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async -> Bool {
        guard let client = try? await connect(to: path, timeout: timeout, group: group) else { return false }
        await client.close()
        return true
    }

    /// Sends one command line (for example `register --json`) and returns
    /// the reply. The reply's `.failure` is the command's error; a thrown
    /// `ControlClientError` means the exchange itself failed.
    public func send(_ command: String, timeout: Duration = .seconds(30)) async throws(ControlClientError) -> ControlReply {
        try await exchange(timeout: timeout) { ControlWire.requestLine(id: $0, request: .command(command)) }
    }

    /// Asks for the instance's whole state.
    public func snapshot(timeout: Duration = .seconds(30)) async throws(ControlClientError) -> ControlReply {
        try await exchange(timeout: timeout) { ControlWire.requestLine(id: $0, request: .snapshot) }
    }

    /// Replaces this connection's subscription; `.none` unsubscribes. Returns
    /// once the server has applied it, so every event published afterwards
    /// that matches arrives on `events`.
    public func subscribe(_ filter: EventFilter, timeout: Duration = .seconds(10)) async throws {
        let reply = try await exchange(timeout: timeout) { ControlWire.subscribeLine(id: $0, filter: filter) }
        if case .failure(let error) = reply { throw error }
    }

    /// Closes the connection; requests still waiting fail with `.connectionClosed`.
    public func close() async {
        try? await channel.close()
        waiting.closeAll(with: .connectionClosed)
    }

    private func exchange(
        timeout: Duration, line: (ControlRequestID) -> [UInt8]
    ) async throws(ControlClientError) -> ControlReply {
        let promise = channel.eventLoop.makePromise(of: ControlReply.self)
        let id: Int
        switch waiting.add(promise) {
        case .success(let newID): id = newID
        case .failure(let error):
            promise.fail(error)
            throw error
        }
        let waiting = waiting
        let timer = channel.eventLoop.scheduleTask(in: TimeAmount(timeout)) {
            waiting.fail(id, with: ControlClientError.timedOut(after: timeout))
        }
        promise.futureResult.whenComplete { _ in timer.cancel() }
        channel.writeAndFlush(ByteBuffer(bytes: line(.int(id)))).whenFailure { _ in
            waiting.fail(id, with: ControlClientError.connectionClosed)
        }
        do {
            return try await withTaskCancellationHandler {
                try await promise.futureResult.get()
            } onCancel: {
                waiting.fail(id, with: ControlClientError.cancelled)
            }
        } catch let error as ControlClientError {
            throw error
        } catch {
            // Every failure above is a ControlClientError; keep the compiler sure.
            throw .connectionClosed
        }
    }

    static func describe(_ error: any Error, path: String, timeout: Duration) -> ControlClientError {
        if let error = error as? IOError {
            switch error.errnoCode {
            case ENOENT, ECONNREFUSED, ENOTDIR: return .notRunning(path: path)
            case EACCES, EPERM: return .permissionDenied(path: path)
            default: return .connectFailed(path: path, reason: "\(error)")
            }
        }
        if let error = error as? ChannelError, case .connectTimeout = error {
            return .timedOut(after: timeout)
        }
        return .connectFailed(path: path, reason: "\(error)")
    }
}
