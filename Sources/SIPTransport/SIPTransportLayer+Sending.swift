import NIOCore
import NIOPosix
import SIPCore

extension SIPTransportLayer {
    /// Sends a message to a destination. For a request, the top Via gets the
    /// transport actually used and its local address as sent-by, and asks for
    /// rport (RFC 3261 §18.1.1, RFC 3581 §3). A request too large for UDP
    /// goes over TCP unless UDP was pinned, and back over UDP if that TCP
    /// connection cannot be opened (RFC 3261 §18.1.1).
    @discardableResult
    public func send(_ message: SIPMessage, to destination: SIPDestination)
        async throws(SIPTransportError) -> SIPSendReceipt {
        try checkRunning()
        guard destination.transport == .udp else {
            return try await sendOverStream(message, to: destination, switchedForSize: false)
        }
        let (udp, local) = try await datagramSource(toward: destination.host)
        var datagram = message
        stamp(&datagram, sentBy: local, transport: .udp)
        let octets = datagram.serialized()
        if configuration.sizePolicy.mustSwitchToStream(size: octets.count, isRequest: message.isRequest,
                                                         transportPinned: destination.transportPinned) {
            do {
                return try await sendOverStream(message, to: destination.over(.tcp), switchedForSize: true)
            } catch where error.kind == .connectionFailed || error.kind == .timeout {
                logger.info("TCP failed for a large request, sending over UDP", metadata: ["error": "\(error)"])
            }
        }
        let remote = try resolve(destination)
        try await write(octets, to: remote, over: udp, local: local)
        return SIPSendReceipt(flow: SIPFlow(transport: .udp, local: local, remote: SIPSocketAddress(remote) ?? local),
                              switchedForSize: false, octets: octets)
    }

    /// Sends octets as they are (a retransmission, a hand-made message).
    @discardableResult
    public func send(bytes octets: [UInt8], to destination: SIPDestination)
        async throws(SIPTransportError) -> SIPSendReceipt {
        try checkRunning()
        guard destination.transport == .udp else {
            let connection = try await streamConnection(to: destination)
            try await write(octets, on: connection)
            return SIPSendReceipt(flow: connection.info.flow, switchedForSize: false, octets: octets)
        }
        let (udp, local) = try await datagramSource(toward: destination.host)
        let remote = try resolve(destination)
        try await write(octets, to: remote, over: udp, local: local)
        return SIPSendReceipt(flow: SIPFlow(transport: .udp, local: local, remote: SIPSocketAddress(remote) ?? local),
                              switchedForSize: false, octets: octets)
    }

    /// Sends along a flow a message arrived on: a response goes back over the
    /// connection the request came on, or for UDP to the request's source IP
    /// and, unless rport was asked for, its sent-by port (RFC 3261 §18.2.2,
    /// RFC 3581 §4). A request (in a dialog on this flow) gets its Via
    /// stamped. Throws `.connectionClosed` when the connection is gone; the
    /// caller may then send to the Via's address instead.
    @discardableResult
    public func send(_ message: SIPMessage, on flow: SIPFlow) async throws(SIPTransportError) -> SIPSendReceipt {
        var message = message
        var flow = flow
        stamp(&message, sentBy: flow.local, transport: flow.transport)
        if flow.connection == nil, !message.isRequest, let via = message.topVia {
            flow.remote = SIPResponseRouting.datagramDestination(topVia: via, source: flow.remote)
        }
        return try await send(bytes: message.serialized(), on: flow)
    }

    @discardableResult
    public func send(bytes octets: [UInt8], on flow: SIPFlow) async throws(SIPTransportError) -> SIPSendReceipt {
        try checkRunning()
        if let id = flow.connection {
            guard let connection = connectionsByID[id], connection.channel.isActive else {
                throw SIPTransportError(.connectionClosed, "\(id) is closed")
            }
            try await write(octets, on: connection)
            return SIPSendReceipt(flow: connection.info.flow, switchedForSize: false, octets: octets)
        }
        guard let udp = udpChannel else { throw SIPTransportError(.notListening, "no UDP socket is bound") }
        let remote: SocketAddress
        do { remote = try SocketAddress(ipAddress: flow.remote.host, port: flow.remote.port) } catch {
            throw SIPTransportError(.addressResolution, "\(flow.remote) is not an IP address")
        }
        try await write(octets, to: remote, over: udp, local: flow.local)
        return SIPSendReceipt(flow: flow, switchedForSize: false, octets: octets)
    }

    private func sendOverStream(_ message: SIPMessage, to destination: SIPDestination, switchedForSize: Bool)
        async throws(SIPTransportError) -> SIPSendReceipt {
        let connection = try await streamConnection(to: destination)
        var message = message
        stamp(&message, sentBy: connection.info.flow.local, transport: destination.transport)
        let octets = message.serialized()
        try await write(octets, on: connection)
        return SIPSendReceipt(flow: connection.info.flow, switchedForSize: switchedForSize, octets: octets)
    }

    private func stamp(_ message: inout SIPMessage, sentBy local: SIPSocketAddress, transport: SIPTransportKind) {
        message.stampTopVia(sentBy: local, transport: transport, requestingRport: configuration.requestRport)
    }

    private func write(_ octets: [UInt8], on connection: StreamConnection) async throws(SIPTransportError) {
        sink.trace(.sent, flow: connection.info.flow, octets: octets)
        do {
            try await connection.channel.writeAndFlush(ByteBuffer(bytes: octets)).get()
        } catch {
            throw SIPTransportError.classify(error)
        }
    }

    private func write(_ octets: [UInt8], to remote: SocketAddress, over udp: any Channel,
                       local: SIPSocketAddress) async throws(SIPTransportError) {
        if let remoteAddress = SIPSocketAddress(remote) {
            sink.trace(.sent, transport: .udp, local: local, remote: remoteAddress, connection: nil, octets: octets)
        }
        do {
            try await udp.writeAndFlush(AddressedEnvelope(remoteAddress: remote, data: ByteBuffer(bytes: octets))).get()
        } catch {
            throw SIPTransportError.classify(error)
        }
    }

    /// The UDP channel and the address to write as sent-by: the bound
    /// address, or when bound to a wildcard, the source address the kernel
    /// would use towards `host` (a connected UDP socket sends nothing).
    func datagramSource(toward host: String) async throws(SIPTransportError) -> (any Channel, SIPSocketAddress) {
        guard let udp = udpChannel, let bound = SIPSocketAddress(udp.localAddress) else {
            throw SIPTransportError(.notListening, "no UDP socket is bound")
        }
        guard bound.isUnspecified else { return (udp, bound) }
        if let cached = sourceAddressCache[host] { return (udp, SIPSocketAddress(host: cached, port: bound.port)) }
        do {
            let probe = try await DatagramBootstrap(group: group).connect(host: host, port: 9).get()
            let source = SIPSocketAddress(probe.localAddress)
            try? await probe.close()
            guard let source else { throw SIPTransportError(.addressResolution, "no route to \(host)") }
            sourceAddressCache[host] = source.host
            return (udp, SIPSocketAddress(host: source.host, port: bound.port))
        } catch {
            throw SIPTransportError(.addressResolution, "no source address towards \(host): \(error)")
        }
    }

    /// The socket address of a UDP destination. Host names go through the
    /// system resolver (blocking, but host names are rare once RFC 3263
    /// lookups have produced addresses).
    func resolve(_ destination: SIPDestination) throws(SIPTransportError) -> SocketAddress {
        do {
            if SIPAddressText.isIPLiteral(destination.host) {
                return try SocketAddress(ipAddress: destination.host, port: destination.port)
            }
            return try SocketAddress.makeAddressResolvingHost(destination.host, port: destination.port)
        } catch {
            throw SIPTransportError(.addressResolution, "cannot resolve \(destination.host): \(error)")
        }
    }
}
