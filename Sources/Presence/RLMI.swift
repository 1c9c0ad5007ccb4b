/// RFC 4662 §5: `application/rlmi+xml`, the list meta-information at the root
/// of an RLS NOTIFY: which resources the list holds, the state of each one's
/// back-end subscription, and which body part (by Content-ID) carries its
/// state.
public struct RLMIList: Hashable, Sendable {
    public var uri: String
    /// §5.2: increases by one per NOTIFY; partial states apply in order.
    /// `nil` when missing or not a number.
    public var version: Int?
    /// §5.2: `true` lists every resource; `false` only the changed ones.
    public var fullState: Bool
    public var names: [String]
    public var resources: [RLMIResource]

    public init(uri: String, version: Int?, fullState: Bool, names: [String] = [], resources: [RLMIResource] = []) {
        self.uri = uri
        self.version = version
        self.fullState = fullState
        self.names = names
        self.resources = resources
    }
}

/// §5.2 `<resource uri>`: one member of the list.
public struct RLMIResource: Hashable, Sendable {
    public var uri: String
    public var names: [String]
    public var instances: [RLMIInstance]

    public init(uri: String, names: [String] = [], instances: [RLMIInstance] = []) {
        self.uri = uri
        self.names = names
        self.instances = instances
    }
}

/// §5.2 `<instance id state reason cid>`: one back-end subscription.
public struct RLMIInstance: Hashable, Sendable {
    public enum State: String, Hashable, Sendable { case active, pending, terminated }

    public var id: String
    public var state: State
    /// RFC 6665 reasons ("rejected", "noresource", …) for `terminated`.
    public var reason: String?
    /// The Content-ID (no brackets) of the part with this instance's state;
    /// absent while nothing is known (e.g. pending).
    public var cid: String?

    public init(id: String, state: State, reason: String? = nil, cid: String? = nil) {
        self.id = id
        self.state = state
        self.reason = reason
        self.cid = cid
    }
}

/// Lenient like the other readers: unknown elements and attributes are
/// ignored; an instance without `id` or with an unknown `state` is skipped
/// (nothing could be said about it); a missing `fullState` reads as `false`,
/// the reading that never drops members we did not hear about.
public enum RLMIReader {
    public static let namespace = "urn:ietf:params:xml:ns:rlmi"

    public static func read(_ body: some Collection<UInt8>) throws(PresenceDocumentError) -> BodyReading<RLMIList> {
        guard let tree = try XMLTreeReader.read(body) else { return .noDocument }
        var root = tree
        if root.name == XMLName("", "list") { root = root.placingUnqualifiedElements(in: namespace) }
        guard root.name == XMLName(namespace, "list") else {
            throw .wrongRoot(expected: "{\(namespace)}list", found: root.name.description)
        }
        let fullState = root.attribute("fullState")?.trimmingXMLWhitespace()
        return .document(RLMIList(
            uri: root.attribute("uri")?.trimmingXMLWhitespace() ?? "",
            version: root.attribute("version").flatMap { Int($0.trimmingXMLWhitespace()) },
            fullState: fullState == "true" || fullState == "1",
            names: root.children(namespace, "name").map(\.trimmedText),
            resources: root.children(namespace, "resource").map(resource)))
    }

    public static func read(_ text: String) throws(PresenceDocumentError) -> BodyReading<RLMIList> {
        try read(Array(text.utf8))
    }

    static func resource(_ node: ParsedXMLElement) -> RLMIResource {
        RLMIResource(uri: node.attribute("uri")?.trimmingXMLWhitespace() ?? "",
                     names: node.children(namespace, "name").map(\.trimmedText),
                     instances: node.children(namespace, "instance").compactMap(instance))
    }

    static func instance(_ node: ParsedXMLElement) -> RLMIInstance? {
        guard let id = node.attribute("id")?.trimmingXMLWhitespace(), !id.isEmpty,
              let state = node.attribute("state").flatMap({ RLMIInstance.State(rawValue: $0.trimmingXMLWhitespace()) })
        else { return nil }
        // A cid may arrive with brackets (seen in the wild); the value itself
        // is the bare Content-ID (§5.2: "cid" is the Content-ID without <>).
        var cid = node.attribute("cid")?.trimmingXMLWhitespace()
        if let bracketed = cid, bracketed.hasPrefix("<"), bracketed.hasSuffix(">") {
            cid = MultipartReader.contentID(bracketed)
        }
        if cid?.isEmpty == true || cid?.contains(where: { $0 == " " || $0 == "<" || $0 == ">" }) == true { cid = nil }
        let reason = node.attribute("reason")?.trimmingXMLWhitespace()
        return RLMIInstance(id: id, state: state, reason: reason?.isEmpty == false ? reason : nil, cid: cid)
    }
}
