import SIPCore

/// A SIP event package (RFC 6665 §5): the `Event` token and the document
/// types its NOTIFYs carry, which a SUBSCRIBE lists in Accept.
public struct EventPackage: Hashable, Sendable, CustomStringConvertible {
    /// The event-type token, e.g. `presence`.
    public var name: String
    /// Body types of the package, preferred first.
    public var documentTypes: [MediaType]

    public init(name: String, documentTypes: [MediaType]) {
        self.name = name
        self.documentTypes = documentTypes
    }

    /// RFC 3856: presence of a user, as PIDF (RFC 3863).
    public static let presence = EventPackage(name: "presence", documentTypes: [.pidf])
    /// RFC 4235: the dialogs of a user, for busy-lamp-field.
    public static let dialog = EventPackage(name: "dialog", documentTypes: [MediaType("application", "dialog-info+xml")])
    /// RFC 3857: who watches our presence (the `winfo` template package
    /// applied to `presence`).
    public static let presenceWatcherInfo = EventPackage(
        name: "presence.winfo", documentTypes: [MediaType("application", "watcherinfo+xml")])

    /// RFC 4662 §4.1: a list subscription's NOTIFY is a multipart/related
    /// whose root is an RLMI document, so both must be accepted along with
    /// the package's own types.
    public static let resourceListTypes = [MediaType("multipart", "related"), MediaType("application", "rlmi+xml")]

    /// The Accept header value for a SUBSCRIBE to this package.
    public func acceptHeader(resourceList: Bool) -> String {
        let types = documentTypes + (resourceList ? Self.resourceListTypes : [])
        return types.map(\.essence).joined(separator: ", ")
    }

    public var description: String { name }
}
