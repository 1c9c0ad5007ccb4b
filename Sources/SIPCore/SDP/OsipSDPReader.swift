import COsipShim

/// Runs libosip2's SDP parser and converts its `sdp_message_t` into a
/// `SessionDescription`. osip pointers never leave this file; the message
/// osip allocates is freed here. osip splits fields but checks no values,
/// so numbers and addresses are checked while converting.
enum OsipSDPReader {
    static func parse(_ lines: SDPLines) throws(SDPSyntaxError) -> SessionDescription {
        OsipRuntime.ensureReady()
        var raw: UnsafeMutablePointer<sdp_message_t>?
        guard sdp_message_init(&raw) == 0, let sdp = raw else { throw SDPSyntaxError("out of memory") }
        defer { sdp_message_free(sdp) }
        let status = lines.osipText.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { sdp_message_parse(sdp, $0.baseAddress) }
        }
        guard status == 0 else { throw lines.diagnoseFieldError() }
        return try convert(sdp, lines)
    }

    private static func convert(_ sdp: UnsafeMutablePointer<sdp_message_t>,
                                _ lines: SDPLines) throws(SDPSyntaxError) -> SessionDescription {
        let message = sdp.pointee
        guard text(message.v_version) == "0" else {
            throw SDPSyntaxError(line: lines.line("v"), "version \(text(message.v_version).debugDescription) is not 0")
        }
        var session = SessionDescription(origin: try origin(message, line: lines.line("o")),
                                         sessionName: text(message.s_name))
        session.information = optionalText(message.i_info)
        session.uri = optionalText(message.u_uri)
        session.emails = strings(&sdp.pointee.e_emails)
        session.phones = strings(&sdp.pointee.p_phones)
        if let connection = message.c_connection {
            session.connection = try self.connection(connection, line: lines.line("c"))
        }
        session.bandwidths = try bandwidths(&sdp.pointee.b_bandwidths, lines, media: nil)
        session.timings = try timings(&sdp.pointee.t_descrs, lines)
        session.timeZones = optionalText(message.z_adjustments)
        session.encryptionKey = message.k_key.map(key)
        session.attributes = attributes(&sdp.pointee.a_attributes)
        let media = items(&sdp.pointee.m_medias, as: sdp_media_t.self)
        session.media = []
        for (index, item) in media.enumerated() {
            session.media.append(try self.media(item, lines, index: index))
        }
        return session
    }

    private static func origin(_ message: sdp_message_t, line: Int?) throws(SDPSyntaxError) -> SDPOrigin {
        guard let id = SDPNumber.uint64(text(message.o_sess_id)),
              let version = SDPNumber.uint64(text(message.o_sess_version)) else {
            throw SDPSyntaxError(line: line, "session id and version must be numbers below 2^64 (RFC 8866 §5.2)")
        }
        let address = text(message.o_addr)
        guard !address.contains(" ") else { throw SDPSyntaxError(line: line, "extra fields after the address") }
        return SDPOrigin(username: text(message.o_username), sessionID: id, sessionVersion: version,
                         networkType: text(message.o_nettype), addressType: text(message.o_addrtype),
                         address: address)
    }

    private static func connection(_ raw: UnsafeMutablePointer<sdp_connection_t>,
                                   line: Int?) throws(SDPSyntaxError) -> SDPConnection {
        let address = text(raw.pointee.c_addr)
        guard !address.isEmpty, !address.contains(" ") else {
            throw SDPSyntaxError(line: line, "bad connection address \(address.debugDescription) (RFC 8866 §5.7)")
        }
        var connection = SDPConnection(networkType: text(raw.pointee.c_nettype),
                                       addressType: text(raw.pointee.c_addrtype), address: address)
        let first = try optionalNumber(raw.pointee.c_addr_multicast_ttl, line: line, what: "multicast suffix")
        let second = try optionalNumber(raw.pointee.c_addr_multicast_int, line: line, what: "multicast suffix")
        // IPv4 multicast is address/ttl[/count]; IPv6 has no TTL, so its one
        // suffix is the count (RFC 8866 §5.7).
        if connection.addressType.uppercased() == "IP6", second == nil {
            connection.numberOfAddresses = first
        } else {
            connection.ttl = first
            connection.numberOfAddresses = second
        }
        return connection
    }

    private static func bandwidths(_ list: UnsafeMutablePointer<osip_list_t>, _ lines: SDPLines,
                                   media: Int?) throws(SDPSyntaxError) -> [SDPBandwidth] {
        var out: [SDPBandwidth] = []
        for (index, item) in items(list, as: sdp_bandwidth_t.self).enumerated() {
            guard let value = SDPNumber.uint64(text(item.pointee.b_bandwidth)) else {
                throw SDPSyntaxError(line: lines.line("b", inMedia: media, occurrence: index),
                                     "bandwidth is not a number (RFC 8866 §5.8)")
            }
            out.append(SDPBandwidth(type: text(item.pointee.b_bwtype), value: value))
        }
        return out
    }

    private static func timings(_ list: UnsafeMutablePointer<osip_list_t>,
                                _ lines: SDPLines) throws(SDPSyntaxError) -> [SDPTiming] {
        var out: [SDPTiming] = []
        for (index, item) in items(list, as: sdp_time_descr_t.self).enumerated() {
            guard let start = SDPNumber.uint64(text(item.pointee.t_start_time)),
                  let stop = SDPNumber.uint64(text(item.pointee.t_stop_time)) else {
                throw SDPSyntaxError(line: lines.line("t", occurrence: index),
                                     "start and stop times must be numbers (RFC 8866 §5.9)")
            }
            out.append(SDPTiming(start: start, stop: stop, repeats: strings(&item.pointee.r_repeats)))
        }
        return out
    }

    private static func media(_ raw: UnsafeMutablePointer<sdp_media_t>, _ lines: SDPLines,
                              index: Int) throws(SDPSyntaxError) -> MediaDescription {
        let line = lines.line("m", inMedia: index)
        let portText = text(raw.pointee.m_port)
        guard let port = SDPNumber.port(portText) else {
            throw SDPSyntaxError(line: line, "port \(portText.debugDescription) is not a number up to 65535 (RFC 8866 §5.14)")
        }
        let portCount = try optionalNumber(raw.pointee.m_number_of_port, line: line, what: "number of ports")
        guard portCount != 0 else { throw SDPSyntaxError(line: line, "number of ports is 0 (RFC 8866 §5.14)") }
        var media = MediaDescription(mediaType: text(raw.pointee.m_media), port: port, portCount: portCount,
                                     transportProtocol: text(raw.pointee.m_proto),
                                     formats: strings(&raw.pointee.m_payloads))
        media.information = optionalText(raw.pointee.i_info)
        var connections: [SDPConnection] = []
        for (occurrence, item) in items(&raw.pointee.c_connections, as: sdp_connection_t.self).enumerated() {
            connections.append(try connection(item, line: lines.line("c", inMedia: index, occurrence: occurrence)))
        }
        media.connections = connections
        media.bandwidths = try bandwidths(&raw.pointee.b_bandwidths, lines, media: index)
        media.encryptionKey = raw.pointee.k_key.map(key)
        media.attributes = attributes(&raw.pointee.a_attributes)
        return media
    }

    private static func attributes(_ list: UnsafeMutablePointer<osip_list_t>) -> [SDPAttribute] {
        items(list, as: sdp_attribute_t.self).map {
            SDPAttribute(text($0.pointee.a_att_field), optionalText($0.pointee.a_att_value))
        }
    }

    /// `k=<method>[:<key>]` kept as written.
    private static func key(_ raw: UnsafeMutablePointer<sdp_key_t>) -> String {
        text(raw.pointee.k_keytype) + (optionalText(raw.pointee.k_keydata).map { ":" + $0 } ?? "")
    }

    private static func optionalNumber(_ pointer: UnsafeMutablePointer<CChar>?, line: Int?,
                                       what: String) throws(SDPSyntaxError) -> Int? {
        guard let value = optionalText(pointer) else { return nil }
        guard let number = SDPNumber.int(value) else {
            throw SDPSyntaxError(line: line, "\(what) \(value.debugDescription) is not a number")
        }
        return number
    }

    private static func items<T>(_ list: UnsafeMutablePointer<osip_list_t>, as type: T.Type) -> [UnsafeMutablePointer<T>] {
        let count = osip_list_size(list)
        guard count > 0 else { return [] }
        return (0..<count).compactMap { osip_list_get(list, $0)?.assumingMemoryBound(to: T.self) }
    }

    private static func strings(_ list: UnsafeMutablePointer<osip_list_t>) -> [String] {
        items(list, as: CChar.self).map { text($0) }
    }

    /// NULs never reach osip (SDPLines refuses them), so unlike SIP headers
    /// there is no C0 80 to map back; other bytes decode as UTF-8.
    private static func text(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        optionalText(pointer) ?? ""
    }

    private static func optionalText(_ pointer: UnsafeMutablePointer<CChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}
