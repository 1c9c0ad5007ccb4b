import SIPCore

/// The Via of a PUBLISH or SUBSCRIBE sent from `local` (our contact URI:
/// host, port and transport), as the registration machine writes it.
enum EventRequestVia {
    static func make(from local: SIPURI, branch: String) -> Via {
        let transport = local.transportParameter?.uppercased() ?? (local.isSecure ? "TLS" : "UDP")
        var via = Via(transport: transport, host: local.host, port: local.port, branch: branch)
        // RFC 3581 §3: over UDP, ask to hear our public address and port
        if transport == "UDP" { via.parameters.setFlag("rport") }
        return via
    }
}
