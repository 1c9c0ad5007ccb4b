import ArgumentParser

/// The root of the one command grammar.
public struct SwitchboardCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "switchboard",
        abstract: "A terminal softphone and buddy list.",
        discussion: """
        Exit status of every command:
        \(SwitchboardExit.table)
        """,
        version: SwitchboardVersion.string,
        subcommands: [TUICommand.self, DaemonCommand.self, RegisterCommand.self, UnregisterCommand.self, StateCommand.self, EventsCommand.self, CallCommand.self, DialCommand.self, AnswerCommand.self, RejectCommand.self, HangupCommand.self, HoldCommand.self, ResumeCommand.self, TransferCommand.self, DTMFCommand.self, CallsCommand.self, OptionsCommand.self, StatusCommand.self, WatchCommand.self, WatchersCommand.self, MessageCommand.self, MessagesCommand.self, HistoryCommand.self, BuddyCommand.self, WatcherCommand.self, InspectCommand.self, ConfigCommand.self, BenchCommand.self])

    public init() {}
}

public enum SwitchboardVersion {
    public static let string = "0.1.0"
}
