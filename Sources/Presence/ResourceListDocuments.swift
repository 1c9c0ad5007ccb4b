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
}
