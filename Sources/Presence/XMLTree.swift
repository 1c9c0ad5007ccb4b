/// A name in a namespace: what an element or attribute *is*, whatever prefix
/// the sender used. An unprefixed attribute has the empty namespace (XML
/// Namespaces 1.0 §6.2: default namespaces do not apply to attributes).
struct XMLName: Hashable, Sendable, CustomStringConvertible {
    var namespace: String
    var local: String

    init(_ namespace: String, _ local: String) {
        self.namespace = namespace
        self.local = local
    }

    var description: String { namespace.isEmpty ? local : "{\(namespace)}\(local)" }
}

/// One element of a parsed document: the small tree the readers walk. Text
/// is the character data directly inside the element (children's text is
/// theirs), with entity and character references already resolved.
struct ParsedXMLElement: Sendable, Equatable {
    var name: XMLName
    var attributes: [XMLName: String] = [:]
    var children: [ParsedXMLElement] = []
    var text: String = ""

    /// Text with surrounding white space removed: PIDF values such as
    /// `<basic> open </basic>` are tokens (RFC 3863 §4.1.4 uses xs:token-like enums).
    var trimmedText: String { text.trimmingXMLWhitespace() }

    /// An unprefixed attribute (the common case for every format here).
    func attribute(_ local: String) -> String? { attributes[XMLName("", local)] }

    func attribute(_ namespace: String, _ local: String) -> String? { attributes[XMLName(namespace, local)] }

    /// `xml:lang` (XML 1.0 §2.12), used by every note element.
    var language: String? { attribute(PresenceNamespace.xml, "lang") }

    /// RFC 3863 (its schema's `mustUnderstand` attribute) and RFC 4479 §4.3.5:
    /// `mustUnderstand` is defined in the PIDF namespace, but senders also write it unprefixed or with their own
    /// prefix. Any attribute with that local name counts; "true" and "1" are
    /// the xs:boolean spellings of true.
    var isMustUnderstand: Bool {
        for (name, value) in attributes where name.local == "mustUnderstand" {
            let token = value.trimmingXMLWhitespace()
            if token == "true" || token == "1" { return true }
        }
        return false
    }

    func children(_ namespace: String, _ local: String) -> [ParsedXMLElement] {
        children.filter { $0.name.namespace == namespace && $0.name.local == local }
    }

    func child(_ namespace: String, _ local: String) -> ParsedXMLElement? {
        children.first { $0.name.namespace == namespace && $0.name.local == local }
    }

    func children(in namespace: String) -> [ParsedXMLElement] {
        children.filter { $0.name.namespace == namespace }
    }

    /// A copy with every name (elements and attributes) in namespace `old` moved to `new`.
    func renamingNamespace(_ old: String, to new: String) -> ParsedXMLElement {
        var copy = self
        if copy.name.namespace == old { copy.name.namespace = new }
        copy.attributes = Dictionary(attributes.map { name, value in
            (name.namespace == old ? XMLName(new, name.local) : name, value)
        }, uniquingKeysWith: { first, _ in first })
        copy.children = children.map { $0.renamingNamespace(old, to: new) }
        return copy
    }

    /// A copy where every element without a namespace is put in `namespace`.
    /// Some servers send `<presence>` with no xmlns at all; the lenient
    /// reader treats such a document as if it had declared its own format.
    func placingUnqualifiedElements(in namespace: String) -> ParsedXMLElement {
        var copy = self
        if copy.name.namespace.isEmpty { copy.name.namespace = namespace }
        copy.children = children.map { $0.placingUnqualifiedElements(in: namespace) }
        return copy
    }
}

extension StringProtocol {
    /// XML white space is exactly space, tab, CR and LF (XML 1.0 §2.3 S);
    /// Foundation's sets would also eat NBSP and other Unicode spaces that
    /// belong to a note's text.
    func trimmingXMLWhitespace() -> String {
        let isXMLSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isXMLSpace($0) }),
              let last = lastIndex(where: { !isXMLSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
