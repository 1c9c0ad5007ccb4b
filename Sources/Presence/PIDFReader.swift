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

    static func read(tree: XMLNode) throws(PresenceDocumentError) -> BodyReading<PIDFDocument> {
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

/// Walks a `<presence>` tree. Each container names the children it
/// understands; anything else is skipped unless it says mustUnderstand.
struct PIDFTreeWalker {
    var notUnderstood: [String] = []

    private typealias NS = PresenceNamespace

    mutating func document(_ root: XMLNode) -> PIDFDocument {
        check(root, understood: [XMLName(NS.pidf, "tuple"), XMLName(NS.pidf, "note"),
                                 XMLName(NS.dataModel, "person"), XMLName(NS.dataModel, "device")],
              context: "presence")
        return PIDFDocument(
            entity: root.attribute("entity")?.trimmingXMLWhitespace() ?? "",
            tuples: root.children(NS.pidf, "tuple").map { tuple($0) },
            persons: root.children(NS.dataModel, "person").map { person($0) },
            devices: root.children(NS.dataModel, "device").map { device($0) },
            notes: Self.notes(root.children(NS.pidf, "note")))
    }

    mutating func tuple(_ node: XMLNode) -> PresenceTuple {
        let id = node.attribute("id") ?? ""
        check(node, understood: [XMLName(NS.pidf, "status"), XMLName(NS.pidf, "contact"),
                                 XMLName(NS.pidf, "note"), XMLName(NS.pidf, "timestamp"),
                                 XMLName(NS.dataModel, "deviceID"), XMLName(NS.rpid, "class"),
                                 XMLName(NS.rpid, "status-icon"), XMLName(NS.rpid, "user-input"),
                                 XMLName(NS.timedStatus, "timed-status")],
              context: "tuple \"\(id)\"")
        var tuple = PresenceTuple(id: id)
        if let status = node.child(NS.pidf, "status") {
            check(status, understood: [XMLName(NS.pidf, "basic"), XMLName(NS.pidfIM, "im"),
                                       XMLName(NS.geopriv, "geopriv")],
                  context: "status of tuple \"\(id)\"")
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

    mutating func person(_ node: XMLNode) -> PresencePerson {
        let id = node.attribute("id") ?? ""
        check(node, understood: [XMLName(NS.rpid, "activities"), XMLName(NS.rpid, "mood"),
                                 XMLName(NS.rpid, "place-type"), XMLName(NS.rpid, "privacy"),
                                 XMLName(NS.rpid, "sphere"), XMLName(NS.rpid, "class"),
                                 XMLName(NS.rpid, "user-input"), XMLName(NS.rpid, "time-offset"),
                                 XMLName(NS.rpid, "status-icon"), XMLName(NS.dataModel, "note"),
                                 XMLName(NS.pidf, "note"), XMLName(NS.dataModel, "timestamp"),
                                 XMLName(NS.timedStatus, "timed-status"), XMLName(NS.geopriv, "geopriv")],
              context: "person \"\(id)\"")
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

    mutating func device(_ node: XMLNode) -> PresenceDevice {
        let id = node.attribute("id") ?? ""
        check(node, understood: [XMLName(NS.dataModel, "deviceID"), XMLName(NS.rpid, "user-input"),
                                 XMLName(NS.rpid, "class"), XMLName(NS.dataModel, "note"),
                                 XMLName(NS.dataModel, "timestamp"), XMLName(NS.geopriv, "geopriv")],
              context: "device \"\(id)\"")
        return PresenceDevice(
            id: id,
            deviceID: node.child(NS.dataModel, "deviceID").map(\.trimmedText),
            userInput: node.child(NS.rpid, "user-input").flatMap(RPIDReader.userInput),
            rpidClass: node.child(NS.rpid, "class").map(\.trimmedText),
            notes: Self.notes(node.children(NS.dataModel, "note")),
            timestamp: node.child(NS.dataModel, "timestamp").map { XMLDateTime(text: $0.trimmedText) },
            location: node.child(NS.geopriv, "geopriv").map { GeoprivReader.location($0) })
    }

    /// Records every child that is neither understood nor optional.
    private mutating func check(_ node: XMLNode, understood: Set<XMLName>, context: String) {
        for child in node.children where !understood.contains(child.name) && child.isMustUnderstand {
            notUnderstood.append("\(child.name) in \(context) is marked mustUnderstand")
        }
    }

    static func notes(_ nodes: [XMLNode]) -> [LocalizedNote] {
        nodes.map { LocalizedNote($0.trimmedText, language: $0.language) }
    }

    /// RFC 3863 §4.1.3 qvalue: 0 to 1 with up to three decimals; anything
    /// else is treated as no priority.
    static func qvalue(_ text: String) -> Double? {
        guard let value = Double(text.trimmingXMLWhitespace()), value >= 0, value <= 1 else { return nil }
        return value
    }
}
