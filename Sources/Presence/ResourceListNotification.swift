/// A NOTIFY body from a resource list server (RFC 4662 §5), taken apart:
/// the RLMI list and, per resource instance, the part that carries its state.
public struct ResourceListNotification: Hashable, Sendable {
    public struct Entry: Hashable, Sendable {
        public var resourceURI: String
        public var instance: RLMIInstance
        /// The part the instance's `cid` names; `nil` when it has no cid
        /// (pending, terminated) or the cid names no part in the body.
        public var part: MIMEPart?
        /// The instance has a cid but the body holds no such part (or one
        /// that could not be read).
        public var missingPart: Bool { instance.cid != nil && part == nil }
    }

    public var list: RLMIList
    public var entries: [Entry]
    /// Parts left out because they could not be read; their instances
    /// have `missingPart` set.
    public var unreadableParts: [MultipartError] = []
}

public enum ResourceListError: Error, Hashable, Sendable {
    case multipart(MultipartError)
    /// §5: the root part must be `application/rlmi+xml`.
    case noRLMIRoot
    case rlmi(PresenceDocumentError)
}

public enum ResourceListReader {
    public static func read(_ body: some Collection<UInt8>, contentType: String) throws(ResourceListError) -> ResourceListNotification {
        let document: MultipartDocument
        do { document = try MultipartReader.read(body, contentType: contentType) } catch { throw .multipart(error) }
        guard let root = document.root, root.contentType.mediaType == "application/rlmi+xml" else { throw .noRLMIRoot }
        let reading: BodyReading<RLMIList>
        do { reading = try RLMIReader.read(root.body) } catch { throw .rlmi(error) }
        guard let list = reading.document else { throw .noRLMIRoot }
        // Index once: a 10,000-member list would otherwise scan every part per member.
        var byContentID: [String: MIMEPart] = [:]
        for part in document.parts { if let id = part.contentID, byContentID[id] == nil { byContentID[id] = part } }
        var entries: [ResourceListNotification.Entry] = []
        for resource in list.resources {
            for instance in resource.instances {
                let part = instance.cid.flatMap { byContentID[$0] }
                entries.append(.init(resourceURI: resource.uri, instance: instance, part: part))
            }
        }
        return ResourceListNotification(list: list, entries: entries, unreadableParts: document.unreadableParts)
    }
}
