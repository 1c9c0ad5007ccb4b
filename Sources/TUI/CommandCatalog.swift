import ArgumentParser
import Commands

/// The command names the `:` prompt completes, taken from the one grammar
/// (`SwitchboardCommand`'s subcommands, recursively), so completion never
/// offers a word the grammar would reject.
public struct CommandCatalog: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var subcommands: [Entry]

        public init(name: String, subcommands: [Entry] = []) {
            self.name = name
            self.subcommands = subcommands
        }
    }

    public var commands: [Entry]

    public init(commands: [Entry]) {
        self.commands = commands
    }

    /// Switchboard's grammar, plus `help`, which swift-argument-parser adds
    /// to every command tree (`help state` prints the state command's usage).
    public static let switchboard: CommandCatalog = {
        let commands = SwitchboardCommand.configuration.subcommands.map(entry)
        return CommandCatalog(commands: commands + [Entry(name: "help", subcommands: commands)])
    }()

    private static func entry(_ command: ParsableCommand.Type) -> Entry {
        Entry(name: command.configuration.commandName ?? command._commandName,
              subcommands: command.configuration.subcommands.map(entry))
    }

    /// Names that can follow `words` and start with `partial`, sorted.
    public func candidates(after words: [String], partial: String) -> [String] {
        var level = commands
        for word in words {
            guard let next = level.first(where: { $0.name == word }) else { return [] }
            level = next.subcommands
        }
        return level.map(\.name).filter { $0.hasPrefix(partial) }.sorted()
    }
}
