/// Writes pres-rules documents (RFC 5025 §5 with RFC 4745 §6's ruleset) for
/// upload over XCAP: this is how the buddy list allows or blocks watchers.
public enum PresRulesWriter {
    public static func write(_ ruleset: PresRuleset) -> String {
        let root = XMLOutputElement("cr:ruleset", [("xmlns:cr", PresenceNamespace.commonPolicy),
                                                   ("xmlns:pr", PresenceNamespace.presRules)],
                                    children: ruleset.rules.map(rule))
        return root.document()
    }

    public static func bytes(_ ruleset: PresRuleset) -> [UInt8] { Array(write(ruleset).utf8) }

    /// RFC 4745 §7: conditions, actions, transformations, in that order.
    static func rule(_ rule: PresRule) -> XMLOutputElement {
        var conditions = XMLOutputElement("cr:conditions")
        if let identity = rule.conditions.identity {
            conditions.children.append(XMLOutputElement("cr:identity", children: identity.map(self.identity)))
        }
        if let sphere = rule.conditions.sphere {
            conditions.children.append(XMLOutputElement("cr:sphere", [("value", sphere)]))
        }
        if !rule.conditions.validity.isEmpty {
            conditions.children.append(XMLOutputElement("cr:validity", children: rule.conditions.validity.flatMap {
                [XMLOutputElement("cr:from", text: $0.from.text), XMLOutputElement("cr:until", text: $0.until.text)]
            }))
        }
        var actions = XMLOutputElement("cr:actions")
        if let handling = rule.subHandling {
            actions.children.append(XMLOutputElement("pr:sub-handling", text: handling.rawValue))
        }
        return XMLOutputElement("cr:rule", [("id", rule.id)],
                                children: [conditions, actions, transformations(rule.transformations)])
    }

    static func identity(_ condition: IdentityCondition) -> XMLOutputElement {
        switch condition {
        case .one(let id):
            return XMLOutputElement("cr:one", [("id", id)])
        case .many(let domain, let except):
            return XMLOutputElement("cr:many", [("domain", domain)], children: except.map { exception in
                switch exception {
                case .id(let id): return XMLOutputElement("cr:except", [("id", id)])
                case .domain(let domain): return XMLOutputElement("cr:except", [("domain", domain)])
                }
            })
        }
    }

    static func transformations(_ value: PresRuleTransformations) -> XMLOutputElement {
        var element = XMLOutputElement("cr:transformations")
        if let services = value.provideServices {
            let items: [XMLOutputElement]
            switch services {
            case .all: items = [XMLOutputElement("pr:all-services")]
            case .some(let list): items = list.map { selector in
                switch selector {
                case .serviceURI(let uri): return XMLOutputElement("pr:service-uri", text: uri)
                case .serviceURIScheme(let scheme): return XMLOutputElement("pr:service-uri-scheme", text: scheme)
                case .occurrenceID(let id): return XMLOutputElement("pr:occurrence-id", text: id)
                case .serviceClass(let name): return XMLOutputElement("pr:class", text: name)
                }
            }
            }
            element.children.append(XMLOutputElement("pr:provide-services", children: items))
        }
        if let persons = value.providePersons {
            let items: [XMLOutputElement]
            switch persons {
            case .all: items = [XMLOutputElement("pr:all-persons")]
            case .some(let list): items = list.map { selector in
                switch selector {
                case .occurrenceID(let id): return XMLOutputElement("pr:occurrence-id", text: id)
                case .personClass(let name): return XMLOutputElement("pr:class", text: name)
                }
            }
            }
            element.children.append(XMLOutputElement("pr:provide-persons", children: items))
        }
        if let devices = value.provideDevices {
            let items: [XMLOutputElement]
            switch devices {
            case .all: items = [XMLOutputElement("pr:all-devices")]
            case .some(let list): items = list.map { selector in
                switch selector {
                case .deviceID(let id): return XMLOutputElement("pr:deviceID", text: id)
                case .occurrenceID(let id): return XMLOutputElement("pr:occurrence-id", text: id)
                case .deviceClass(let name): return XMLOutputElement("pr:class", text: name)
                }
            }
            }
            element.children.append(XMLOutputElement("pr:provide-devices", children: items))
        }
        element.children += value.providedAttributes.map {
            XMLOutputElement("pr:\($0.element)", [("ns", $0.namespace), ("name", $0.name)], text: $0.value)
        }
        return element
    }
}
