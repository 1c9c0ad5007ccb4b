import COsipShim
#if canImport(Glibc)
import Glibc
#endif

/// Converts osip's URI and header structures into Swift values. osip pointers
/// never leave this file and the message reader; every structure osip
/// allocates here is freed here.
enum OsipURIReader {
    static func parse(_ text: String) throws(SIPSyntaxError) -> SIPURI {
        OsipRuntime.ensureReady()
        // osip_uri_parse lets white space and brackets through; in a message
        // osip's start-line parser refuses them, so standalone text must too.
        if text.unicodeScalars.contains(where: { $0.value <= 0x20 || $0 == "<" || $0 == ">" || $0 == "\"" || $0.value == 0x7F }) {
            throw SIPSyntaxError("URI", "white space, control characters or brackets in \(text.debugDescription)")
        }
        var raw: UnsafeMutablePointer<osip_uri_t>?
        guard osip_uri_init(&raw) == 0, let uri = raw else { throw SIPSyntaxError("URI", "out of memory") }
        defer { osip_uri_free(uri) }
        let protected = OsipText.protectNULs(Array(text.utf8)[...]) + [0]
        let status = protected.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { osip_uri_parse(uri, $0.baseAddress) }
        }
        guard status == 0 else { throw SIPSyntaxError("URI", "cannot parse \(text.debugDescription)") }
        return try convert(uri)
    }

    static func convert(_ uri: UnsafeMutablePointer<osip_uri_t>) throws(SIPSyntaxError) -> SIPURI {
        let scheme = (OsipText.string(uri.pointee.scheme) ?? "sip").lowercased()
        if scheme != "sip" && scheme != "sips" {
            return SIPURI(scheme: scheme, opaque: OsipText.string(uri.pointee.string) ?? "")
        }
        guard let host = OsipText.string(uri.pointee.host), !host.isEmpty else {
            throw SIPSyntaxError("URI", "missing host")
        }
        try checkHost(host)
        var result = SIPURI(scheme: scheme, user: OsipText.string(uri.pointee.username),
                            password: OsipText.string(uri.pointee.password), host: host)
        if let portText = OsipText.string(uri.pointee.port) {
            result.port = try port(portText, in: "URI")
        }
        result.parameters = parameters(&uri.pointee.url_params)
        result.headers = parameters(&uri.pointee.url_headers)
        return result
    }

    /// osip accepts any text as host; RFC 5118 wants IPv6 literals checked.
    static func checkHost(_ host: String) throws(SIPSyntaxError) {
        if host.contains(":") {
            var address = in6_addr()
            guard inet_pton(AF_INET6, host, &address) == 1 else {
                throw SIPSyntaxError("host", "invalid IPv6 address \(host.debugDescription)")
            }
        }
    }

    static func port(_ text: String, in what: String) throws(SIPSyntaxError) -> Int {
        guard !text.isEmpty, text.utf8.count <= 5, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
              let value = Int(text), value <= 65535 else {
            throw SIPSyntaxError(what, "invalid port \(text.debugDescription)")
        }
        return value
    }

    /// osip keeps URI, header and Via parameters as `osip_generic_param_t` lists.
    static func parameters(_ list: UnsafeMutablePointer<osip_list_t>) -> [SIPParameter] {
        var out: [SIPParameter] = []
        let count = osip_list_size(list)
        guard count > 0 else { return out }
        for index in 0..<count {
            guard let item = osip_list_get(list, index) else { continue }
            let param = item.assumingMemoryBound(to: osip_uri_param_t.self)
            guard let name = OsipText.string(param.pointee.gname) else { continue }
            out.append(SIPParameter(name, OsipText.string(param.pointee.gvalue)))
        }
        return out
    }
}

enum OsipHeaderReader {
    static func nameAddr(_ text: String) throws(SIPSyntaxError) -> NameAddr {
        OsipRuntime.ensureReady()
        var raw: UnsafeMutablePointer<osip_from_t>?
        guard osip_from_init(&raw) == 0, let from = raw else { throw SIPSyntaxError("address", "out of memory") }
        defer { osip_from_free(from) }
        let status = withProtectedCString(text) { osip_from_parse(from, $0) }
        guard status == 0 else { throw SIPSyntaxError("address", "cannot parse \(text.debugDescription)") }
        return try convert(from)
    }

    static func via(_ text: String) throws(SIPSyntaxError) -> Via {
        OsipRuntime.ensureReady()
        var raw: UnsafeMutablePointer<osip_via_t>?
        guard osip_via_init(&raw) == 0, let via = raw else { throw SIPSyntaxError("Via", "out of memory") }
        defer { osip_via_free(via) }
        let status = withProtectedCString(text) { osip_via_parse(via, $0) }
        guard status == 0 else { throw SIPSyntaxError("Via", "cannot parse \(text.debugDescription)") }
        return try convert(via)
    }

    static func cseq(_ text: String) throws(SIPSyntaxError) -> CSeq {
        OsipRuntime.ensureReady()
        var raw: UnsafeMutablePointer<osip_cseq_t>?
        guard osip_cseq_init(&raw) == 0, let cseq = raw else { throw SIPSyntaxError("CSeq", "out of memory") }
        defer { osip_cseq_free(cseq) }
        let status = withProtectedCString(text) { osip_cseq_parse(cseq, $0) }
        guard status == 0 else { throw SIPSyntaxError("CSeq", "cannot parse \(text.debugDescription)") }
        return try convert(cseq)
    }

    static func convert(_ from: UnsafeMutablePointer<osip_from_t>) throws(SIPSyntaxError) -> NameAddr {
        guard let url = from.pointee.url else { throw SIPSyntaxError("address", "missing URI") }
        let uri = try OsipURIReader.convert(url)
        return NameAddr(displayName: OsipText.string(from.pointee.displayname).map(unquote),
                        uri: uri, parameters: OsipURIReader.parameters(&from.pointee.gen_params))
    }

    static func convert(_ via: UnsafeMutablePointer<osip_via_t>) throws(SIPSyntaxError) -> Via {
        guard let host = OsipText.string(via.pointee.host), !host.isEmpty else {
            throw SIPSyntaxError("Via", "missing sent-by host")
        }
        try OsipURIReader.checkHost(host)
        var result = Via(transport: OsipText.string(via.pointee.protocol) ?? "", host: host,
                         parameters: OsipURIReader.parameters(&via.pointee.via_params))
        result.version = "SIP/" + (OsipText.string(via.pointee.version) ?? "2.0")
        if let portText = OsipText.string(via.pointee.port) {
            result.port = try OsipURIReader.port(portText, in: "Via")
        }
        return result
    }

    static func convert(_ cseq: UnsafeMutablePointer<osip_cseq_t>) throws(SIPSyntaxError) -> CSeq {
        let numberText = OsipText.string(cseq.pointee.number) ?? ""
        guard !numberText.isEmpty, numberText.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            throw SIPSyntaxError("CSeq", "sequence number \(numberText.debugDescription) is not a number")
        }
        let digits = numberText.drop { $0 == "0" }
        guard digits.count <= 10, let number = UInt64(digits.isEmpty ? "0" : String(digits)),
              number <= UInt64(CSeq.maximum) else {
            throw SIPSyntaxError("CSeq", "sequence number \(numberText) is not below 2^31")
        }
        guard let method = OsipText.string(cseq.pointee.method), !method.isEmpty else {
            throw SIPSyntaxError("CSeq", "missing method")
        }
        return CSeq(UInt32(number), SIPMethod(method))
    }

    /// Removes the quotes of a quoted-string display name and its quoted-pairs.
    static func unquote(_ text: String) -> String {
        let trimmed = text.trimmingLWS
        guard trimmed.count >= 2, trimmed.hasPrefix("\""), trimmed.hasSuffix("\"") else { return trimmed }
        var out = ""
        var escaped = false
        for scalar in trimmed.unicodeScalars.dropFirst().dropLast() {
            if escaped { out.unicodeScalars.append(scalar); escaped = false; continue }
            if scalar == "\\" { escaped = true; continue }
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    static func withProtectedCString<R>(_ text: String, _ body: (UnsafeMutablePointer<CChar>) -> R) -> R {
        var bytes = OsipText.protectNULs(Array(text.utf8)[...]) + [0]
        return bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
        }
    }
}
