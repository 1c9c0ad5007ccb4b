import SIPCore

/// Writes the REGISTER requests of one binding (RFC 3261 §10.2). Everything
/// that must stay the same from one REGISTER to the next (Call-ID, From tag,
/// To, Request-URI) comes from here; the CSeq, branch and Contacts vary.
struct RegisterRequestBuilder: Sendable {
    let configuration: RegistrationConfiguration
    let callID: String
    let fromTag: String

    /// One Contact value to send: a contact URI and the expires asked for it.
    struct ContactEntry: Equatable, Sendable {
        var uri: SIPURI
        var expires: UInt32
    }

    func request(cseq: UInt32, branch: String, contacts: [ContactEntry]) -> SIPMessage {
        let config = configuration
        // §10.2: "The Request-URI names the domain of the location service"
        var message = SIPMessage.request(.register, config.registrar)
        message.vias = [via(branch: branch)]
        // §10.2: To is the address-of-record; From is the same unless a third
        // party registers, and carries our tag (§8.1.1.3)
        message.to = NameAddr(displayName: config.displayName, uri: config.addressOfRecord)
        message.from = NameAddr(displayName: config.displayName, uri: config.addressOfRecord,
                                parameters: [SIPParameter("tag", fromTag)])
        // §10.2: one Call-ID for all registrations to a registrar (§10.2.4:
        // "during a single boot cycle"), and the CSeq "MUST increment ... by
        // one for each REGISTER request with the same Call-ID"
        message.callID = callID
        message.cseq = CSeq(cseq, .register)
        // §10.2.3: no Contact at all asks for the current bindings
        message.contacts = contacts.map { .address(contactAddress(for: $0)) }
        if var proxy = config.outboundProxy {
            proxy.parameters.setFlag("lr")
            message.routes = [NameAddr(uri: proxy)]
        }
        message.headers.add("Max-Forwards", "70")
        // RFC 3327 §5.1: a UA that can use Path says so; RFC 5626 §4.2.1: a
        // REGISTER with reg-id "MUST include the outbound option tag"
        message.headers.add("Supported", config.usesOutbound ? "path, outbound" : "path")
        if let agent = config.userAgent { message.headers.add("User-Agent", agent) }
        return message
    }

    /// `<uri>;expires=N` plus, with an instance id, `+sip.instance` (RFC 5626
    /// §4.1) and with outbound `reg-id` (§4.2.1). Expires goes on the contact
    /// rather than in an Expires header, so one REGISTER can add a contact
    /// and remove another (§10.2.1.1: the parameter gives an interval per binding).
    func contactAddress(for entry: ContactEntry) -> NameAddr {
        var parameters = [SIPParameter("expires", String(entry.expires))]
        if let urn = configuration.instanceURN {
            parameters.append(SIPParameter("+sip.instance", "\"" + urn + "\""))
            if configuration.usesOutbound {
                parameters.append(SIPParameter("reg-id", RegistrationConfiguration.registrationID))
            }
        }
        return NameAddr(uri: entry.uri, parameters: parameters)
    }

    /// The Via of the contact's flow. `rport` (RFC 3581 §3) over UDP lets the
    /// registrar tell us our public address and port in the response.
    private func via(branch: String) -> Via {
        let contact = configuration.contact
        let transport = contact.transportParameter?.uppercased() ?? (contact.isSecure ? "TLS" : "UDP")
        var via = Via(transport: transport, host: contact.host, port: contact.port, branch: branch)
        if transport == "UDP" { via.parameters.setFlag("rport") }
        return via
    }
}
