import Foundation

/// The UI thread's loop: wait for input or a wake-up, feed everything to
/// the model, hand its actions out, draw. It waits with no polling: the
/// only timeout is the next clock tick (a minute when idle, a second while
/// a call's duration is on screen).
///
/// Generic over the driver, so tests run the same loop on a `CellGridDriver`
/// one step at a time.
public final class TUILoop {
    public private(set) var model: TUIModel
    public let driver: TerminalDriver
    private let inbox: TUIInbox
    private let perform: @Sendable (TUIAction) -> Void
    private let now: () -> Date
    public private(set) var lastReport = ScreenRenderer.Report()

    /// - Parameters:
    ///   - perform: receives `.run` and `.quit` (bells ring here).
    ///   - now: the wall clock (tests pass a fixed one).
    public init(model: TUIModel, driver: TerminalDriver, inbox: TUIInbox,
                now: @escaping () -> Date = Date.init, perform: @escaping @Sendable (TUIAction) -> Void) {
        self.model = model
        self.driver = driver
        self.inbox = inbox
        self.now = now
        self.perform = perform
    }

    /// Runs until the inbox is stopped.
    public func run() {
        start()
        while step(waiting: true) {}
    }

    /// Takes the driver's size and draws the first frame.
    public func start() {
        apply(.resize(driver.size))
        draw()
    }

    /// One turn: read input (waiting for it when `waiting`), apply it and
    /// the inbox, draw. Returns false once the inbox was stopped.
    @discardableResult
    public func step(waiting: Bool = false) -> Bool {
        let tick = model.nextClockTick()
        let timeout: Duration? = waiting ? .milliseconds(max(0, Int(tick.timeIntervalSince(now()) * 1000) + 1)) : .zero
        let input = driver.readInput(timeout: timeout)
        let time = now()
        // keys carry no time: what they log is stamped with this turn's
        if !input.isEmpty { model.advanceClock(to: time) }
        for item in input { apply(event(for: item, at: time)) }
        let (posted, stop) = inbox.drain()
        for event in posted { apply(event) }
        if time >= model.nextClockTick() { apply(.clock(time)) }
        guard !stop else { return false }
        draw()
        return true
    }

    private func apply(_ event: TUIEvent) {
        for action in model.handle(event) {
            if action == .bell { driver.bell() } else { perform(action) }
        }
    }

    private func draw() {
        lastReport = ScreenRenderer.render(model, into: driver)
    }

    private func event(for input: TerminalInput, at time: Date) -> TUIEvent {
        switch input {
        case .key(let key): return .key(key)
        case .resize(let size): return .resize(size)
        case .terminate(let signal): return .terminate(reason: Self.signalName(signal), at: time)
        case .hangup: return .terminate(reason: "terminal closed", at: time)
        case .capturedOutput(let line): return .capturedOutput(line, at: time)
        }
    }

    static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGINT: return "SIGINT"
        case SIGTERM: return "SIGTERM"
        case SIGHUP: return "SIGHUP"
        default: return "signal \(signal)"
        }
    }
}
