/// Why a session description could not be read, with the 1-based line
/// where that is known. Answering an INVITE whose SDP fails here with
/// 400 or 488 is the caller's choice.
public struct SDPSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    public var line: Int?
    public var detail: String

    public init(line: Int? = nil, _ detail: String) {
        self.line = line
        self.detail = detail
    }

    public var description: String {
        guard let line else { return "SDP: \(detail)" }
        return "SDP line \(line): \(detail)"
    }
}
