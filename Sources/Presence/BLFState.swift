/// What a busy lamp shows for one line, from its dialog-info (RFC 4235).
public enum BLFState: Hashable, Sendable, Codable {
    /// No dialog at all. Note: this says nothing about whether the phone is
    /// registered (RFC 4235 has no such notion); see docs/presence-merge.md.
    case idle
    /// RFC 4235 §3.7.1 trying, proceeding or early: a call being set up.
    /// `direction` is the entity's role: recipient means it is ringing there.
    case ringing(direction: DialogInfoDialog.Direction?)
    /// A confirmed dialog: the line is in a call.
    case onThePhone
    /// Only terminated dialogs: a call just ended, with why (`event`, `code`).
    case terminated(event: String?, code: Int?)

    /// The strongest state among dialogs: confirmed, then early ones,
    /// then terminated; no dialog is idle.
    public init(dialogs: [DialogInfoDialog]) {
        if dialogs.contains(where: { $0.state == .confirmed }) {
            self = .onThePhone
        } else if let early = dialogs.first(where: { [.trying, .proceeding, .early].contains($0.state) }) {
            self = .ringing(direction: early.direction)
        } else if let ended = dialogs.last(where: { $0.state == .terminated }) {
            self = .terminated(event: ended.stateEvent, code: ended.stateCode)
        } else {
            self = .idle
        }
    }

    public init(document: DialogInfoDocument) {
        self.init(dialogs: document.dialogs)
    }
}

/// Keeps the dialogs of one dialog-event subscription across full and
/// partial notifications (RFC 4235 §4.1: version numbers and the `state`
/// attribute of `<dialog-info>`).
public struct DialogInfoTracker: Hashable, Sendable {
    public enum Outcome: Hashable, Sendable {
        case applied
        /// Version not newer than the last one: a reordered or repeated NOTIFY, ignored.
        case staleIgnored
        /// A partial document that skips a version: the watcher has missed
        /// one and should refresh the subscription to get a full state.
        case versionGap(expected: Int, received: Int)
    }

    public private(set) var version: Int?
    /// Dialogs by id, in the order they were first seen.
    public private(set) var dialogs: [DialogInfoDialog] = []

    public init() {}

    public var state: BLFState { BLFState(dialogs: dialogs) }

    public mutating func apply(_ document: DialogInfoDocument) -> Outcome {
        if let last = version, let received = document.version {
            if received <= last { return .staleIgnored }
            if document.state == .partial && received != last + 1 {
                return .versionGap(expected: last + 1, received: received)
            }
        }
        version = document.version ?? version
        switch document.state {
        case .full:
            dialogs = document.dialogs
        case .partial:
            // Dialogs that ended in an earlier notification are gone now.
            dialogs.removeAll { $0.state == .terminated }
            for dialog in document.dialogs {
                if let index = dialogs.firstIndex(where: { $0.id == dialog.id }) {
                    dialogs[index] = dialog
                } else {
                    dialogs.append(dialog)
                }
            }
        }
        return .applied
    }
}
