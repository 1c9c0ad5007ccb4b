import COsipShim

/// What osip made of a message: the Swift value, plus the values osip lets
/// through that the validation layer must judge (it keeps them as text).
struct OsipReading {
    var message: SIPMessage
    /// Values that did not convert (bad port, CSeq out of range, bad IPv6...).
    var problems: [SIPSyntaxError]
    /// Content-Length as osip stored it, unchecked.
    var contentLengthText: String?
}

/// Parses one framed message with `osip_message_parse` and converts the result.
/// The `osip_message_t` lives only inside `read`.
enum OsipMessageReader {
    static func read(head: ArraySlice<UInt8>, body: ArraySlice<UInt8>) -> Result<OsipReading, SIPSyntaxError> {
        OsipRuntime.ensureReady()
        var raw: UnsafeMutablePointer<osip_message_t>?
        guard osip_message_init(&raw) == 0, let message = raw else {
            return .failure(SIPSyntaxError("message", "out of memory"))
        }
        defer { osip_message_free(message) }
        let input = OsipText.protectNULs(head) + Array(body)
        let status = input.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { osip_message_parse(message, $0.baseAddress, $0.count) }
        }
        guard status == 0 else {
            return .failure(SIPSyntaxError("message", "libosip2 could not parse it (error \(status))"))
        }
        return .success(convert(message, body: Array(body)))
    }

    private static func convert(_ osip: UnsafeMutablePointer<osip_message_t>, body: [UInt8]) -> OsipReading {
        var problems: [SIPSyntaxError] = []
        func attempt<T>(_ work: () throws(SIPSyntaxError) -> T) -> T? {
            do { return try work() } catch { problems.append(error); return nil }
        }
        let o = osip.pointee
        var message: SIPMessage
        if let method = OsipText.string(o.sip_method) {
            let uri = o.req_uri.flatMap { pointer in attempt { () throws(SIPSyntaxError) in try OsipURIReader.convert(pointer) } }
            if uri == nil && o.req_uri == nil { problems.append(SIPSyntaxError("Request-URI", "missing")) }
            message = .request(SIPMethod(method), uri ?? SIPURI(host: "invalid"))
        } else {
            message = .response(Int(o.status_code), OsipText.string(o.reason_phrase) ?? "")
        }
        message.version = OsipText.string(o.sip_version) ?? ""
        message.vias = list(&osip.pointee.vias, as: osip_via_t.self).compactMap { pointer in
            attempt { () throws(SIPSyntaxError) in try OsipHeaderReader.convert(pointer) }
        }
        message.from = o.from.flatMap { p in attempt { () throws(SIPSyntaxError) in try OsipHeaderReader.convert(p) } }
        message.to = o.to.flatMap { p in attempt { () throws(SIPSyntaxError) in try OsipHeaderReader.convert(p) } }
        if let callID = o.call_id {
            let number = OsipText.string(callID.pointee.number) ?? ""
            message.callID = OsipText.string(callID.pointee.host).map { number + "@" + $0 } ?? number
        }
        message.cseq = o.cseq.flatMap { p in attempt { () throws(SIPSyntaxError) in try OsipHeaderReader.convert(p) } }
        message.contacts = list(&osip.pointee.contacts, as: osip_contact_t.self).compactMap { pointer in
            if OsipText.string(pointer.pointee.displayname) == "*" && pointer.pointee.url == nil { return .wildcard }
            return attempt { () throws(SIPSyntaxError) in .address(try OsipHeaderReader.convert(pointer)) }
        }
        message.routes = list(&osip.pointee.routes, as: osip_route_t.self).compactMap { p in
            attempt { () throws(SIPSyntaxError) in try OsipHeaderReader.convert(p) }
        }
        message.recordRoutes = list(&osip.pointee.record_routes, as: osip_record_route_t.self).compactMap { p in
            attempt { () throws(SIPSyntaxError) in try OsipHeaderReader.convert(p) }
        }
        if let type = o.content_type {
            message.contentType = MediaType(OsipText.string(type.pointee.type) ?? "",
                                            OsipText.string(type.pointee.subtype) ?? "",
                                            parameters: OsipURIReader.parameters(&type.pointee.gen_params))
        }
        message.headers = otherHeaders(osip)
        message.body = body
        let contentLength = o.content_length.flatMap { OsipText.string($0.pointee.value) }
        return OsipReading(message: message, problems: problems, contentLengthText: contentLength)
    }

    /// Headers osip parses into structures of their own but that have no typed
    /// home here, printed back by osip's own `*_to_str`, then the generic ones.
    private static func otherHeaders(_ osip: UnsafeMutablePointer<osip_message_t>) -> SIPHeaders {
        var headers = SIPHeaders()
        func add<T>(_ name: String, _ list: UnsafeMutablePointer<osip_list_t>,
                    _ print: (UnsafePointer<T>?, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32) {
            for item in Self.list(list, as: T.self) {
                var text: UnsafeMutablePointer<CChar>?
                if print(item, &text) == 0, let value = OsipText.take(text) { headers.add(name, value) }
            }
        }
        add("Accept", &osip.pointee.accepts, osip_accept_to_str)
        add("Accept-Encoding", &osip.pointee.accept_encodings, osip_accept_encoding_to_str)
        add("Accept-Language", &osip.pointee.accept_languages, osip_accept_encoding_to_str)
        add("Alert-Info", &osip.pointee.alert_infos, osip_call_info_to_str)
        add("Allow", &osip.pointee.allows, osip_content_length_to_str)
        add("Authentication-Info", &osip.pointee.authentication_infos, osip_authentication_info_to_str)
        add("Authorization", &osip.pointee.authorizations, osip_authorization_to_str)
        add("Call-Info", &osip.pointee.call_infos, osip_call_info_to_str)
        add("Content-Encoding", &osip.pointee.content_encodings, osip_content_length_to_str)
        add("Error-Info", &osip.pointee.error_infos, osip_call_info_to_str)
        add("Proxy-Authenticate", &osip.pointee.proxy_authenticates, osip_www_authenticate_to_str)
        add("Proxy-Authentication-Info", &osip.pointee.proxy_authentication_infos, osip_authentication_info_to_str)
        add("Proxy-Authorization", &osip.pointee.proxy_authorizations, osip_authorization_to_str)
        add("WWW-Authenticate", &osip.pointee.www_authenticates, osip_www_authenticate_to_str)
        if let mime = osip.pointee.mime_version, let value = OsipText.string(mime.pointee.value) {
            headers.add("MIME-Version", value)
        }
        for header in list(&osip.pointee.headers, as: osip_header_t.self) {
            guard let name = OsipText.string(header.pointee.hname) else { continue }
            headers.add(name, OsipText.string(header.pointee.hvalue) ?? "")
        }
        return headers
    }

    static func list<T>(_ list: UnsafeMutablePointer<osip_list_t>, as: T.Type) -> [UnsafeMutablePointer<T>] {
        let count = osip_list_size(list)
        guard count > 0 else { return [] }
        return (0..<count).compactMap { osip_list_get(list, $0)?.assumingMemoryBound(to: T.self) }
    }
}
