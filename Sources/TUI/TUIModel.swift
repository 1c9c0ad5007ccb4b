import Commands
import Foundation
import PhoneCore

/// The whole state of the screen as a value: what is shown, what has focus,
/// what is being typed. `handle` applies one event and says what to do
/// (run a command line, quit, ring the bell); the views draw from it. No
/// terminal, no I/O, no clock of its own.
public struct TUIModel: Sendable {
    public enum InputMode: Sendable, Equatable {
        case normal
        /// Typing into the buddy filter.
        case filter
        /// Typing a `:` command line.
        case prompt
        case help
    }

    public let account: String
    public let keyMap: KeyMap
    public let catalog: CommandCatalog
    public let mode: TUIMode
    public let timeZone: TimeZone

    public internal(set) var size: TerminalSize
    public internal(set) var phone = PhoneView()
    /// Incoming messages not read yet, by peer URI.
    public internal(set) var unread: [String: Int] = [:]
    /// The last view as PhoneCore gave it, before the unread counts.
    var received = PhoneView()
    public internal(set) var focus: Pane = .buddies
    public internal(set) var inputMode: InputMode = .normal
    public internal(set) var buddyList = BuddyListState()
    public internal(set) var callSelection = 0
    public internal(set) var log = EventLog()
    public internal(set) var prompt = PromptState()
    public internal(set) var helpScroll = 0
    /// The ringing call whose popup the user put away (Esc); it stays in
    /// the calls pane.
    public internal(set) var dismissedCallID: String?
    public internal(set) var now: Date
    public internal(set) var flash: Flash?
    /// Quit was asked for; the status bar says so until the screen closes.
    public internal(set) var quitting = false
    /// When the registrar last granted our registration (for "until 14:35").
    public internal(set) var registeredAt: Date?
    /// `q` during a call asks once more before quitting.
    var quitArmed = false

    public init(account: String, keyMap: KeyMap = .defaults, catalog: CommandCatalog = .switchboard,
                mode: TUIMode = .sip, size: TerminalSize = .standard, now: Date, timeZone: TimeZone = .current) {
        self.account = account
        self.keyMap = keyMap
        self.catalog = catalog
        self.mode = mode
        self.size = size
        self.now = now
        self.timeZone = timeZone
    }

    public var layout: ScreenLayout {
        ScreenLayout.compute(size: size, focus: focus, callCount: phone.calls.count)
    }

    /// Our account's row, once the snapshot has it.
    public var accountRow: AccountRow? { phone.accounts.first { $0.id == account } }

    /// The incoming call the popup shows, unless put away.
    public var popupCall: CallRow? {
        guard let call = phone.incomingCall, call.id != dismissedCallID else { return nil }
        return call
    }

    public var selectedCall: CallRow? {
        phone.calls.indices.contains(callSelection) ? phone.calls[callSelection] : nil
    }

    /// Rows the buddy list shows (its pane minus title and filter line).
    public var buddyRows: Int {
        max(0, layout.contentRows(.buddies) - (showsFilterLine ? 1 : 0))
    }

    public var showsFilterLine: Bool { inputMode == .filter || !buddyList.filter.isEmpty }

    /// When the loop should send the next `.clock`: every second while a
    /// call is up (its duration is on screen), else at the next minute.
    public func nextClockTick() -> Date {
        let hasLiveCall = phone.calls.contains { $0.state == .active || $0.state == .held }
        let seconds = now.timeIntervalSince1970
        let next = hasLiveCall ? (seconds + 1).rounded(.down) : ((seconds / 60).rounded(.down) + 1) * 60
        return Date(timeIntervalSince1970: next)
    }

    public mutating func handle(_ event: TUIEvent) -> [TUIAction] {
        switch event {
        case .key(let key):
            return handleKey(key)
        case .resize(let newSize):
            size = newSize
            keepSelectionsVisible()
            return []
        case .snapshot(let view, let time):
            advanceClock(to: time)
            let ringingBefore = phone.incomingCall?.id
            apply(view)
            // a new incoming call rings once (the popup shows it until answered)
            if let ringing = phone.incomingCall?.id, ringing != ringingBefore { return [.bell] }
            return []
        case .phoneEvent(let event, let time):
            advanceClock(to: time)
            record(event, at: time)
            return []
        case .commandOutput(let text, let isError, let time):
            advanceClock(to: time)
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
                log(String(line), role: isError ? .error : .text)
            }
            return []
        case .commandFinished(let line, let status, let time):
            advanceClock(to: time)
            if status != 0 {
                let meaning = SwitchboardExit(rawValue: status)?.meaning ?? "failed"
                log("\(line): exit status \(status): \(meaning)", role: .error)
            }
            return []
        case .clock(let time):
            advanceClock(to: time)
            return []
        case .terminate(let reason, let time):
            advanceClock(to: time)
            log("\(reason): quitting", role: .accent)
            return beginQuit()
        case .capturedOutput(let text, let time):
            advanceClock(to: time)
            log(text, role: .dim)
            return []
        }
    }

    // MARK: Phone state

    mutating func apply(_ view: PhoneView) {
        received = view
        var view = view
        // messages not read yet: counted here from the events, shown per buddy
        for group in view.buddyGroups.indices {
            for index in view.buddyGroups[group].buddies.indices {
                let row = view.buddyGroups[group].buddies[index]
                view.buddyGroups[group].buddies[index].unread = max(row.unread, unread[row.uri] ?? 0)
            }
        }
        phone = view
        // Only a registration event says when the grant happened; a snapshot
        // of an older registration does not, so it leaves the time unknown.
        if accountRow?.registration.status != .registered { registeredAt = nil }
        buddyList.update(groups: view.buddyGroups, watchers: view.pendingWatchers)
        if callSelection >= view.calls.count { callSelection = max(0, view.calls.count - 1) }
        if let dismissed = dismissedCallID, !view.calls.contains(where: { $0.id == dismissed }) { dismissedCallID = nil }
        keepSelectionsVisible()
    }

    mutating func record(_ event: PhoneEvent, at time: Date) {
        var role = StyleRole.dim
        if case .registration(let id, let registration) = event {
            switch registration.status {
            case .registered: role = .available
            case .failed: role = .error
            default: role = .text
            }
            // Every grant (first or refresh) restarts the countdown to expiry.
            if id == account && registration.status == .registered { registeredAt = time }
        }
        if case .presence(.message(let message)) = event, message.direction == "in" {
            unread[message.peer, default: 0] += 1
            role = .accent
            apply(received)
        }
        log(event.record.text, role: role)
    }

    /// The user turned to a buddy's messages: they count as read.
    mutating func markRead(_ uri: String) {
        guard unread.removeValue(forKey: uri) != nil else { return }
        apply(received)
    }

    mutating func log(_ text: String, role: StyleRole) {
        log.append(LogLine(time: now, text: text, role: role))
        log.clamp(visibleRows: layout.contentRows(.events))
    }

    mutating func advanceClock(to time: Date) {
        if time > now { now = time }
    }

    mutating func keepSelectionsVisible() {
        buddyList.scrollToSelection(visibleRows: buddyRows)
        log.clamp(visibleRows: layout.contentRows(.events))
    }

    mutating func beginQuit() -> [TUIAction] {
        guard !quitting else { return [] }
        quitting = true
        inputMode = .normal
        return [.quit]
    }
}
