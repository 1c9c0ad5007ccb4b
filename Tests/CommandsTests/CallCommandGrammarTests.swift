import Foundation
import Testing
@testable import Commands
import Control

/// The call commands' input checks, without a server: bad input is a clear
/// error with its exit status, before anything is sent.
@Suite struct CallCommandGrammarTests {
    static let environment = ["SWITCHBOARD_PASSWORD": "pw", "HOME": NSTemporaryDirectory(),
                              "XDG_RUNTIME_DIR": NSTemporaryDirectory() + "sb-call-grammar",
                              "XDG_DATA_HOME": NSTemporaryDirectory() + "sb-call-grammar/data"]
    static let account = ["--aor", "sip:alice@example.test", "--proxy", "sip:127.0.0.1:9", "--standalone"]

    @Test("bad input is a usage error", arguments: [
        ["call"],
        ["call", "bob", "--duration", "0"],
        ["call", "bob", "--ring-timeout", "-1"],
        ["call", "bob", "--play", "a.wav", "--source", "null"],
        ["call", "bob", "--record", "b.wav", "--sink", "null"],
        ["call", "sip:", "--source", "null", "--sink", "null"],
        ["call", "bob", "--source", "speaker-of-doom", "--sink", "null"],
        ["call", "bob", "--source", "null", "--play-ish"],
        ["call", "bob", "--duration", "inf"],
        ["call", "bob", "--duration", "1e21"],
        ["call", "bob", "--ring-timeout", "inf"],
        ["call", "bob", "--dtmf", "12x", "--source", "null", "--sink", "null"],
        ["daemon", "--auto-answer=-1"],
        ["daemon", "--auto-answer", "soon"],
        ["daemon", "--source", "speaker-of-doom"],
        ["daemon", "--sink", "file:"],
        ["daemon", "--play", "/nonexistent/prompt.wav"],
        ["daemon", "--auto-answer=soon"],
        ["dtmf"],
        ["transfer"],
        ["hangup", "--call", "two"],
    ])
    func usageErrors(_ arguments: [String]) async {
        let capture = CommandGrammarTests.Capture()
        let status = await CommandRunner.run(arguments + Self.account,
                                             context: capture.context(environment: Self.environment))
        #expect(status == SwitchboardExit.usageOrIO.rawValue, "\(arguments): \(capture.errors.withLock { $0 })")
        #expect(!capture.errors.withLock { $0 }.isEmpty, "a message says what was wrong")
    }

    @Test("daemon --auto-answer: bare means at once; a following value is the value")
    func autoAnswerValue() {
        #expect(CommandRunner.optionalValueFlags(["daemon", "--auto-answer"]) == ["daemon", "--auto-answer=0"])
        #expect(CommandRunner.optionalValueFlags(["daemon", "--auto-answer", "5"]) == ["daemon", "--auto-answer", "5"])
        #expect(CommandRunner.optionalValueFlags(["daemon", "--auto-answer", "--early-media"])
                == ["daemon", "--auto-answer=0", "--early-media"])
        #expect(CommandRunner.optionalValueFlags(["call", "--auto-answer"]) == ["call", "--auto-answer"], "daemon only")
    }

    @Test("a call sent to a running instance carries absolute file paths; devices without a path are kept")
    func pathsForTheInstance() throws {
        let command = try CallCommand.parse(["bob", "--play", "a.wav", "--sink", "loop:x.wav"])
        let cwd = FileManager.default.currentDirectoryPath
        let sent = command.argumentsForInstance(["call", "bob", "--play", "a.wav", "--sink", "loop:x.wav",
                                                 "--record=/abs/r.wav", "--source=tone:440", "--play=b.wav"])
        #expect(sent == ["call", "bob", "--play", cwd + "/a.wav", "--sink", "loop:" + cwd + "/x.wav",
                         "--record=/abs/r.wav", "--source=tone:440", "--play=" + cwd + "/b.wav"])
        #expect(command.replyTimeout > .seconds(86_400), "a call without --duration may last a day")
    }

    @Test("call control without a running instance is 'not possible now' (5), with a message", arguments: [
        ["answer"], ["reject", "--decline"], ["hangup"], ["hold"], ["resume"], ["transfer", "sip:c@example.test"],
        ["dtmf", "123"], ["dial", "bob"], ["calls"],
    ])
    func needsAnInstance(_ arguments: [String]) async {
        let capture = CommandGrammarTests.Capture()
        let status = await CommandRunner.run(arguments + Self.account, context: capture.context(environment: Self.environment))
        #expect(status == SwitchboardExit.wrongState.rawValue, "\(arguments): \(capture.errors.withLock { $0 })")
        #expect(capture.errors.withLock { $0 }.contains("no running instance"))
    }
}

@Test("an instance's error code becomes the exit status only when it is one (0-255)")
func forwardedErrorCodes() {
    let capture = CommandGrammarTests.Capture()
    let context = capture.context(environment: [:])
    #expect(InstanceForwarding.report(ControlError(code: .number(13), message: "refused"), context: context) == 13)
    #expect(InstanceForwarding.report(ControlError(code: .number(1 << 40), message: "huge"), context: context) == 2)
    #expect(InstanceForwarding.report(ControlError(code: .number(-1), message: "negative"), context: context) == 2)
    #expect(InstanceForwarding.report(ControlError(code: .name("oops"), message: "named"), context: context) == 2)
    #expect(capture.errors.withLock { $0 }.contains("huge"))
}
