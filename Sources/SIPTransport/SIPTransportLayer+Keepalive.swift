import NIOCore

extension SIPTransportLayer {
    /// Keeps the flow to `destination` (usually the registrar or outbound
    /// proxy) alive. On TCP/TLS: CRLFCRLF pings on the connection (opened if
    /// needed), a pong expected within `configuration.pongTimeout`, a missing
    /// pong reported as `.keepaliveTimeout` and the connection closed
    /// (RFC 5626 §4.4.1). On UDP: CRLFCRLF from the UA's socket, so the NAT
    /// binding the registrar sends to stays open. Intervals are jittered.
    @discardableResult
    public func startKeepalive(to destination: SIPDestination, schedule: SIPKeepaliveSchedule? = nil)
        async throws(SIPTransportError) -> SIPFlow {
        try checkRunning()
        if destination.transport.isStream {
            let connection = try await streamConnection(to: destination)
            let command = SIPStreamKeepaliveCommand.start(connection.info,
                                                          schedule: schedule ?? configuration.streamKeepalive,
                                                          pongTimeout: configuration.pongTimeout)
            try await trigger(command, on: connection.channel)
            return connection.info.flow
        }
        let (udp, local) = try await datagramSource(toward: destination.host)
        let remote = try resolve(destination)
        try await trigger(SIPDatagramKeepaliveCommand.start(remote, schedule: schedule ?? configuration.datagramKeepalive),
                          on: udp)
        return SIPFlow(transport: .udp, local: local, remote: SIPSocketAddress(remote) ?? local)
    }

    /// Stops the keepalive to `destination`; the connection stays open.
    public func stopKeepalive(to destination: SIPDestination) async {
        if destination.transport.isStream {
            guard case .open(let connection) = connections[destination.connectionKey] else { return }
            try? await trigger(SIPStreamKeepaliveCommand.stop, on: connection.channel)
            return
        }
        guard let udp = udpChannel, let remote = try? resolve(destination) else { return }
        try? await trigger(SIPDatagramKeepaliveCommand.stop(remote), on: udp)
    }

    private func trigger(_ command: any Sendable, on channel: any Channel) async throws(SIPTransportError) {
        do {
            try await channel.triggerUserOutboundEvent(command).get()
        } catch {
            throw SIPTransportError.classify(error)
        }
    }
}
