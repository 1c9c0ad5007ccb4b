import SIPCore

/// Where the server side of a UA sends a response over UDP, and what it
/// writes into the request's top Via first. Used for the replies the
/// transport sends itself (a parser rejection such as 400).
public enum SIPResponseRouting {
    /// RFC 3261 §18.2.2 with RFC 3581 §4: the response goes to the source IP
    /// of the request (the `received` address); to the source port when the
    /// client asked for `rport`, otherwise to the sent-by port (5060 when
    /// none). `maddr` (multicast) is not supported.
    public static func datagramDestination(topVia: Via, source: SIPSocketAddress) -> SIPSocketAddress {
        if topVia.rport != nil {
            return source
        }
        return SIPSocketAddress(host: source.host, port: topVia.port ?? SIPTransportKind.udp.defaultPort)
    }

    /// The server transport's marks on the top Via (RFC 3261 §18.2.1): add
    /// `received` when the sent-by host differs from the source IP, and with
    /// RFC 3581 §4 fill in `rport` with the source port (then `received` is
    /// always added).
    public static func markReceived(_ via: inout Via, source: SIPSocketAddress) {
        let rportRequested = via.rport != nil
        if rportRequested || via.host.trimmingBrackets != source.host {
            via.received = source.host
        }
        if rportRequested {
            via.parameters.set("rport", String(source.port))
        }
    }
}
