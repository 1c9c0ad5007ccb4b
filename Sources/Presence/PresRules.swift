/// RFC 5025 presence authorization rules, written in the common policy
/// framework of RFC 4745: a ruleset uploaded over XCAP (RFC 4825) that
/// tells the presence server which watchers to allow, block or ask about.
public struct PresRuleset: Hashable, Sendable, Codable {
    public var rules: [PresRule]

    public init(rules: [PresRule] = []) { self.rules = rules }
}

/// RFC 4745 §7 `<rule id>`: conditions, actions, transformations.
public struct PresRule: Hashable, Sendable, Codable {
    public var id: String
    public var conditions: PresRuleConditions
    public var subHandling: SubHandling?
    public var transformations: PresRuleTransformations

    public init(id: String, conditions: PresRuleConditions = PresRuleConditions(), subHandling: SubHandling? = nil,
                transformations: PresRuleTransformations = PresRuleTransformations()) {
        self.id = id
        self.conditions = conditions
        self.subHandling = subHandling
        self.transformations = transformations
    }
}

/// RFC 5025 §3.2.1 `<sub-handling>`.
public enum SubHandling: String, Hashable, Sendable, Codable, CaseIterable {
    case block, confirm, allow
    case politeBlock = "polite-block"
}

/// RFC 4745 §7.1 conditions. An empty value matches everyone (§10.1).
public struct PresRuleConditions: Hashable, Sendable, Codable {
    /// `<identity>`: nil when the rule has no identity condition.
    public var identity: [IdentityCondition]?
    /// RFC 4745 §7.2 `<sphere value>`.
    public var sphere: String?
    /// RFC 4745 §7.3 `<validity>` intervals.
    public var validity: [ValidityInterval]

    public init(identity: [IdentityCondition]? = nil, sphere: String? = nil, validity: [ValidityInterval] = []) {
        self.identity = identity
        self.sphere = sphere
        self.validity = validity
    }
}

/// RFC 4745 §7.1.1: `<one id>` names one watcher; `<many domain>` names a
/// domain (or, without one, everybody authenticated) minus `<except>`s.
public enum IdentityCondition: Hashable, Sendable, Codable {
    case one(id: String)
    case many(domain: String?, except: [IdentityException])
}

/// RFC 4745 §7.1.1 `<except id>` / `<except domain>`.
public enum IdentityException: Hashable, Sendable, Codable {
    case id(String)
    case domain(String)
}

public struct ValidityInterval: Hashable, Sendable, Codable {
    public var from: XMLDateTime
    public var until: XMLDateTime

    public init(from: XMLDateTime, until: XMLDateTime) {
        self.from = from
        self.until = until
    }
}

/// RFC 5025 §3.3 transformations: which services, persons and devices a
/// watcher sees, and which attributes (`provide-activities` and friends).
public struct PresRuleTransformations: Hashable, Sendable, Codable {
    public var provideServices: ServiceSelection?
    public var providePersons: PersonSelection?
    public var provideDevices: DeviceSelection?
    /// RFC 5025 §3.3.4 ff: the other `provide-*` elements by name ("provide-activities": "true").
    public var providedAttributes: [ProvidedAttribute]

    public init(provideServices: ServiceSelection? = nil, providePersons: PersonSelection? = nil,
                provideDevices: DeviceSelection? = nil, providedAttributes: [ProvidedAttribute] = []) {
        self.provideServices = provideServices
        self.providePersons = providePersons
        self.provideDevices = provideDevices
        self.providedAttributes = providedAttributes
    }

    public static let everything = PresRuleTransformations(provideServices: .all, providePersons: .all, provideDevices: .all)
}

/// RFC 5025 §3.3.1 `<provide-services>`: `<all-services/>` or a list.
public enum ServiceSelection: Hashable, Sendable, Codable {
    case all
    case some([ServiceSelector])
}

public enum ServiceSelector: Hashable, Sendable, Codable {
    case serviceURI(String)
    case serviceURIScheme(String)
    case occurrenceID(String)
    case serviceClass(String)
}

/// RFC 5025 §3.3.3 `<provide-persons>`.
public enum PersonSelection: Hashable, Sendable, Codable {
    case all
    case some([PersonSelector])
}

public enum PersonSelector: Hashable, Sendable, Codable {
    case occurrenceID(String)
    case personClass(String)
}

/// RFC 5025 §3.3.2 `<provide-devices>`.
public enum DeviceSelection: Hashable, Sendable, Codable {
    case all
    case some([DeviceSelector])
}

public enum DeviceSelector: Hashable, Sendable, Codable {
    case deviceID(String)
    case occurrenceID(String)
    case deviceClass(String)
}

/// A `provide-*` attribute permission. `provide-unknown-attribute`
/// (RFC 5025 §3.3) also carries the attribute's namespace and name.
public struct ProvidedAttribute: Hashable, Sendable, Codable {
    public var element: String
    public var value: String
    public var namespace: String?
    public var name: String?

    public init(element: String, value: String, namespace: String? = nil, name: String? = nil) {
        self.element = element
        self.value = value
        self.namespace = namespace
        self.name = name
    }
}
