/// What a client asks of the running instance, as the server's handler sees
/// it. Subscriptions never reach the handler: the server keeps them itself.
public enum ControlRequest: Sendable, Hashable {
    /// One command line, as typed after `switchboard` (for example
    /// `register --json`). Split it with `CommandLineSplitter` and hand the
    /// words to the command grammar.
    case command(String)
    /// The whole state of the instance, for a controller that attaches late.
    case snapshot
}

/// The `id` a client chose for a request; the reply carries it back unchanged.
public enum ControlRequestID: Sendable, Hashable {
    case string(String)
    case int(Int)
    /// Any other JSON number, echoed as the number it was.
    case double(Double)

    /// Accepts the JSON values the protocol allows as an id.
    public init?(_ json: JSONValue) {
        switch json {
        case .string(let value): self = .string(value)
        case .int(let value): self = .int(value)
        case .double(let value): self = .double(value)
        default: return nil
        }
    }

    public var json: JSONValue {
        switch self {
        case .string(let value): .string(value)
        case .int(let value): .int(value)
        case .double(let value): .double(value)
        }
    }
}

/// Which pushed events a connection receives.
public enum EventFilter: Sendable, Hashable {
    /// Every event (`"subscribe": "*"`, or `"*"` among the names).
    case all
    /// Events with one of these names; the empty set receives nothing.
    case names(Set<String>)

    public static let none = EventFilter.names([])

    public func matches(_ event: String) -> Bool {
        switch self {
        case .all: true
        case .names(let names): names.contains(event)
        }
    }

    public var isEmpty: Bool { self == .none }

    /// The filter as the subscribe reply reports it: `["*"]` or the sorted names.
    public var json: JSONValue {
        switch self {
        case .all: ["*"]
        case .names(let names): .array(names.sorted().map(JSONValue.string))
        }
    }
}
