/// RPID (RFC 4480 §3) and timed-status (RFC 4481 §2) elements. Enumerated
/// values are empty elements (`<rpid:away/>`); `<rpid:other>` carries text.
enum RPIDReader {
    private typealias NS = PresenceNamespace

    static func activities(_ node: ParsedXMLElement) -> RPIDActivities {
        RPIDActivities(activityList(node),
                       from: node.attribute("from").map(XMLDateTime.init(text:)),
                       until: node.attribute("until").map(XMLDateTime.init(text:)),
                       notes: PIDFTreeWalker.notes(node.children(NS.rpid, "note")))
    }

    /// Activity elements in the RPID namespace; elements of other namespaces
    /// are extensions we skip. An RPID name we do not know is kept as `other`.
    static func activityList(_ node: ParsedXMLElement) -> [RPIDActivity] {
        node.children(in: NS.rpid).compactMap { child in
            switch child.name.local {
            case "note", "activities": return nil
            case "other": return .other(child.trimmedText)
            default: return RPIDActivity.byToken[child.name.local] ?? .other(child.name.local)
            }
        }
    }

    static func mood(_ node: ParsedXMLElement) -> RPIDMood {
        let (values, other) = tokens(node)
        return RPIDMood(values, other: other,
                        from: node.attribute("from").map(XMLDateTime.init(text:)),
                        until: node.attribute("until").map(XMLDateTime.init(text:)),
                        notes: PIDFTreeWalker.notes(node.children(NS.rpid, "note")))
    }

    /// Place types come from the RFC 4589 registry in their own namespace,
    /// so any element other than `<rpid:other>`/`<rpid:note>` is a type.
    static func placeType(_ node: ParsedXMLElement) -> RPIDPlaceType {
        var types: [String] = []
        var other: String?
        for child in node.children {
            if child.name == XMLName(NS.rpid, "other") {
                other = child.trimmedText
            } else if child.name != XMLName(NS.rpid, "note") {
                types.append(child.name.local)
            }
        }
        return RPIDPlaceType(types, other: other,
                             from: node.attribute("from").map(XMLDateTime.init(text:)),
                             until: node.attribute("until").map(XMLDateTime.init(text:)))
    }

    static func privacy(_ node: ParsedXMLElement) -> RPIDPrivacy {
        let (values, other) = tokens(node)
        return RPIDPrivacy(values, other: other)
    }

    /// `<rpid:sphere>` holds `<rpid:home/>`, `<rpid:work/>`, `<rpid:unknown/>` or free text.
    static func sphere(_ node: ParsedXMLElement) -> String {
        if let token = node.children(in: NS.rpid).first { return token.name.local }
        return node.trimmedText
    }

    static func userInput(_ node: ParsedXMLElement) -> UserInput? {
        guard let state = UserInput.State(rawValue: node.trimmedText.lowercased()) else { return nil }
        return UserInput(state,
                         idleThreshold: node.attribute("idle-threshold").flatMap { Int($0.trimmingXMLWhitespace()) },
                         lastInput: node.attribute("last-input").map(XMLDateTime.init(text:)))
    }

    static func timeOffset(_ node: ParsedXMLElement) -> TimeOffset? {
        guard let minutes = Int(node.trimmedText) else { return nil }
        return TimeOffset(minutes: minutes, description: node.attribute("description"))
    }

    /// RFC 4481 §2: `from` is required; an element without it says nothing
    /// about when and is skipped.
    static func timedStatus(_ node: ParsedXMLElement) -> TimedStatus? {
        guard let from = node.attribute("from") else { return nil }
        var activities: [RPIDActivity] = []
        if let list = node.child(NS.rpid, "activities") { activities = activityList(list) }
        return TimedStatus(
            from: XMLDateTime(text: from),
            until: node.attribute("until").map(XMLDateTime.init(text:)),
            // RFC 4481's schema qualifies its elements, so the example writes
            // `<ts:basic>`; a PIDF-namespace `<basic>` (what some publishers
            // write, and what we wrote before) is read as well.
            basic: (node.child(NS.timedStatus, "basic") ?? node.child(NS.pidf, "basic"))
                .flatMap { BasicStatus(rawValue: $0.trimmedText.lowercased()) },
            activities: activities,
            notes: PIDFTreeWalker.notes(node.children(NS.pidf, "note") + node.children(NS.dataModel, "note")))
    }

    /// RPID enumerations: every RPID child except note/other is a token.
    private static func tokens(_ node: ParsedXMLElement) -> ([String], String?) {
        var values: [String] = []
        var other: String?
        for child in node.children(in: NS.rpid) {
            switch child.name.local {
            case "note": continue
            case "other": other = child.trimmedText
            default: values.append(child.name.local)
            }
        }
        return (values, other)
    }
}
