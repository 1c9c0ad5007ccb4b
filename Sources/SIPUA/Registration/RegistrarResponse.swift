import SIPCore

/// What the registration machine reads from a response to its REGISTER.
struct RegistrarResponse {
    let message: SIPMessage

    /// A failure that means "not now" rather than "no": 5xx, 408 and 480
    /// (RFC 3261 §21.4.9, §21.4.18, §21.5), or any response with a
    /// Retry-After, which says when (§20.33). The one rule for every usage
    /// (registration, publication, subscription).
    var isRetryableFailure: Bool {
        guard let code = message.statusCode else { return false }
        return (500..<600).contains(code) || code == 408 || code == 480 || retryAfter != nil
    }

    /// The bindings a 2xx lists (RFC 3261 §10.3 step 8: "all current
    /// bindings"), each with its remaining lifetime, ours marked.
    func bindings(isOurs: (NameAddr) -> Bool) -> [RegistrarBinding] {
        message.contacts.compactMap { contact in
            guard let address = contact.nameAddr else { return nil }
            return RegistrarBinding(address: address, expires: contact.expires ?? message.expires,
                                    isOurs: isOurs(address))
        }
    }

    /// 423's Min-Expires (§10.3 step 7, §20.23).
    var minExpires: UInt32? { message.headers["Min-Expires"].flatMap { UInt32($0.trimmingLWS) } }

    /// Retry-After's delta-seconds (§20.33: `120 (comment);duration=60`).
    var retryAfter: Duration? {
        guard let text = message.headers["Retry-After"]?.trimmingLWS,
              let seconds = Int64(text.prefix { $0.isASCII && $0.isNumber }) else { return nil }
        return .seconds(seconds)
    }
}

/// Recognises our contact among those a registrar lists.
struct OwnContactMatcher {
    let contact: SIPURI
    let instanceURN: String?
    let registrationID: String?

    /// With an instance id, a listed contact carrying +sip.instance is ours
    /// when instance (and, with outbound, reg-id) agree: a registrar may
    /// rewrite the URI, and RFC 5626 §9.4 lists one URI twice with two
    /// reg-ids. Otherwise the URIs must be equal by §19.1.4.
    func isOurs(_ address: NameAddr) -> Bool {
        if let instanceURN, let listed = address.parameters.value(of: "+sip.instance") ?? nil {
            // RFC 4122 §3: UUIDs compare case-insensitively
            guard Self.unquoted(listed).lowercased() == instanceURN.lowercased() else { return false }
            guard let registrationID, let listedID = address.parameters.value(of: "reg-id") ?? nil else { return true }
            return listedID == registrationID
        }
        return URIEquivalence.equivalent(address.uri, contact)
    }

    private static func unquoted(_ text: String) -> String {
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else { return text }
        return String(text.dropFirst().dropLast())
    }
}

/// RFC 3261 §19.1.4 URI comparison, for the parts contacts use.
enum URIEquivalence {
    /// Parameters that, present in only one URI, make them differ.
    private static let mustMatchWhenPresent = ["user", "ttl", "method", "maddr", "transport"]

    static func equivalent(_ a: SIPURI, _ b: SIPURI) -> Bool {
        // user and password compare case-sensitively, host and scheme not;
        // "a URI omitting any component with a default value will not match a
        // URI explicitly containing that component with its default value"
        guard a.scheme == b.scheme, a.user == b.user, a.password == b.password,
              a.host.lowercased() == b.host.lowercased(), a.port == b.port, a.opaque == b.opaque else {
            return false
        }
        for name in mustMatchWhenPresent where lowered(a, name) != lowered(b, name) { return false }
        // "any other uri-parameter appearing in both URIs must match"
        for parameter in a.parameters {
            guard let other = b.parameters.value(of: parameter.name) else { continue }
            if other?.lowercased() != parameter.value?.lowercased() { return false }
        }
        return true
    }

    private static func lowered(_ uri: SIPURI, _ name: String) -> String?? {
        uri.parameters.value(of: name).map { $0?.lowercased() }
    }
}
