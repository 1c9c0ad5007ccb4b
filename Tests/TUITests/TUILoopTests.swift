import Foundation
import Synchronization
import Testing
@testable import TUI

/// The UI loop on an in-memory terminal: input and inbox events reach the
/// model, actions come out, every turn draws, stop ends it.
@Suite struct TUILoopTests {
    final class Recorder: Sendable {
        let actions = Mutex<[TUIAction]>([])
        func record(_ action: TUIAction) { actions.withLock { $0.append(action) } }
        var all: [TUIAction] { actions.withLock { $0 } }
    }

    func makeLoop(size: TerminalSize = .standard) -> (TUILoop, CellGridDriver, TUIInbox, Recorder) {
        let driver = CellGridDriver(size: size)
        let inbox = TUIInbox(wake: {})
        let recorder = Recorder()
        let loop = TUILoop(model: Fixtures.model(size: .init(rows: 1, columns: 1)), driver: driver, inbox: inbox,
                           now: { Fixtures.now }, perform: recorder.record)
        return (loop, driver, inbox, recorder)
    }

    @Test func keysBecomeActionsAndFramesAreDrawn() {
        let (loop, driver, inbox, recorder) = makeLoop()
        loop.start()
        #expect(loop.model.size == .standard)   // the driver's size is taken at start
        inbox.post(.snapshot(PhoneView(snapshot: Fixtures.snapshot(status: "registered", expires: 600)), at: Fixtures.now))
        driver.pendingInput = [[.key(.char("a"))], [.key(.char("?"))]]
        #expect(loop.step())
        #expect(recorder.all == [.run("answer")])
        #expect(driver.screen().contains("registered"))
        #expect(loop.step())
        #expect(loop.model.inputMode == .help)
        #expect(driver.screen().contains("Keys"))
    }

    @Test func resizeRedrawsAtTheNewSize() {
        let (loop, driver, _, _) = makeLoop()
        loop.start()
        driver.resize(to: TerminalSize(rows: 10, columns: 40))
        loop.step()
        #expect(loop.model.size == TerminalSize(rows: 10, columns: 40))
        #expect(driver.shown.size == TerminalSize(rows: 10, columns: 40))
    }

    @Test func signalsAndHangupQuit() {
        let (loop, driver, _, recorder) = makeLoop()
        loop.start()
        driver.pendingInput = [[.terminate(signal: SIGTERM)]]
        loop.step()
        #expect(recorder.all == [.quit])
        #expect(loop.model.log.lines.last?.text == "SIGTERM: quitting")

        let (other, otherDriver, _, otherRecorder) = makeLoop()
        other.start()
        otherDriver.pendingInput = [[.hangup]]
        other.step()
        #expect(otherRecorder.all == [.quit])
    }

    @Test func bellsRingOnTheDriver() {
        let (loop, driver, _, recorder) = makeLoop()
        loop.start()
        driver.pendingInput = [[.key(.char(":")), .key(.up)]]
        loop.step()
        #expect(driver.bells == 1)
        #expect(recorder.all.isEmpty)
    }

    @Test func capturedOutputIsLogged() {
        let (loop, driver, _, _) = makeLoop()
        loop.start()
        driver.pendingInput = [[.capturedOutput("warning: something printed")]]
        loop.step()
        #expect(loop.model.log.lines.last?.text == "warning: something printed")
        #expect(loop.model.log.lines.last?.role == .dim)
    }

    @Test func stopEndsTheLoopAfterPendingEvents() {
        let (loop, _, inbox, _) = makeLoop()
        loop.start()
        inbox.post(.phoneEvent(.notice("last words"), at: Fixtures.now))
        inbox.stop()
        #expect(!loop.step())
        #expect(loop.model.log.lines.last?.text == "last words")
    }

    @Test func inboxWakesItsReader() {
        let wakes = Mutex(0)
        let inbox = TUIInbox { wakes.withLock { $0 += 1 } }
        inbox.post(.clock(Fixtures.now))
        inbox.stop()
        #expect(wakes.withLock { $0 } == 2)
        let (events, stop) = inbox.drain()
        #expect(events.count == 1 && stop)
    }

    @Test func commandOutputIsPassedOnByLine() {
        let lines = Mutex<[String]>([])
        let output = CommandOutputLines { text in lines.withLock { $0.append(text) } }
        output.write("one\ntw")
        output.write("o\nthree")
        output.flush()
        #expect(lines.withLock { $0 } == ["one", "two", "three"])
    }
}

@Suite struct RunningCommandsTests {
    @Test func finishedCommandsLeaveAndQuitCancelsTheRest() async {
        let commands = RunningCommands()
        commands.start {}
        commands.start { try? await Task.sleep(for: .seconds(3600)) }
        for _ in 0..<200 where commands.count > 1 { try? await Task.sleep(for: .milliseconds(10)) }
        #expect(commands.count == 1)
        commands.cancelAll()
        #expect(commands.count == 0)
    }
}
