/// XML namespace URIs of the presence documents. Elements are matched by
/// namespace URI and local name, never by prefix (XML Namespaces 1.0 §6:
/// the prefix is only a local alias, and servers pick their own).
public enum PresenceNamespace {
    /// RFC 3863 §4.1: PIDF.
    public static let pidf = "urn:ietf:params:xml:ns:pidf"
    /// RFC 3863 §3.3 example extension for instant-messaging status (`<im:im>busy</im:im>`).
    public static let pidfIM = "urn:ietf:params:xml:ns:pidf:im"
    /// RFC 4479 §5: the presence data model (person, device, deviceID).
    public static let dataModel = "urn:ietf:params:xml:ns:pidf:data-model"
    /// RFC 4480 §3: RPID.
    public static let rpid = "urn:ietf:params:xml:ns:pidf:rpid"
    /// RFC 4480 §3 (place-type): values come from the location-type registry (RFC 4589).
    public static let locationType = "urn:ietf:params:xml:ns:location-type"
    /// RFC 4481 §2: timed-status.
    public static let timedStatus = "urn:ietf:params:xml:ns:pidf:timed-status"
    /// RFC 4119 §2.2.1: geopriv.
    public static let geopriv = "urn:ietf:params:xml:ns:pidf:geopriv10"
    /// RFC 4119 §2.2.2 civic location (the first civic format).
    public static let civicLoc = "urn:ietf:params:xml:ns:pidf:geopriv10:civicLoc"
    /// RFC 5139 §4: revised civic location, the one RFC 5491 uses.
    public static let civicAddr = "urn:ietf:params:xml:ns:pidf:geopriv10:civicAddr"
    /// RFC 4119 §2.2.3 / RFC 5491 §3: usage rules written in the basic policy namespace.
    public static let basicPolicy = "urn:ietf:params:xml:ns:pidf:geopriv10:basicPolicy"
    /// GML 3.1.1 as RFC 5491 §5 uses it.
    public static let gml = "http://www.opengis.net/gml"
    /// The GML URN RFC 4119's examples used; read as `gml`.
    public static let gmlRFC4119 = "urn:opengis:specification:gml:schema-xsd:feature:v3.0"
    /// RFC 5491 §5.2: the GeoShape application schema (Circle and friends).
    public static let geoShape = "http://www.opengis.net/pidflo/1.0"
    /// RFC 4235 §4: dialog-info.
    public static let dialogInfo = "urn:ietf:params:xml:ns:dialog-info"
    /// RFC 3858 §4: watcherinfo.
    public static let watcherInfo = "urn:ietf:params:xml:ns:watcherinfo"
    /// RFC 4745 §6: common policy.
    public static let commonPolicy = "urn:ietf:params:xml:ns:common-policy"
    /// RFC 5025 §5: presence authorization rules.
    public static let presRules = "urn:ietf:params:xml:ns:pres-rules"
    /// XML 1.0 §2.12: the namespace bound to the `xml` prefix (`xml:lang`).
    public static let xml = "http://www.w3.org/XML/1998/namespace"
}
