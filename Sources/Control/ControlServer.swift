import Logging
import NIOCore
import NIOPosix

/// The control socket of a running instance: newline-delimited JSON requests
/// in, replies and subscribed events out, on a Unix socket only its user can
/// reach. See `start` for what starting checks, and `ControlProtocol` for
/// the protocol. Call `shutdown()` before letting go of it: until then it
/// listens, and the socket file stays.
public final class ControlServer: Sendable {
    public let path: String
    private let serverChannel: any Channel
    private let registry: ControlConnectionRegistry
    private let socketIdentity: ControlSocketFile.Identity?
    private let logger: Logger
    private let shutdownTask = LockedValue<Task<Void, Never>?>(nil)

    private init(path: String, serverChannel: any Channel, registry: ControlConnectionRegistry,
                 socketIdentity: ControlSocketFile.Identity?, logger: Logger) {
        self.path = path
        self.serverChannel = serverChannel
        self.registry = registry
        self.socketIdentity = socketIdentity
        self.logger = logger
    }

    /// Listens on `path`.
    ///
    /// Creates the socket's directory with mode 0700 when missing and refuses
    /// one that others could enter. A socket file nobody answers on is stale
    /// and replaced; one that answers means another instance is running.
    /// The socket gets mode 0600, and every connection's peer uid is checked
    /// against ours before a byte is read from it. A `group` passed in must
    /// outlive the server's `shutdown()`.
    public static func start(
        path: String,
        configuration: ControlServerConfiguration = ControlServerConfiguration(),
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        handler: @escaping ControlRequestHandler
    ) async throws(ControlServerError) -> ControlServer {
        try ControlSocketFile.checkLength(path)
        try ControlSocketFile.prepareDirectory(for: path)
        try ControlSocketFile.claim(path)

        let descriptor = try ControlSocketFile.bindAndListen(path, backlog: configuration.backlog)
        let identity = ControlSocketFile.identity(of: path)
        let registry = ControlConnectionRegistry()
        let logger = configuration.logger
        let channel: any Channel
        do {
            channel = try await ServerBootstrap(group: group)
                .childChannelOption(.allowRemoteHalfClosure, value: true)
                .childChannelInitializer { channel in
                    admit(channel, configuration: configuration).flatMapThrowing {
                        try channel.pipeline.syncOperations.addHandler(ControlConnectionHandler(
                            limits: configuration.connectionLimits, registry: registry,
                            handler: handler, logger: logger))
                    }
                }
                .withBoundSocket(descriptor)
                .get()
        } catch {
            // The descriptor was handed to NIO; closing it here could close a
            // number NIO has already closed and the process has reused. At
            // worst this rare failure leaks one descriptor.
            ControlSocketFile.remove(path, ifStill: identity)
            throw .bindFailed(path: path, reason: "\(error)")
        }
        logger.info("control socket listening", metadata: ["path": "\(path)"])
        return ControlServer(path: path, serverChannel: channel, registry: registry,
                             socketIdentity: identity, logger: logger)
    }

    /// Checks the peer before the connection gets a handler; a refused
    /// connection is closed by NIO without ever being read.
    private static func admit(_ channel: any Channel,
                              configuration: ControlServerConfiguration) -> EventLoopFuture<Void> {
        let policy = configuration.peerPolicy
        let logger = configuration.logger
        return configuration.readPeerCredentials(channel).flatMapThrowing { peer in
            guard policy.admits(peer) else { throw PeerCredentialsError.refused(peer) }
        }.flatMapErrorThrowing { error in
            // NIO reports a failed initializer past the end of the server's
            // pipeline, where nobody sees it: say it here.
            logger.warning("control connection refused", metadata: ["reason": "\(error)"])
            throw error
        }
    }

    /// Sends an event to every client subscribed to `event` and returns how
    /// many that was. Cheap when nobody listens: `data` is only evaluated,
    /// and the line only encoded, when at least one client wants the event.
    /// Never blocks; a client that cannot keep up is dropped instead.
    @discardableResult
    public func publish(event: String, data: @autoclosure () -> JSONValue = .null) -> Int {
        registry.publish(event: event, data: data)
    }

    /// Whether any client is subscribed to anything right now.
    public var hasSubscribers: Bool { registry.subscriberCount > 0 }

    var connectionCount: Int { registry.connectionCount }
    var subscriberCount: Int { registry.subscriberCount }
    var handlerTaskCount: Int { registry.taskCount }

    /// Stops listening, closes every connection, cancels and awaits the
    /// handler tasks in flight (their replies are dropped) and removes the
    /// socket file, unless another instance has replaced it meanwhile.
    /// Calling it again waits for the same shutdown.
    public func shutdown() async {
        let task = shutdownTask.withLock { task in
            if let task { return task }
            let newTask = Task { await self.performShutdown() }
            task = newTask
            return newTask
        }
        await task.value
    }

    private func performShutdown() async {
        try? await serverChannel.close()
        let (channels, tasks) = registry.closeForShutdown()
        for channel in channels {
            channel.close(promise: nil)
        }
        for channel in channels {
            try? await channel.closeFuture.get()
        }
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
        ControlSocketFile.remove(path, ifStill: socketIdentity)
        logger.info("control socket closed", metadata: ["path": "\(path)"])
    }
}
