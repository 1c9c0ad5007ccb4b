/// An event pushed to subscribed clients: `{"event": name, "data": data}`.
public struct ControlEvent: Sendable, Hashable {
    public var name: String
    public var data: JSONValue

    public init(name: String, data: JSONValue) {
        self.name = name
        self.data = data
    }
}
