/// Reads `application/auth-policy+xml` pres-rules documents (RFC 5025 in
/// the RFC 4745 framework), as fetched back from the XCAP server.
public enum PresRulesReader {
    private typealias NS = PresenceNamespace

    public static func read(_ body: some Collection<UInt8>) throws(PresenceDocumentError) -> BodyReading<PresRuleset> {
        guard let tree = try XMLTreeReader.read(body) else { return .noDocument }
        return try read(tree: tree)
    }

    static func read(tree: ParsedXMLElement) throws(PresenceDocumentError) -> BodyReading<PresRuleset> {
        var root = tree
        if root.name == XMLName("", "ruleset") { root = root.placingUnqualifiedElements(in: NS.commonPolicy) }
        guard root.name == XMLName(NS.commonPolicy, "ruleset") else {
            throw .wrongRoot(expected: "{\(NS.commonPolicy)}ruleset", found: root.name.description)
        }
        return .document(PresRuleset(rules: root.children(NS.commonPolicy, "rule").map(rule)))
    }

    public static func read(_ text: String) throws(PresenceDocumentError) -> BodyReading<PresRuleset> {
        try read(Array(text.utf8))
    }

    static func rule(_ node: ParsedXMLElement) -> PresRule {
        var rule = PresRule(id: node.attribute("id") ?? "")
        if let conditions = node.child(NS.commonPolicy, "conditions") {
            rule.conditions.identity = conditions.child(NS.commonPolicy, "identity").map(identity)
            rule.conditions.sphere = conditions.child(NS.commonPolicy, "sphere")?.attribute("value")
            rule.conditions.validity = conditions.child(NS.commonPolicy, "validity").map { validity in
                // RFC 4745 §7.3: from/until come in pairs, in order.
                zip(validity.children(NS.commonPolicy, "from"), validity.children(NS.commonPolicy, "until")).map {
                    ValidityInterval(from: XMLDateTime(text: $0.trimmedText), until: XMLDateTime(text: $1.trimmedText))
                }
            } ?? []
        }
        if let actions = node.child(NS.commonPolicy, "actions") {
            rule.subHandling = actions.child(NS.presRules, "sub-handling").flatMap { SubHandling(rawValue: $0.trimmedText) }
        }
        if let transformations = node.child(NS.commonPolicy, "transformations") {
            rule.transformations = self.transformations(transformations)
        }
        return rule
    }

    static func identity(_ node: ParsedXMLElement) -> [IdentityCondition] {
        node.children(in: NS.commonPolicy).compactMap { child in
            switch child.name.local {
            case "one":
                return child.attribute("id").map { .one(id: $0) }
            case "many":
                let except: [IdentityException] = child.children(NS.commonPolicy, "except").compactMap { except in
                    if let id = except.attribute("id") { return .id(id) }
                    if let domain = except.attribute("domain") { return .domain(domain) }
                    return nil
                }
                return .many(domain: child.attribute("domain"), except: except)
            default:
                return nil
            }
        }
    }

    static func transformations(_ node: ParsedXMLElement) -> PresRuleTransformations {
        var result = PresRuleTransformations()
        for child in node.children(in: NS.presRules) {
            switch child.name.local {
            case "provide-services":
                result.provideServices = selection(child, all: "all-services") { item -> ServiceSelector? in
                    switch item.name.local {
                    case "service-uri": return .serviceURI(item.trimmedText)
                    case "service-uri-scheme": return .serviceURIScheme(item.trimmedText)
                    case "occurrence-id": return .occurrenceID(item.trimmedText)
                    case "class": return .serviceClass(item.trimmedText)
                    default: return nil
                    }
                }.map { $0.map(ServiceSelection.some) ?? .all }
            case "provide-persons":
                result.providePersons = selection(child, all: "all-persons") { item -> PersonSelector? in
                    switch item.name.local {
                    case "occurrence-id": return .occurrenceID(item.trimmedText)
                    case "class": return .personClass(item.trimmedText)
                    default: return nil
                    }
                }.map { $0.map(PersonSelection.some) ?? .all }
            case "provide-devices":
                result.provideDevices = selection(child, all: "all-devices") { item -> DeviceSelector? in
                    switch item.name.local {
                    case "deviceID": return .deviceID(item.trimmedText)
                    case "occurrence-id": return .occurrenceID(item.trimmedText)
                    case "class": return .deviceClass(item.trimmedText)
                    default: return nil
                    }
                }.map { $0.map(DeviceSelection.some) ?? .all }
            default:
                result.providedAttributes.append(ProvidedAttribute(
                    element: child.name.local, value: child.trimmedText,
                    namespace: child.attribute("ns"), name: child.attribute("name")))
            }
        }
        return result
    }

    /// `.some(nil)` for "all", `.some(list)` for a list.
    private static func selection<Item>(_ node: ParsedXMLElement, all: String,
                                        item: (ParsedXMLElement) -> Item?) -> [Item]?? {
        if node.child(PresenceNamespace.presRules, all) != nil { return .some(nil) }
        return .some(node.children(in: PresenceNamespace.presRules).compactMap(item))
    }
}
