import Synchronization
import Testing
@testable import Commands

/// The grammar run in-process, as the `:` prompt and the socket will run it.
@Suite struct CommandGrammarTests {
    final class Capture: Sendable {
        let output = Mutex("")
        let errors = Mutex("")
        var context: CommandContext { context(environment: [:]) }

        func context(environment: [String: String]) -> CommandContext {
            CommandContext(write: { text in self.output.withLock { $0 += text } },
                           writeError: { text in self.errors.withLock { $0 += text } },
                           environment: environment)
        }
    }

    @Test(arguments: [
        (["--help"], SwitchboardExit.success),
        (["--version"], .success),
        (["inspect", "--help"], .success),
        (["inspect", "sip"], .usageOrIO),
        (["bogus"], .usageOrIO),
        (["inspect", "sip", "/nonexistent"], .usageOrIO),
    ])
    func exitStatus(_ arguments: [String], _ expected: SwitchboardExit) async {
        let capture = Capture()
        let status = await CommandRunner.run(arguments, context: capture.context)
        #expect(status == expected.rawValue, "\(arguments): \(capture.errors.withLock { $0 })")
    }

    @Test func helpListsTheExitTable() async {
        let capture = Capture()
        _ = await CommandRunner.run(["--help"], context: capture.context)
        let text = capture.output.withLock { $0 }
        for status in SwitchboardExit.allCases { #expect(text.contains(status.meaning)) }
    }

    @Test func versionIsPrinted() async {
        let capture = Capture()
        _ = await CommandRunner.run(["--version"], context: capture.context)
        #expect(capture.output.withLock { $0 }.contains(SwitchboardVersion.string))
    }
}
