/// One line from a client, once it has been found to be a valid request.
enum ControlInbound: Sendable, Hashable {
    /// For the handler: a command line or a snapshot.
    case request(ControlRequestID, ControlRequest)
    /// For the server: replace this connection's event filter.
    case subscribe(ControlRequestID, EventFilter)
}

/// A line that is not a valid request, with the id to answer it under when
/// the line got far enough to have one (else the reply's id is null).
struct ControlInboundRejection: Error, Sendable, Hashable {
    let id: ControlRequestID?
    let error: ControlError

    init(id: ControlRequestID?, _ code: ControlErrorCode, _ message: String) {
        self.id = id
        self.error = ControlError(code: code, message: message)
    }
}

/// Turns one line into a request or the error reply it deserves. Strict on
/// purpose: a member we do not know is more likely a typo ("comand") than a
/// future extension, and silently ignoring it would run the wrong thing.
struct ControlRequestDecoder: Sendable {
    static let members: Set<String> = ["id", "command", "subscribe", "snapshot"]
    static let actions = ["command", "subscribe", "snapshot"]

    let parser: JSONParser

    init(maxDepth: Int = 16) {
        parser = JSONParser(maxDepth: maxDepth)
    }

    func decode(_ line: some Collection<UInt8>) -> Result<ControlInbound, ControlInboundRejection> {
        let json: JSONValue
        do {
            json = try parser.parse(line)
        } catch {
            if case .duplicateKey(let key) = error.reason {
                return .failure(.init(id: nil, .badRequest, "duplicate member \"\(key)\""))
            }
            return .failure(.init(id: nil, .badJSON, error.description))
        }
        guard case .object(let object) = json else {
            return .failure(.init(id: nil, .badRequest, "a request is a JSON object"))
        }
        return Result { () throws(ControlInboundRejection) in try decode(object) }
    }

    private func decode(_ object: JSONObject) throws(ControlInboundRejection) -> ControlInbound {
        // Find the id first, so every later complaint can be answered under it.
        let id = object["id"].flatMap(ControlRequestID.init)
        if let unknown = object.keys.first(where: { !Self.members.contains($0) }) {
            throw .init(id: id, .badRequest, "unknown member \"\(unknown)\"")
        }
        guard let rawID = object["id"] else {
            throw .init(id: nil, .badRequest, "missing \"id\"")
        }
        guard let id else {
            throw .init(id: nil, .badRequest, "\"id\" must be a string or a number, not \(rawID)")
        }
        let present = Self.actions.filter { object[$0] != nil }
        guard present.count == 1, let action = present.first, let value = object[action] else {
            let message = present.isEmpty
                ? "a request needs one of \"command\", \"subscribe\", \"snapshot\""
                : "a request has only one of \"command\", \"subscribe\", \"snapshot\""
            throw .init(id: id, .badRequest, message)
        }
        switch action {
        case "command": return .request(id, .command(try commandText(value, id: id)))
        case "subscribe": return .subscribe(id, try filter(value, id: id))
        default:
            guard value == .bool(true) else {
                throw .init(id: id, .badRequest, "\"snapshot\" must be true")
            }
            return .request(id, .snapshot)
        }
    }

    private func commandText(_ value: JSONValue, id: ControlRequestID) throws(ControlInboundRejection) -> String {
        guard case .string(let text) = value else {
            throw .init(id: id, .badRequest, "\"command\" must be a string")
        }
        // A NUL cannot be typed on a command line; one that arrives is an
        // attempt to smuggle a C-string terminator into whatever runs next.
        guard !text.unicodeScalars.contains("\u{0}") else {
            throw .init(id: id, .badRequest, "\"command\" must not contain U+0000")
        }
        return text
    }

    private func filter(_ value: JSONValue, id: ControlRequestID) throws(ControlInboundRejection) -> EventFilter {
        let shape = "\"subscribe\" must be \"*\" or an array of event names"
        switch value {
        case .string("*"):
            return .all
        case .array(let elements):
            var names = Set<String>()
            for element in elements {
                guard case .string(let name) = element else { throw .init(id: id, .badRequest, shape) }
                guard !name.isEmpty else { throw .init(id: id, .badRequest, "an event name is not empty") }
                if name == "*" { return .all }
                names.insert(name)
            }
            return .names(names)
        default:
            throw .init(id: id, .badRequest, shape)
        }
    }
}
