/// Writes the PIDF documents we publish (RFC 3863) with the data model
/// (RFC 4479), RPID (RFC 4480), timed-status (RFC 4481) and geopriv
/// location (RFC 4119 with RFC 5491's GML and RFC 5139's civic address).
/// Everything `PIDFReader` reads into a `PIDFDocument` is written, so that
/// reading what was written gives the same value.
public enum PIDFWriter {
    public static func write(_ document: PIDFDocument) -> String {
        var root = XMLOutputElement("presence", [("entity", document.entity)])
        root.children += document.tuples.map(tuple)
        root.children += document.notes.map { note("note", $0) }
        root.children += document.persons.map(person)
        root.children += document.devices.map(device)
        // Declare the namespaces the document uses, and only those.
        root.attributes.insert(("xmlns", PresenceNamespace.pidf), at: 0)
        let prefixes = root.usedPrefixes()
        root.attributes.insert(contentsOf: Self.declarations.filter { prefixes.contains($0.prefix) }
            .map { ("xmlns:\($0.prefix)", $0.uri) }, at: 1)
        return root.document()
    }

    public static func bytes(_ document: PIDFDocument) -> [UInt8] { Array(write(document).utf8) }

    private static let declarations: [(prefix: String, uri: String)] = [
        ("dm", PresenceNamespace.dataModel), ("rpid", PresenceNamespace.rpid),
        ("lt", PresenceNamespace.locationType), ("ts", PresenceNamespace.timedStatus),
        ("im", PresenceNamespace.pidfIM), ("gp", PresenceNamespace.geopriv),
        ("gbp", PresenceNamespace.basicPolicy), ("gml", PresenceNamespace.gml),
        ("gs", PresenceNamespace.geoShape), ("ca", PresenceNamespace.civicAddr),
        ("cl", PresenceNamespace.civicLoc),
    ]

    /// RFC 3863 §4.1.2 order: status, extensions, contact, notes, timestamp.
    static func tuple(_ tuple: PresenceTuple) -> XMLOutputElement {
        var status = XMLOutputElement("status")
        if let basic = tuple.basic { status.children.append(XMLOutputElement("basic", text: basic.rawValue)) }
        if let im = tuple.imStatus { status.children.append(XMLOutputElement("im:im", text: im)) }
        if let location = tuple.location { status.children.append(GeoprivWriter.geopriv(location)) }
        var element = XMLOutputElement("tuple", [("id", tuple.id)], children: [status])
        element.children += tuple.deviceIDs.map { XMLOutputElement("dm:deviceID", text: $0) }
        if let value = tuple.rpidClass { element.children.append(XMLOutputElement("rpid:class", text: value)) }
        if let icon = tuple.statusIcon { element.children.append(XMLOutputElement("rpid:status-icon", text: icon)) }
        if let input = tuple.userInput { element.children.append(RPIDWriter.userInput(input)) }
        element.children += tuple.timedStatuses.map(RPIDWriter.timedStatus)
        if let contact = tuple.contact {
            element.children.append(XMLOutputElement("contact", [("priority", contact.priority.map { "\($0)" })],
                                                      text: contact.uri))
        }
        element.children += tuple.notes.map { note("note", $0) }
        if let stamp = tuple.timestamp { element.children.append(XMLOutputElement("timestamp", text: stamp.text)) }
        return element
    }

    /// RFC 4479 §4.1: person extensions first, then notes and timestamp.
    static func person(_ person: PresencePerson) -> XMLOutputElement {
        var element = XMLOutputElement("dm:person", [("id", person.id)])
        if let value = person.activities { element.children.append(RPIDWriter.activities(value)) }
        if let value = person.mood { element.children.append(RPIDWriter.mood(value)) }
        if let value = person.placeType { element.children.append(RPIDWriter.placeType(value)) }
        if let value = person.privacy { element.children.append(RPIDWriter.privacy(value)) }
        if let value = person.sphere { element.children.append(RPIDWriter.sphere(value)) }
        if let value = person.rpidClass { element.children.append(XMLOutputElement("rpid:class", text: value)) }
        if let value = person.statusIcon { element.children.append(XMLOutputElement("rpid:status-icon", text: value)) }
        if let value = person.timeOffset {
            element.children.append(XMLOutputElement("rpid:time-offset", [("description", value.description)],
                                                      text: String(value.minutes)))
        }
        if let value = person.userInput { element.children.append(RPIDWriter.userInput(value)) }
        element.children += person.timedStatuses.map(RPIDWriter.timedStatus)
        if let location = person.location { element.children.append(GeoprivWriter.geopriv(location)) }
        element.children += person.notes.map { note("dm:note", $0) }
        if let stamp = person.timestamp { element.children.append(XMLOutputElement("dm:timestamp", text: stamp.text)) }
        return element
    }

    /// RFC 4479 §4.3 (as in RFC 4480's example): extensions, deviceID, notes, timestamp.
    static func device(_ device: PresenceDevice) -> XMLOutputElement {
        var element = XMLOutputElement("dm:device", [("id", device.id)])
        if let value = device.userInput { element.children.append(RPIDWriter.userInput(value)) }
        if let value = device.rpidClass { element.children.append(XMLOutputElement("rpid:class", text: value)) }
        if let location = device.location { element.children.append(GeoprivWriter.geopriv(location)) }
        if let value = device.deviceID { element.children.append(XMLOutputElement("dm:deviceID", text: value)) }
        element.children += device.notes.map { note("dm:note", $0) }
        if let stamp = device.timestamp { element.children.append(XMLOutputElement("dm:timestamp", text: stamp.text)) }
        return element
    }

    static func note(_ name: String, _ note: LocalizedNote) -> XMLOutputElement {
        XMLOutputElement(name, [("xml:lang", note.language)], text: note.text)
    }
}

extension XMLOutputElement {
    /// Prefixes of element names in this tree ("rpid" for "rpid:away").
    func usedPrefixes() -> Set<String> {
        var prefixes = Set<String>()
        if let colon = name.firstIndex(of: ":") { prefixes.insert(String(name[..<colon])) }
        for child in children { prefixes.formUnion(child.usedPrefixes()) }
        return prefixes
    }
}
