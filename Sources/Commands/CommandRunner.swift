import ArgumentParser

/// Runs one command line through the grammar and returns its exit status.
/// Usage errors exit with 2 (not argument-parser's 64) so the table in
/// `SwitchboardExit` is the only one.
public enum CommandRunner {
    public static func run(_ arguments: [String], context: CommandContext = .standard) async -> Int32 {
        await CommandContext.$current.withValue(context) {
            do {
                var command = try SwitchboardCommand.parseAsRoot(optionalValueFlags(arguments))
                if let instanceCommand = command as? InstanceCommand,
                   let status = try await InstanceForwarding.forward(arguments, command: instanceCommand, context: context) {
                    return status
                }
                if var asyncCommand = command as? AsyncParsableCommand {
                    try await asyncCommand.run()
                } else {
                    try command.run()
                }
                return SwitchboardExit.success.rawValue
            } catch {
                return report(error, context: context)
            }
        }
    }

    /// `daemon --auto-answer` alone means "at once": argument-parser has no
    /// option with an optional value, so the bare flag gets its default
    /// here (only for `daemon`: elsewhere the word stays as typed).
    static func optionalValueFlags(_ arguments: [String]) -> [String] {
        guard arguments.first == "daemon" else { return arguments }
        // a following word that is not an option is the value (`--auto-answer 5`)
        var result: [String] = []
        for (index, word) in arguments.enumerated() {
            let following: String? = index + 1 < arguments.count ? arguments[index + 1] : nil
            let bare = word == "--auto-answer" && (following.map { $0.hasPrefix("-") } ?? true)
            result.append(bare ? "--auto-answer=0" : word)
        }
        return result
    }

    static func report(_ error: Error, context: CommandContext) -> Int32 {
        if let exit = error as? ExitCode { return exit.rawValue }
        if let failure = error as? CommandFailure {
            context.errorLine(failure.message)
            return failure.status.rawValue
        }
        let code = SwitchboardCommand.exitCode(for: error)
        let message = SwitchboardCommand.fullMessage(for: error)
        if code == .success {
            if !message.isEmpty { context.write(message + "\n") }   // --help, --version
            return SwitchboardExit.success.rawValue
        }
        if !message.isEmpty { context.writeError(message + "\n") }
        return SwitchboardExit.usageOrIO.rawValue
    }
}

/// An error a command reports with its message and its exit status.
public struct CommandFailure: Error, CustomStringConvertible {
    public var status: SwitchboardExit
    public var message: String
    public init(_ status: SwitchboardExit, _ message: String) {
        self.status = status
        self.message = message
    }
    public var description: String { message }
}
