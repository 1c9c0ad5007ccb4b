extension SessionDescription {
    /// The description as a message body: CRLF after every line, in the order
    /// of RFC 8866 §5 (v o s i u e p c b t r z k a, then each m i c b k a).
    /// Written here rather than by `sdp_message_to_str`, as SIP messages are
    /// (docs/DECISIONS.md §2).
    public func serialized() -> [UInt8] { Array(text.utf8) }

    /// The same, as a string.
    public var text: String {
        var writer = SDPWriter()
        writer.line("v", "\(version)")
        writer.line("o", [origin.username, "\(origin.sessionID)", "\(origin.sessionVersion)",
                          origin.networkType, origin.addressType, origin.address].joined(separator: " "))
        // RFC 8866 §5.3: s= is never empty; one space stands for no name.
        writer.line("s", sessionName.isEmpty ? " " : sessionName)
        writer.optional("i", information)
        writer.optional("u", uri)
        for email in emails { writer.line("e", email) }
        for phone in phones { writer.line("p", phone) }
        if let connection { writer.connection(connection) }
        for bandwidth in bandwidths { writer.bandwidth(bandwidth) }
        for timing in timings.isEmpty ? [SDPTiming()] : timings {
            writer.line("t", "\(timing.start) \(timing.stop)")
            for repeatTime in timing.repeats { writer.line("r", repeatTime) }
        }
        writer.optional("z", timeZones)
        writer.optional("k", encryptionKey)
        for attribute in attributes { writer.attribute(attribute) }
        for item in media { writer.media(item) }
        return writer.output
    }
}

/// Line by line output. Values never break a line: CR, LF and NUL inside a
/// value (which a parsed description cannot contain) are written as spaces,
/// so a caller's string cannot add lines of its own.
struct SDPWriter {
    private(set) var output = ""

    mutating func line(_ type: Character, _ value: String) {
        output.append(type)
        output.append("=")
        if value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) {
            output.unicodeScalars.append(contentsOf: value.unicodeScalars.map {
                $0 == "\r" || $0 == "\n" || $0 == "\0" ? " " : $0
            })
        } else {
            output.append(value)
        }
        output.append("\r\n")
    }

    mutating func optional(_ type: Character, _ value: String?) {
        if let value { line(type, value) }
    }

    mutating func connection(_ connection: SDPConnection) {
        var address = connection.address
        if let ttl = connection.ttl { address += "/\(ttl)" }
        if let count = connection.numberOfAddresses { address += "/\(count)" }
        line("c", "\(connection.networkType) \(connection.addressType) \(address)")
    }

    mutating func bandwidth(_ bandwidth: SDPBandwidth) {
        line("b", "\(bandwidth.type):\(bandwidth.value)")
    }

    mutating func attribute(_ attribute: SDPAttribute) {
        line("a", attribute.value.map { "\(attribute.name):\($0)" } ?? attribute.name)
    }

    mutating func media(_ media: MediaDescription) {
        let port = "\(media.port)" + (media.portCount.map { "/\($0)" } ?? "")
        line("m", ([media.mediaType, port, media.transportProtocol] + media.formats).joined(separator: " "))
        optional("i", media.information)
        for connection in media.connections { self.connection(connection) }
        for bandwidth in media.bandwidths { self.bandwidth(bandwidth) }
        optional("k", media.encryptionKey)
        for attribute in media.attributes { self.attribute(attribute) }
    }
}
