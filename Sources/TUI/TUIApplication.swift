import Commands
import Control
import Foundation
import PhoneCore
import Synchronization

/// The full-screen softphone: connects a running PhoneCore to the screen.
///
/// Threads: curses lives on one dedicated UI thread (`TUILoop` with a
/// `CursesDriver`). This side, in Swift concurrency, forwards PhoneCore's
/// events and snapshots into the UI's inbox and runs the command lines the
/// UI asks for through the one grammar (`CommandRunner`) with the running
/// core as the instance, exactly as the control socket does.
public enum TUIApplication {
    /// Runs until the user quits (or SIGINT/SIGTERM/SIGHUP, or the terminal
    /// goes away), then unregisters (`PhoneCore.shutdown`) and gives the
    /// terminal back as it was.
    ///
    /// - Parameters:
    ///   - core: a PhoneCore with `account` already added (`addAccount`).
    ///   - account: the account id `addAccount` returned.
    ///   - register: register the account once the screen is up.
    ///   - environment: for commands run from the prompt, and `NO_COLOR`.
    /// - Throws: `TUIError` when the screen cannot start (no terminal,
    ///   unknown TERM); the core is shut down in that case too.
    public static func run(core: PhoneCore, account: String, theme: Theme, keys: KeyMap, mode: TUIMode = .sip,
                           register: Bool = true,
                           environment: [String: String] = ProcessInfo.processInfo.environment) async throws(TUIError) {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            await core.shutdown()
            throw .notATerminal
        }
        let wake: WakePipe
        do {
            wake = try WakePipe()
        } catch {
            await core.shutdown()
            throw error
        }
        let inbox = TUIInbox(wake: wake.signal)
        let (actions, actionSink) = AsyncStream.makeStream(of: TUIAction.self, bufferingPolicy: .unbounded)
        let model = TUIModel(account: account, keyMap: keys, mode: mode, now: Date())

        // The UI thread reports how it ended; its end also ends `actions`.
        let uiEnded = Task<TUIError?, Never> {
            await withCheckedContinuation { (continuation: CheckedContinuation<TUIError?, Never>) in
                do throws(TUIError) {
                    try UIThread.start {
                        let failure = runScreen(model: model, theme: theme, inbox: inbox, wakeFD: wake.readFD,
                                                environment: environment) { actionSink.yield($0) }
                        actionSink.finish()
                        continuation.resume(returning: failure)
                    }
                } catch {
                    actionSink.finish()
                    continuation.resume(returning: error)
                }
            }
        }

        let events = core.events   // subscribed before the first snapshot: no change can slip between
        let feed = Task {
            inbox.post(.snapshot(PhoneView(snapshot: await core.snapshot()), at: Date()))
            // A snapshot costs one merge per buddy: during a NOTIFY storm over
            // a big list, one per event would be quadratic. Events go through
            // at once; the snapshot after them is taken at most once a frame.
            let gate = SnapshotGate()
            for await event in events {
                inbox.post(.phoneEvent(event, at: Date()))
                guard gate.claim() else { continue }
                Task {
                    try? await Task.sleep(for: .milliseconds(40))
                    gate.release()
                    inbox.post(.snapshot(PhoneView(snapshot: await core.snapshot()), at: Date()))
                }
            }
        }
        if register {
            do {
                try await core.register(account)
                await core.syncStoredBuddies()
            } catch {
                inbox.post(.commandOutput("cannot register \(account): \(error)", isError: true, at: Date()))
            }
        }

        let commands = RunningCommands()
        for await action in actions {
            if case .run(let line) = action {
                commands.start { await runCommand(line, core: core, account: account, inbox: inbox, environment: environment) }
            }
            if action == .quit { break }
        }
        commands.cancelAll()
        await core.shutdown()
        inbox.stop()
        let failure = await uiEnded.value
        feed.cancel()
        withExtendedLifetime(wake) {}
        if let failure { throw failure }
    }

    /// The UI thread's body: take the terminal, loop, give it back.
    private static func runScreen(model: TUIModel, theme: Theme, inbox: TUIInbox, wakeFD: Int32,
                                  environment: [String: String],
                                  perform: @escaping @Sendable (TUIAction) -> Void) -> TUIError? {
        let driver: CursesDriver
        do {
            driver = try CursesDriver(theme: theme, wakeFD: wakeFD, environment: environment)
        } catch {
            return error
        }
        defer { driver.restoreTerminal() }
        for note in driver.notes { inbox.post(.commandOutput(note, isError: true, at: Date())) }
        TUILoop(model: model, driver: driver, inbox: inbox, perform: perform).run()
        return nil
    }

    /// Runs one command line of the grammar on the running core; its output
    /// and exit status go to the event pane.
    static func runCommand(_ line: String, core: PhoneCore, account: String, inbox: TUIInbox,
                           environment: [String: String]) async {
        let words: [String]
        do {
            words = try CommandLineSplitter.split(line)
        } catch {
            inbox.post(.commandOutput(error.description, isError: true, at: Date()))
            inbox.post(.commandFinished(line: line, status: SwitchboardExit.usageOrIO.rawValue, at: Date()))
            return
        }
        let output = CommandOutputLines { inbox.post(.commandOutput($0, isError: false, at: Date())) }
        let errors = CommandOutputLines { inbox.post(.commandOutput($0, isError: true, at: Date())) }
        let context = CommandContext(write: output.write, writeError: errors.write, environment: environment,
                                     instance: RunningInstance(core: core, account: account))
        let status = await CommandRunner.run(words, context: context)
        output.flush()
        errors.flush()
        inbox.post(.commandFinished(line: line, status: status, at: Date()))
    }
}

/// At most one snapshot on its way to the UI at a time (see the feed loop).
private final class SnapshotGate: Sendable {
    private let due = Mutex(false)

    /// True when no snapshot was on its way: the caller takes one.
    func claim() -> Bool { due.withLock { due in defer { due = true }; return !due } }

    func release() { due.withLock { $0 = false } }
}
