/// RPID (RFC 4480 §3) and timed-status (RFC 4481 §2) elements for `PIDFWriter`.
enum RPIDWriter {
    static func activities(_ value: RPIDActivities) -> XMLOutputElement {
        var element = XMLOutputElement("rpid:activities", [("from", value.from?.text), ("until", value.until?.text)])
        element.children += value.notes.map { PIDFWriter.note("rpid:note", $0) }
        element.children += value.activities.map(activity)
        return element
    }

    static func activity(_ activity: RPIDActivity) -> XMLOutputElement {
        if case .other(let text) = activity { return XMLOutputElement("rpid:other", text: text) }
        return XMLOutputElement("rpid:\(activity.token)")
    }

    static func mood(_ value: RPIDMood) -> XMLOutputElement {
        var element = XMLOutputElement("rpid:mood", [("from", value.from?.text), ("until", value.until?.text)])
        element.children += value.notes.map { PIDFWriter.note("rpid:note", $0) }
        element.children += value.values.map { XMLOutputElement("rpid:\($0)") }
        if let other = value.other { element.children.append(XMLOutputElement("rpid:other", text: other)) }
        return element
    }

    /// Place types are RFC 4589 location-type tokens, in their own namespace.
    static func placeType(_ value: RPIDPlaceType) -> XMLOutputElement {
        var element = XMLOutputElement("rpid:place-type", [("from", value.from?.text), ("until", value.until?.text)])
        element.children += value.types.map { XMLOutputElement("lt:\($0)") }
        if let other = value.other { element.children.append(XMLOutputElement("rpid:other", text: other)) }
        return element
    }

    static func privacy(_ value: RPIDPrivacy) -> XMLOutputElement {
        var element = XMLOutputElement("rpid:privacy")
        element.children += value.values.map { XMLOutputElement("rpid:\($0)") }
        if let other = value.other { element.children.append(XMLOutputElement("rpid:other", text: other)) }
        return element
    }

    /// The three enumerated spheres are elements; anything else is text.
    static func sphere(_ value: String) -> XMLOutputElement {
        if ["home", "work", "unknown"].contains(value) {
            return XMLOutputElement("rpid:sphere", children: [XMLOutputElement("rpid:\(value)")])
        }
        return XMLOutputElement("rpid:sphere", text: value)
    }

    static func userInput(_ value: UserInput) -> XMLOutputElement {
        XMLOutputElement("rpid:user-input",
                         [("idle-threshold", value.idleThreshold.map(String.init)), ("last-input", value.lastInput?.text)],
                         text: value.state.rawValue)
    }

    static func timedStatus(_ value: TimedStatus) -> XMLOutputElement {
        var element = XMLOutputElement("ts:timed-status", [("from", value.from.text), ("until", value.until?.text)])
        if let basic = value.basic { element.children.append(XMLOutputElement("ts:basic", text: basic.rawValue)) }
        if !value.activities.isEmpty {
            element.children.append(XMLOutputElement("rpid:activities", children: value.activities.map(activity)))
        }
        element.children += value.notes.map { PIDFWriter.note("note", $0) }
        return element
    }
}
