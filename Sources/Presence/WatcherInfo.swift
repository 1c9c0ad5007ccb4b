/// RFC 3858 §4: `application/watcherinfo+xml`, who watches our presence.
/// It feeds the pending-watcher queue (allow/block) of the buddy list.
public struct WatcherInfoDocument: Hashable, Sendable, Codable {
    public enum State: String, Hashable, Sendable, Codable { case full, partial }

    public var version: Int?
    public var state: State
    public var watcherLists: [WatcherList]

    public init(version: Int?, state: State, watcherLists: [WatcherList] = []) {
        self.version = version
        self.state = state
        self.watcherLists = watcherLists
    }
}

/// RFC 3858 §4.2 `<watcher-list resource package>`.
public struct WatcherList: Hashable, Sendable, Codable {
    public var resource: String
    public var package: String
    public var watchers: [Watcher]

    public init(resource: String, package: String, watchers: [Watcher] = []) {
        self.resource = resource
        self.package = package
        self.watchers = watchers
    }
}

/// RFC 3858 §4.3 `<watcher>`; the element's text is the watcher's URI.
public struct Watcher: Hashable, Sendable, Codable {
    /// RFC 3857 §3.2 subscription states as seen by the watcher list.
    public enum Status: String, Hashable, Sendable, Codable { case pending, active, waiting, terminated }

    public var uri: String
    public var id: String
    public var status: Status?
    /// RFC 3857 §3.2 events: "subscribe", "approved", "deactivated",
    /// "probation", "rejected", "timeout", "giveup", "noresource".
    public var event: String?
    public var displayName: String?
    public var expiration: Int?
    public var durationSubscribed: Int?

    public init(uri: String, id: String, status: Status?, event: String? = nil, displayName: String? = nil,
                expiration: Int? = nil, durationSubscribed: Int? = nil) {
        self.uri = uri
        self.id = id
        self.status = status
        self.event = event
        self.displayName = displayName
        self.expiration = expiration
        self.durationSubscribed = durationSubscribed
    }
}

public enum WatcherInfoReader {
    private typealias NS = PresenceNamespace

    public static func read(_ body: some Collection<UInt8>) throws(PresenceDocumentError) -> BodyReading<WatcherInfoDocument> {
        guard let tree = try XMLTreeReader.read(body) else { return .noDocument }
        return try read(tree: tree)
    }

    static func read(tree: ParsedXMLElement) throws(PresenceDocumentError) -> BodyReading<WatcherInfoDocument> {
        var root = tree
        if root.name == XMLName("", "watcherinfo") { root = root.placingUnqualifiedElements(in: NS.watcherInfo) }
        guard root.name == XMLName(NS.watcherInfo, "watcherinfo") else {
            throw .wrongRoot(expected: "{\(NS.watcherInfo)}watcherinfo", found: root.name.description)
        }
        return .document(WatcherInfoDocument(
            version: root.attribute("version").flatMap { Int($0.trimmingXMLWhitespace()) },
            state: root.attribute("state").flatMap { WatcherInfoDocument.State(rawValue: $0.trimmingXMLWhitespace()) } ?? .full,
            watcherLists: root.children(NS.watcherInfo, "watcher-list").map { list in
                WatcherList(resource: list.attribute("resource") ?? "", package: list.attribute("package") ?? "",
                            watchers: list.children(NS.watcherInfo, "watcher").map(watcher))
            }))
    }

    public static func read(_ text: String) throws(PresenceDocumentError) -> BodyReading<WatcherInfoDocument> {
        try read(Array(text.utf8))
    }

    static func watcher(_ node: ParsedXMLElement) -> Watcher {
        Watcher(uri: node.trimmedText, id: node.attribute("id") ?? "",
                status: node.attribute("status").flatMap { Watcher.Status(rawValue: $0.trimmingXMLWhitespace()) },
                event: node.attribute("event"),
                displayName: node.attribute("display-name"),
                expiration: node.attribute("expiration").flatMap { Int($0.trimmingXMLWhitespace()) },
                durationSubscribed: node.attribute("duration-subscribed").flatMap { Int($0.trimmingXMLWhitespace()) })
    }
}
