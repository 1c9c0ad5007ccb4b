/// Writes messages as octets.
///
/// libosip2 parses every message we receive, but we write our own: measured on
/// libosip2 5.3, `osip_message_to_str` truncates a user part at `%00` and
/// escapes already-escaped parameter values again (`name=value%41` comes out
/// as `value%2541`), which would change a Contact we echo back in a Route or
/// Request-URI. Tests parse everything this writer produces with osip again.
enum SIPMessageWriter {
    static func write(_ message: SIPMessage) -> [UInt8] {
        var head = ""
        switch message.startLine {
        case .request(let method, let uri):
            head += "\(method.rawValue) \(uri) \(message.version)\r\n"
        case .response(let code, let reason):
            head += "\(message.version) \(code) \(reason)\r\n"
        }
        func line(_ name: String, _ value: String) { head += name + ": " + value + "\r\n" }
        for via in message.vias { line("Via", via.description) }
        if let from = message.from { line("From", from.description) }
        if let to = message.to { line("To", to.description) }
        if let callID = message.callID { line("Call-ID", callID) }
        if let cseq = message.cseq { line("CSeq", cseq.description) }
        for contact in message.contacts { line("Contact", contact.description) }
        for route in message.routes { line("Route", route.description) }
        for route in message.recordRoutes { line("Record-Route", route.description) }
        for field in message.headers where !field.name.caseInsensitiveEquals("Content-Length")
            && !field.name.caseInsensitiveEquals("Content-Type") {
            line(field.name, field.value)
        }
        if let type = message.contentType { line("Content-Type", type.description) }
        line("Content-Length", String(message.body.count))
        head += "\r\n"
        return Array(head.utf8) + message.body
    }
}
