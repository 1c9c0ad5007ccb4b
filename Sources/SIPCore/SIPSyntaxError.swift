/// Why a piece of SIP text could not be understood.
public struct SIPSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    public var what: String
    public var detail: String

    public init(_ what: String, _ detail: String) {
        self.what = what
        self.detail = detail
    }

    public var description: String { "\(what): \(detail)" }
}
