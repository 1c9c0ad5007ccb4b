/// RFC 4235 §4: `application/dialog-info+xml`, the body of the dialog
/// event package that busy lamp fields (BLF) subscribe to.
public struct DialogInfoDocument: Hashable, Sendable, Codable {
    /// RFC 4235 §4.1: "full" replaces what the watcher knew; "partial"
    /// updates only the dialogs it lists.
    public enum State: String, Hashable, Sendable, Codable { case full, partial }

    /// RFC 4235 §4.1.1: increases by one with each NOTIFY of a subscription.
    public var version: Int?
    public var state: State
    public var entity: String
    public var dialogs: [DialogInfoDialog]

    public init(version: Int?, state: State, entity: String, dialogs: [DialogInfoDialog] = []) {
        self.version = version
        self.state = state
        self.entity = entity
        self.dialogs = dialogs
    }
}

/// RFC 4235 §4.1 `<dialog>`: one dialog (or early half-dialog) of the entity.
public struct DialogInfoDialog: Hashable, Sendable, Codable {
    public enum Direction: String, Hashable, Sendable, Codable { case initiator, recipient }

    /// RFC 4235 §3.7.1 states.
    public enum State: String, Hashable, Sendable, Codable, CaseIterable {
        case trying, proceeding, early, confirmed, terminated
    }

    public var id: String
    public var callID: String?
    public var localTag: String?
    public var remoteTag: String?
    public var direction: Direction?
    /// nil when `<state>` is missing or unknown; such a dialog tells nothing.
    public var state: State?
    /// RFC 4235 §4.1 `event` attribute of `<state>` ("cancelled",
    /// "rejected", "replaced", "local-bye", "remote-bye", "error", "timeout").
    public var stateEvent: String?
    /// The SIP response code that ended an early dialog (`code` attribute).
    public var stateCode: Int?
    /// Seconds since the dialog was created.
    public var duration: Int?
    public var local: DialogParticipant?
    public var remote: DialogParticipant?

    public init(id: String, callID: String? = nil, localTag: String? = nil, remoteTag: String? = nil,
                direction: Direction? = nil, state: State? = nil, stateEvent: String? = nil,
                stateCode: Int? = nil, duration: Int? = nil, local: DialogParticipant? = nil,
                remote: DialogParticipant? = nil) {
        self.id = id
        self.callID = callID
        self.localTag = localTag
        self.remoteTag = remoteTag
        self.direction = direction
        self.state = state
        self.stateEvent = stateEvent
        self.stateCode = stateCode
        self.duration = duration
        self.local = local
        self.remote = remote
    }
}

/// RFC 4235 §4.1 `<local>` / `<remote>`: who is in the dialog.
public struct DialogParticipant: Hashable, Sendable, Codable {
    public struct TargetParameter: Hashable, Sendable, Codable {
        public var name: String
        public var value: String
    }

    public var identity: String?
    public var displayName: String?
    public var target: String?
    public var targetParameters: [TargetParameter]

    public init(identity: String? = nil, displayName: String? = nil, target: String? = nil,
                targetParameters: [TargetParameter] = []) {
        self.identity = identity
        self.displayName = displayName
        self.target = target
        self.targetParameters = targetParameters
    }
}

/// Reads dialog-info bodies leniently: unknown elements skipped, a missing
/// or unknown `state` read as nil, a document without namespace accepted.
public enum DialogInfoReader {
    private typealias NS = PresenceNamespace

    public static func read(_ body: some Collection<UInt8>) throws(PresenceDocumentError) -> BodyReading<DialogInfoDocument> {
        guard let tree = try XMLTreeReader.read(body) else { return .noDocument }
        return try read(tree: tree)
    }

    static func read(tree: ParsedXMLElement) throws(PresenceDocumentError) -> BodyReading<DialogInfoDocument> {
        var root = tree
        if root.name == XMLName("", "dialog-info") { root = root.placingUnqualifiedElements(in: NS.dialogInfo) }
        guard root.name == XMLName(NS.dialogInfo, "dialog-info") else {
            throw .wrongRoot(expected: "{\(NS.dialogInfo)}dialog-info", found: root.name.description)
        }
        return .document(DialogInfoDocument(
            version: root.attribute("version").flatMap { Int($0.trimmingXMLWhitespace()) },
            // RFC 4235 §4.1 requires the attribute; without it the safe reading is "full".
            state: root.attribute("state").flatMap { DialogInfoDocument.State(rawValue: $0.trimmingXMLWhitespace()) } ?? .full,
            entity: root.attribute("entity")?.trimmingXMLWhitespace() ?? "",
            dialogs: root.children(NS.dialogInfo, "dialog").map(dialog)))
    }

    public static func read(_ text: String) throws(PresenceDocumentError) -> BodyReading<DialogInfoDocument> {
        try read(Array(text.utf8))
    }

    static func dialog(_ node: ParsedXMLElement) -> DialogInfoDialog {
        let state = node.child(NS.dialogInfo, "state")
        return DialogInfoDialog(
            id: node.attribute("id") ?? "",
            callID: node.attribute("call-id"),
            localTag: node.attribute("local-tag"),
            remoteTag: node.attribute("remote-tag"),
            direction: node.attribute("direction").flatMap { DialogInfoDialog.Direction(rawValue: $0.trimmingXMLWhitespace()) },
            state: state.flatMap { DialogInfoDialog.State(rawValue: $0.trimmedText.lowercased()) },
            stateEvent: state?.attribute("event"),
            stateCode: state?.attribute("code").flatMap { Int($0.trimmingXMLWhitespace()) },
            duration: node.child(NS.dialogInfo, "duration").flatMap { Int($0.trimmedText) },
            local: node.child(NS.dialogInfo, "local").map(participant),
            remote: node.child(NS.dialogInfo, "remote").map(participant))
    }

    static func participant(_ node: ParsedXMLElement) -> DialogParticipant {
        let identity = node.child(NS.dialogInfo, "identity")
        let target = node.child(NS.dialogInfo, "target")
        return DialogParticipant(
            identity: identity?.trimmedText,
            displayName: identity?.attribute("display"),
            target: target?.attribute("uri"),
            targetParameters: target?.children(NS.dialogInfo, "param").compactMap { param in
                guard let name = param.attribute("pname") else { return nil }
                return DialogParticipant.TargetParameter(name: name, value: param.attribute("pval") ?? "")
            } ?? [])
    }
}
