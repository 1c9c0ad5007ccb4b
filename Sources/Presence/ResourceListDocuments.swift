/// The two XCAP documents that make a list URI an RLS service:
/// a resource-lists document (RFC 4826 §3) holding the members, and an
/// rls-services document (RFC 4826 §4) whose `<service uri>` points at that
/// list by XCAP URI (`<resource-list>`) and names the package.
public enum ResourceListDocuments {
    public static let resourceListsNamespace = "urn:ietf:params:xml:ns:resource-lists"
    public static let rlsServicesNamespace = "urn:ietf:params:xml:ns:rls-services"
    public static let resourceListsType = "application/resource-lists+xml"
    public static let rlsServicesType = "application/rls-services+xml"

    /// `<resource-lists><list name=…><entry uri=…/>…</list></resource-lists>`.
    public static func resourceLists(listName: String, members: [String]) -> String {
        XMLOutputElement("resource-lists", [("xmlns", resourceListsNamespace)], children: [
            XMLOutputElement("list", [("name", listName)],
                             children: members.map { XMLOutputElement("entry", [("uri", $0)]) }),
        ]).document()
    }

    /// `<rls-services><service uri=…><resource-list>XCAP-URI</resource-list>
    /// <packages><package>presence</package></packages></service></rls-services>`.
    public static func rlsServices(serviceURI: String, resourceListURI: String, package: String = "presence") -> String {
        XMLOutputElement("rls-services", [("xmlns", rlsServicesNamespace)], children: [
            XMLOutputElement("service", [("uri", serviceURI)], children: [
                XMLOutputElement("resource-list", text: resourceListURI),
                XMLOutputElement("packages", children: [XMLOutputElement("package", text: package)]),
            ]),
        ]).document()
    }

    /// The node selector of one list inside a resource-lists document
    /// (RFC 4825 §6.3, percent-encoded as a URI path needs: `[`, `]`, `"`).
    public static func listSelector(listName: String) -> String {
        var encoded = ""
        for scalar in listName.unicodeScalars {
            let allowed = (scalar.value >= 0x30 && scalar.value <= 0x39) || (scalar.value >= 0x41 && scalar.value <= 0x5A)
                || (scalar.value >= 0x61 && scalar.value <= 0x7A) || "-._~".unicodeScalars.contains(scalar)
            if allowed {
                encoded.unicodeScalars.append(scalar)
            } else {
                for byte in String(scalar).utf8 { encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded }
            }
        }
        return "~~/resource-lists/list%5B@name=%22\(encoded)%22%5D"
    }
}

private extension String {
    var leftPadded: String { count == 1 ? "0" + self : self }
}
