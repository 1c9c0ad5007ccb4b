/// The lines of the protocol, one JSON object each, ending in "\n".
/// Both ends build their lines here so that they cannot drift apart.
enum ControlWire {
    static func replyLine(id: ControlRequestID?, reply: ControlReply) -> [UInt8] {
        var object: JSONObject = ["id": id?.json ?? .null]
        switch reply {
        case .ok(let data):
            object["ok"] = true
            object["data"] = data
        case .failure(let error):
            object["ok"] = false
            object["error"] = ["code": error.code.json, "message": .string(error.message)]
        }
        return line(.object(object))
    }

    static func eventLine(_ name: String, data: JSONValue) -> [UInt8] {
        line(["event": .string(name), "data": data])
    }

    static func requestLine(id: ControlRequestID, request: ControlRequest) -> [UInt8] {
        switch request {
        case .command(let text): line(["id": id.json, "command": .string(text)])
        case .snapshot: line(["id": id.json, "snapshot": true])
        }
    }

    static func subscribeLine(id: ControlRequestID, filter: EventFilter) -> [UInt8] {
        let names: JSONValue = filter == .all ? "*" : filter.json
        return line(["id": id.json, "subscribe": names])
    }

    private static func line(_ value: JSONValue) -> [UInt8] {
        var bytes = value.encodedBytes()
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }
}

/// One line from the server, as a client reads it.
enum ControlServerMessage: Sendable, Hashable {
    /// A reply; the id is nil when the server could not read the request's id.
    case reply(ControlRequestID?, ControlReply)
    case event(ControlEvent)

    /// Reads a server line; nil when it is not one the protocol defines.
    init?(line: some Collection<UInt8>, parser: JSONParser = JSONParser(maxDepth: JSONParser.depthCeiling)) {
        guard case .object(let object) = try? parser.parse(line) else { return nil }
        if case .string(let name) = object["event"] {
            self = .event(ControlEvent(name: name, data: object["data"] ?? .null))
            return
        }
        guard case .bool(let ok) = object["ok"] else { return nil }
        let id = object["id"].flatMap(ControlRequestID.init)
        if ok {
            self = .reply(id, .ok(object["data"] ?? .null))
            return
        }
        guard let error = object["error"]?.objectValue,
              let code = error["code"].flatMap(ControlErrorCode.init),
              case .string(let message) = error["message"] else { return nil }
        self = .reply(id, .failure(ControlError(code: code, message: message)))
    }
}
