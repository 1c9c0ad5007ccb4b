/// Reads `application/pidf+xml` bodies leniently (RFC 3863, RFC 4479,
/// RFC 4480, RFC 4481, RFC 4119/5491):
/// - elements are matched by namespace URI, whatever the prefix;
/// - unknown elements and namespaces are skipped, with one exception: an
///   unknown element marked `mustUnderstand="true"` (RFC 3863, RFC 4479
///   §4.3.5) turns the result into `.notUnderstood`;
/// - a missing `entity` or `id` reads as "" and a bad value as absent,
///   rather than losing the whole document (RFC 3863 §4.1 requires them,
///   but a buddy list is better served by what can be read);
/// - a document without any namespace is read as PIDF.
public enum PIDFReader {
    public static func read(_ body: some Collection<UInt8>) throws(PresenceDocumentError) -> BodyReading<PIDFDocument> {
        guard let tree = try XMLTreeReader.read(body) else { return .noDocument }
        return try read(tree: tree)
    }

    public static func read(_ text: String) throws(PresenceDocumentError) -> BodyReading<PIDFDocument> {
        try read(Array(text.utf8))
    }

    static func read(tree: ParsedXMLElement) throws(PresenceDocumentError) -> BodyReading<PIDFDocument> {
        var root = tree
        if root.name == XMLName("", "presence") {
            root = root.placingUnqualifiedElements(in: PresenceNamespace.pidf)
        }
        guard root.name == XMLName(PresenceNamespace.pidf, "presence") else {
            throw .wrongRoot(expected: "{\(PresenceNamespace.pidf)}presence", found: root.name.description)
        }
        var walker = PIDFTreeWalker()
        let document = walker.document(root)
        if walker.notUnderstood.isEmpty { return .document(document) }
        return .notUnderstood(reasons: walker.notUnderstood, partial: document)
    }
}

/// Walks a `<presence>` tree, taking what it knows and skipping the rest.
struct PIDFTreeWalker {
    var notUnderstood: [String] = []

    private typealias NS = PresenceNamespace

    mutating func document(_ root: ParsedXMLElement) -> PIDFDocument {
        findNotUnderstood(in: root, context: "presence")
        return PIDFDocument(
            entity: root.attribute("entity")?.trimmingXMLWhitespace() ?? "",
            tuples: root.children(NS.pidf, "tuple").map { tuple($0) },
            persons: root.children(NS.dataModel, "person").map { person($0) },
            devices: root.children(NS.dataModel, "device").map { device($0) },
            notes: Self.notes(root.children(NS.pidf, "note")))
    }

    func tuple(_ node: ParsedXMLElement) -> PresenceTuple {
        let id = node.attribute("id") ?? ""
        var tuple = PresenceTuple(id: id)
        if let status = node.child(NS.pidf, "status") {
            tuple.basic = status.child(NS.pidf, "basic").flatMap { BasicStatus(rawValue: $0.trimmedText.lowercased()) }
            tuple.imStatus = status.child(NS.pidfIM, "im").map(\.trimmedText)
            tuple.location = status.child(NS.geopriv, "geopriv").map { GeoprivReader.location($0) }
        }
        if let contact = node.child(NS.pidf, "contact") {
            tuple.contact = PresenceContact(uri: contact.trimmedText,
                                            priority: contact.attribute("priority").flatMap(Self.qvalue))
        }
        tuple.notes = Self.notes(node.children(NS.pidf, "note"))
        tuple.timestamp = node.child(NS.pidf, "timestamp").map { XMLDateTime(text: $0.trimmedText) }
        tuple.deviceIDs = node.children(NS.dataModel, "deviceID").map(\.trimmedText)
        tuple.rpidClass = node.child(NS.rpid, "class").map(\.trimmedText)
        tuple.statusIcon = node.child(NS.rpid, "status-icon").map(\.trimmedText)
        tuple.userInput = node.child(NS.rpid, "user-input").flatMap(RPIDReader.userInput)
        tuple.timedStatuses = node.children(NS.timedStatus, "timed-status").compactMap(RPIDReader.timedStatus)
        return tuple
    }

    func person(_ node: ParsedXMLElement) -> PresencePerson {
        let id = node.attribute("id") ?? ""
        var person = PresencePerson(id: id)
        person.activities = node.child(NS.rpid, "activities").map(RPIDReader.activities)
        person.mood = node.child(NS.rpid, "mood").map(RPIDReader.mood)
        person.placeType = node.child(NS.rpid, "place-type").map(RPIDReader.placeType)
        person.privacy = node.child(NS.rpid, "privacy").map(RPIDReader.privacy)
        person.sphere = node.child(NS.rpid, "sphere").map(RPIDReader.sphere)
        person.rpidClass = node.child(NS.rpid, "class").map(\.trimmedText)
        person.userInput = node.child(NS.rpid, "user-input").flatMap(RPIDReader.userInput)
        person.timeOffset = node.child(NS.rpid, "time-offset").flatMap(RPIDReader.timeOffset)
        person.statusIcon = node.child(NS.rpid, "status-icon").map(\.trimmedText)
        person.notes = Self.notes(node.children(NS.dataModel, "note") + node.children(NS.pidf, "note"))
        person.timestamp = node.child(NS.dataModel, "timestamp").map { XMLDateTime(text: $0.trimmedText) }
        person.timedStatuses = node.children(NS.timedStatus, "timed-status").compactMap(RPIDReader.timedStatus)
        person.location = node.child(NS.geopriv, "geopriv").map { GeoprivReader.location($0) }
        return person
    }

    func device(_ node: ParsedXMLElement) -> PresenceDevice {
        let id = node.attribute("id") ?? ""
        return PresenceDevice(
            id: id,
            deviceID: node.child(NS.dataModel, "deviceID").map(\.trimmedText),
            userInput: node.child(NS.rpid, "user-input").flatMap(RPIDReader.userInput),
            rpidClass: node.child(NS.rpid, "class").map(\.trimmedText),
            notes: Self.notes(node.children(NS.dataModel, "note")),
            timestamp: node.child(NS.dataModel, "timestamp").map { XMLDateTime(text: $0.trimmedText) },
            location: node.child(NS.geopriv, "geopriv").map { GeoprivReader.location($0) })
    }

    /// The namespaces this reader implements. RFC 3863 says an element
    /// marked mustUnderstand must be understood or the document not used;
    /// RFC 3863's own example puts the mark on a child of an extension that
    /// is not marked, so the whole tree is searched, not only known parents.
    static let understoodNamespaces: Set<String> = [
        NS.pidf, NS.pidfIM, NS.dataModel, NS.rpid, NS.locationType, NS.timedStatus, NS.geopriv,
        NS.civicLoc, NS.civicAddr, NS.basicPolicy, NS.gml, NS.gmlRFC4119, NS.geoShape,
    ]

    private mutating func findNotUnderstood(in node: ParsedXMLElement, context: String) {
        for child in node.children {
            if !Self.understoodNamespaces.contains(child.name.namespace) && child.isMustUnderstand {
                notUnderstood.append("\(child.name) in \(context) is marked mustUnderstand")
                continue
            }
            var inner = context
            switch (child.name.namespace, child.name.local) {
            case (NS.pidf, "tuple"): inner = "tuple \"\(child.attribute("id") ?? "")\""
            case (NS.dataModel, "person"): inner = "person \"\(child.attribute("id") ?? "")\""
            case (NS.dataModel, "device"): inner = "device \"\(child.attribute("id") ?? "")\""
            default: break
            }
            findNotUnderstood(in: child, context: inner)
        }
    }

    static func notes(_ nodes: [ParsedXMLElement]) -> [LocalizedNote] {
        nodes.map { LocalizedNote($0.trimmedText, language: $0.language) }
    }

    /// RFC 3863 §4.1.3 qvalue: 0 to 1 with up to three decimals; anything
    /// else is treated as no priority.
    static func qvalue(_ text: String) -> Double? {
        guard let value = Double(text.trimmingXMLWhitespace()), value >= 0, value <= 1 else { return nil }
        return value
    }
}
