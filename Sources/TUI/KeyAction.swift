/// Everything a key can be bound to. The raw value is the name used in the
/// `[keys]` table (`answer = "a"`).
///
/// Phone actions turn into command lines of the one grammar (the same words
/// as on the command line and the control socket); UI actions change only
/// the screen.
public enum KeyAction: String, Sendable, CaseIterable, Hashable {
    // Calls
    case dial, answer, reject, hangup, hold, transfer, dtmf
    // Presence and buddies
    case status, note
    case buddyAdd = "buddy-add"
    case buddyRemove = "buddy-remove"
    case message
    case watcherApprove = "watcher-approve"
    case watcherBlock = "watcher-block"
    // The screen
    case nextPane = "next-pane"
    case previousPane = "previous-pane"
    case help, prompt, filter, quit, select
    case up, down
    case pageUp = "page-up"
    case pageDown = "page-down"
    case top, bottom

    /// What a phone action does: run a command line, or open the `:` prompt
    /// with one to finish. Templates name the selection: `{call}` (the
    /// ringing or selected call, left out when there is none), `{buddy}` and
    /// `{watcher}` (the selected row; without one the line goes to the
    /// prompt instead of running, so the user can type it).
    public enum Effect: Sendable, Equatable {
        case run(String)
        case prompt(String)
        case screen
    }

    public var effect: Effect {
        switch self {
        case .dial: return .prompt("dial {buddy}")
        case .answer: return .run("answer {call}")
        case .reject: return .run("reject {call}")
        case .hangup: return .run("hangup {call}")
        case .hold: return .run("hold {call}")
        case .transfer: return .prompt("transfer {call} ")
        case .dtmf: return .prompt("dtmf {call} ")
        case .status: return .prompt("status ")
        case .note: return .prompt("status note ")
        case .buddyAdd: return .prompt("buddy add ")
        case .buddyRemove: return .prompt("buddy remove {buddy}")
        case .message: return .prompt("message {buddy} ")
        case .watcherApprove: return .run("watcher allow {watcher}")
        case .watcherBlock: return .run("watcher block {watcher}")
        default: return .screen
        }
    }

    /// Shipped bindings. Letters follow pjsua where it has one (a, h, H, #).
    public var defaultKeys: [Key] {
        switch self {
        case .dial: return [.char("d")]
        case .answer: return [.char("a")]
        case .reject: return [.char("r")]
        case .hangup: return [.char("h")]
        case .hold: return [.char("H")]
        case .transfer: return [.char("t")]
        case .dtmf: return [.char("#")]
        case .status: return [.char("s")]
        case .note: return [.char("n")]
        case .buddyAdd: return [.char("+")]
        case .buddyRemove: return [.char("-")]
        case .message: return [.char("m")]
        case .watcherApprove: return [.char("y")]
        case .watcherBlock: return [.char("b")]
        case .nextPane: return [.tab]
        case .previousPane: return [.backTab]
        case .help: return [.char("?"), .function(1)]
        case .prompt: return [.char(":")]
        case .filter: return [.char("/")]
        case .quit: return [.char("q")]
        case .select: return [.enter]
        case .up: return [.up, .char("k")]
        case .down: return [.down, .char("j")]
        case .pageUp: return [.pageUp]
        case .pageDown: return [.pageDown]
        case .top: return [.home, .char("g")]
        case .bottom: return [.end, .char("G")]
        }
    }

    /// One line for the help overlay.
    public var summary: String {
        switch self {
        case .dial: return "dial (the selected buddy)"
        case .answer: return "answer the ringing call"
        case .reject: return "reject the ringing call"
        case .hangup: return "hang up"
        case .hold: return "hold / resume"
        case .transfer: return "transfer the call"
        case .dtmf: return "send DTMF digits"
        case .status: return "set your status"
        case .note: return "set your note"
        case .buddyAdd: return "add a buddy"
        case .buddyRemove: return "remove the selected buddy"
        case .message: return "message the selected buddy"
        case .watcherApprove: return "let the selected watcher see you"
        case .watcherBlock: return "block the selected watcher"
        case .nextPane: return "next pane"
        case .previousPane: return "previous pane"
        case .help: return "this help"
        case .prompt: return "command prompt"
        case .filter: return "filter buddies"
        case .quit: return "quit (unregisters)"
        case .select: return "open group / dial buddy"
        case .up: return "up"
        case .down: return "down"
        case .pageUp: return "page up"
        case .pageDown: return "page down"
        case .top: return "first"
        case .bottom: return "last (events: follow new)"
        }
    }

    /// Sections of the help overlay, in order.
    static let helpSections: [(title: String, actions: [KeyAction])] = [
        ("Calls", [.dial, .answer, .reject, .hangup, .hold, .transfer, .dtmf]),
        ("Presence", [.status, .note, .buddyAdd, .buddyRemove, .message, .watcherApprove, .watcherBlock]),
        ("Screen", [.help, .prompt, .filter, .nextPane, .previousPane, .select, .up, .down, .pageUp, .pageDown,
                    .top, .bottom, .quit]),
    ]
}
