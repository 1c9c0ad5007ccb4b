/// A theme or key-map file that cannot be used, said the way compilers say
/// it (`FILE:LINE: KEY: what is wrong`) so editors can jump to the spot.
public struct TOMLFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    /// Dotted key path such as `roles.busy.fg`, when the problem has one.
    public var key: String?
    public var message: String

    public init(path: String, line: Int? = nil, key: String? = nil, message: String) {
        self.path = path
        self.line = line
        self.key = key
        self.message = message
    }

    public var description: String {
        var text = path
        if let line { text += ":\(line)" }
        text += ": "
        if let key { text += "\(key): " }
        return text + message
    }
}
