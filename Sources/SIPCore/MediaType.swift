/// A Content-Type value: `type/subtype;params`, compared case-insensitively.
public struct MediaType: Hashable, Sendable, CustomStringConvertible {
    public var type: String
    public var subtype: String
    public var parameters: [SIPParameter]

    public init(_ type: String, _ subtype: String, parameters: [SIPParameter] = []) {
        self.type = type.lowercased()
        self.subtype = subtype.lowercased()
        self.parameters = parameters
    }

    public static let sdp = MediaType("application", "sdp")
    public static let pidf = MediaType("application", "pidf+xml")
    public static let textPlain = MediaType("text", "plain")

    public var essence: String { type + "/" + subtype }

    public func matches(_ other: MediaType) -> Bool { essence == other.essence }

    public var description: String { essence + parameters.serialized() }
}
