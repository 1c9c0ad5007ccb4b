import Foundation
import PhoneCore

/// Where a command writes and what environment it sees. Commands are built by
/// swift-argument-parser, so the context travels as a task-local value: argv
/// gets stdout/stderr, tests (and later the `:` prompt and the control socket)
/// get buffers.
public struct CommandContext: Sendable {
    public var write: @Sendable (String) -> Void
    public var writeError: @Sendable (String) -> Void
    public var environment: [String: String]
    /// The running instance's core and account when the command runs inside
    /// a daemon or the TUI (from the control socket or the `:` prompt); nil
    /// for a headless run, which makes its own.
    public var instance: RunningInstance?
    /// Starts the full-screen UI; the executable injects it (the TUI target
    /// sits above Commands, so Commands cannot call it directly).
    public var runInteractive: (@Sendable (InteractiveSession) async throws -> Void)?

    public init(write: @escaping @Sendable (String) -> Void,
                writeError: @escaping @Sendable (String) -> Void,
                environment: [String: String], instance: RunningInstance? = nil) {
        self.write = write
        self.writeError = writeError
        self.environment = environment
        self.instance = instance
    }

    public static let standard = CommandContext(
        write: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
        writeError: { text in FileHandle.standardError.write(Data(text.utf8)) },
        environment: ProcessInfo.processInfo.environment)

    @TaskLocal public static var current: CommandContext = .standard

    func line(_ text: String) { write(text + "\n") }
    func errorLine(_ text: String) { writeError("switchboard: " + text + "\n") }
}

/// A daemon's or TUI's PhoneCore and the account it serves.
public struct RunningInstance: Sendable {
    public var core: PhoneCore
    public var account: String

    public init(core: PhoneCore, account: String) {
        self.core = core
        self.account = account
    }
}

/// What the full-screen UI needs to run: the instance's core and account,
/// and the user's look and keys.
public struct InteractiveSession: Sendable {
    public var core: PhoneCore
    public var account: String
    public var theme: String
    public var keysFile: String?
    public var environment: [String: String]
}
