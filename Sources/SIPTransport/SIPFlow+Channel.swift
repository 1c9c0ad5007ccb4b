import NIOCore

extension SIPFlow {
    /// The flow of a connected channel. An address NIO cannot tell (a channel
    /// not yet connected) reads as 0.0.0.0:0.
    init(channel: any Channel, transport: SIPTransportKind, connection: SIPConnectionID?, isInsecure: Bool) {
        let unknown = SIPSocketAddress(host: "0.0.0.0", port: 0)
        self.init(transport: transport,
                  local: SIPSocketAddress(channel.localAddress) ?? unknown,
                  remote: SIPSocketAddress(channel.remoteAddress) ?? unknown,
                  connection: connection, isInsecure: isInsecure)
    }
}
