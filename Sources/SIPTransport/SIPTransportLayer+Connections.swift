import NIOCore
import NIOPosix
import NIOSSL

extension SIPTransportLayer {
    /// The open connection to `destination`, opening one if there is none.
    /// RFC 3261 §18 (and RFC 5923's motivation): requests to the same
    /// destination reuse one connection; callers asking while it is being
    /// opened wait for the same attempt. A TLS connection is only reused for
    /// the same server name and verification setting.
    public func connect(to destination: SIPDestination) async throws(SIPTransportError) -> SIPConnectionInfo {
        try await streamConnection(to: destination).info
    }

    func streamConnection(to destination: SIPDestination) async throws(SIPTransportError) -> StreamConnection {
        try checkRunning()
        guard destination.transport.isStream else {
            throw SIPTransportError(.configuration, "UDP has no connections")
        }
        let key = destination.connectionKey
        switch connections[key] {
        case .open(let connection) where connection.channel.isActive:
            return connection
        case .connecting(let attempt):
            do { return try await attempt.get() } catch { throw SIPTransportError.classify(error) }
        case .open, nil:
            break
        }
        lastConnectionID += 1
        let id = SIPConnectionID(rawValue: lastConnectionID)
        let attempt: EventLoopFuture<StreamConnection>
        do {
            attempt = try openConnection(id: id, to: destination)
        } catch {
            sink.report(.failed(destination, error))
            throw error
        }
        connections[key] = .connecting(attempt)
        do {
            let connection = try await attempt.get()
            guard !isShutDown else {
                // shutdown() ran while this connection was being opened
                try? await connection.channel.close()
                throw SIPTransportError(.shutDown, "the transport layer was shut down")
            }
            connections[key] = .open(connection)
            connectionsByID[id] = connection
            connection.channel.closeFuture.whenComplete { [weak self] _ in
                Task { await self?.forget(id, key: key) }
            }
            if connection.info.isInsecure {
                logger.warning("TLS without certificate verification", metadata: ["connection": "\(connection.info)"])
            }
            sink.report(.connected(connection.info))
            return connection
        } catch {
            let failure = SIPTransportError.classify(error)
            if case .connecting = connections[key] { connections[key] = nil }
            sink.report(.failed(destination, failure))
            throw failure
        }
    }

    private func forget(_ id: SIPConnectionID, key: SIPDestination) {
        connectionsByID[id] = nil
        if case .open(let connection) = connections[key], connection.info.id == id {
            connections[key] = nil
        }
    }

    /// Starts a TCP or TLS connection; the future succeeds once the
    /// connection monitor says it is ready (for TLS: verified).
    private func openConnection(id: SIPConnectionID, to destination: SIPDestination)
        throws(SIPTransportError) -> EventLoopFuture<StreamConnection> {
        let sslContext = destination.transport == .tls
            ? try tlsContexts.context(insecure: destination.insecure) : nil
        let sink = sink
        let handshakeTimeout = TimeAmount(configuration.tlsHandshakeTimeout)
        let bootstrap = ClientBootstrap(group: group.next())
            .connectTimeout(TimeAmount(configuration.connectTimeout))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    if let sslContext {
                        // serverHostname: SNI and the name the certificate must match;
                        // nil (an IP destination) makes NIOSSL check the IP instead
                        try pipeline.addHandler(NIOSSLClientHandler(context: sslContext,
                                                                    serverHostname: destination.serverName))
                    }
                    try pipeline.addHandlers([
                        SIPStreamHandler(transport: destination.transport, connection: id,
                                         isInsecure: destination.isInsecure, sink: sink),
                        SIPStreamKeepaliveHandler(sink: sink),
                        SIPConnectionMonitor(id: id, destination: destination, sink: sink,
                                             handshakeTimeout: handshakeTimeout),
                    ])
                }
            }
        return bootstrap.connect(host: destination.host, port: destination.port).flatMap { channel in
            do {
                let monitor = try channel.pipeline.syncOperations.handler(type: SIPConnectionMonitor.self)
                guard let ready = monitor.ready else {
                    return channel.eventLoop.makeFailedFuture(SIPTransportError(.io, "connection monitor not set up"))
                }
                return ready.map { StreamConnection(channel: channel, info: $0) }
                    .flatMapErrorThrowing { error in
                        channel.close(promise: nil)
                        throw error
                    }
            } catch {
                return channel.eventLoop.makeFailedFuture(error)
            }
        }
    }
}

extension SIPDestination {
    /// What makes two destinations share a connection: everything but the
    /// UDP pin, which says nothing about streams.
    var connectionKey: SIPDestination {
        var key = self
        key.transportPinned = false
        return key
    }
}
