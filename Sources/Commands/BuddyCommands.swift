import ArgumentParser
import Foundation
import PhoneCore
import Store

/// `switchboard buddy …`: the buddy list, kept in the one database.
struct BuddyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "buddy",
        abstract: "Add, remove, rename, group and list buddies.",
        discussion: """
        A buddy is a sip:, sips: or mailto: address. Addresses are compared with the
        scheme and host in lower case (the user part keeps its case).
        Exit status 5 when the address is already a buddy (add) or is not one.
        """,
        subcommands: [BuddyAddCommand.self, BuddyRemoveCommand.self, BuddyRenameCommand.self,
                      BuddyGroupCommand.self, BuddyListCommand.self])

    /// The list's refusals as exit statuses: bad input is a usage error, a
    /// duplicate or unknown address is "not possible in the current state".
    static func failure(_ error: BuddyListError) -> CommandFailure {
        switch error {
        case .invalidURI, .invalidLabel: return CommandFailure(.usageOrIO, error.description)
        case .duplicate, .unknownBuddy: return CommandFailure(.wrongState, error.description)
        case .unreadableRow: return CommandFailure(.usageOrIO, error.description)
        }
    }

    /// Runs one change on the list, mapping its errors.
    static func change(_ body: (BuddyList) async throws -> Buddy) async throws -> Buddy {
        let changed = try await StoreAccess.with(CommandContext.current, what: "the buddy list") { store in
            do {
                return try await body(store.buddies)
            } catch let error as BuddyListError {
                throw failure(error)
            } catch let error as CommandFailure {
                throw error
            } catch {
                throw CommandFailure(.usageOrIO, "cannot change the buddy list: \(error)")
            }
        }
        // typed at the TUI's prompt or sent to the socket: the instance
        // watches the list as it now is
        if let instance = CommandContext.current.instance { await instance.core.syncStoredBuddies() }
        return changed
    }

    /// "Bob <sip:bob@example.com>" or the bare address.
    static func label(_ buddy: Buddy) -> String {
        buddy.displayName.map { "\($0) <\(buddy.uri)>" } ?? buddy.uri
    }
}

struct BuddyAddCommand: AsyncParsableCommand, InstanceCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a buddy.")

    // name the running instance (its socket): a change made from a shell
    // goes to it, so it watches the list as it now is
    @OptionGroup var account: AccountOptions
    @OptionGroup var instance: InstanceOptions

    @Argument(help: ArgumentHelp("sip:, sips: or mailto: address.", valueName: "uri"))
    var uri: String
    @Option(help: "Display name.")
    var name: String?
    @Option(help: "Group.")
    var group: String?

    func run() async throws {
        let buddy = try await BuddyCommand.change { try await $0.add(uri: uri, displayName: name, group: group, at: Date()) }
        CommandContext.current.line("added " + BuddyCommand.label(buddy) + (buddy.group.map { " to \($0)" } ?? ""))
    }
}

struct BuddyRemoveCommand: AsyncParsableCommand, InstanceCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a buddy.")

    // name the running instance (its socket): a change made from a shell
    // goes to it, so it watches the list as it now is
    @OptionGroup var account: AccountOptions
    @OptionGroup var instance: InstanceOptions

    @Argument(help: ArgumentHelp("The buddy's address.", valueName: "uri"))
    var uri: String

    func run() async throws {
        let buddy = try await BuddyCommand.change { try await $0.remove(uri: uri) }
        CommandContext.current.line("removed " + BuddyCommand.label(buddy))
    }
}

struct BuddyRenameCommand: AsyncParsableCommand, InstanceCommand {
    static let configuration = CommandConfiguration(
        commandName: "rename", abstract: "Set a buddy's display name (an empty name clears it).")

    // name the running instance (its socket): a change made from a shell
    // goes to it, so it watches the list as it now is
    @OptionGroup var account: AccountOptions
    @OptionGroup var instance: InstanceOptions

    @Argument(help: ArgumentHelp("The buddy's address.", valueName: "uri"))
    var uri: String
    @Argument(help: ArgumentHelp("The new display name.", valueName: "name"))
    var name: String

    func run() async throws {
        let buddy = try await BuddyCommand.change { try await $0.rename(uri: uri, to: name) }
        CommandContext.current.line("renamed " + BuddyCommand.label(buddy))
    }
}

struct BuddyGroupCommand: AsyncParsableCommand, InstanceCommand {
    static let configuration = CommandConfiguration(
        commandName: "group", abstract: "Move a buddy into a group (without GROUP: out of its group).")

    // name the running instance (its socket): a change made from a shell
    // goes to it, so it watches the list as it now is
    @OptionGroup var account: AccountOptions
    @OptionGroup var instance: InstanceOptions

    @Argument(help: ArgumentHelp("The buddy's address.", valueName: "uri"))
    var uri: String
    @Argument(help: ArgumentHelp("The group.", valueName: "group"))
    var group: String?

    func run() async throws {
        let buddy = try await BuddyCommand.change { try await $0.setGroup(uri: uri, to: group) }
        CommandContext.current.line(BuddyCommand.label(buddy) + (buddy.group.map { " is in \($0)" } ?? " is in no group"))
    }
}

struct BuddyListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Print the buddy list: buddies without a group first, then by group.")

    @Flag(help: "Print the buddies as JSON.")
    var json = false

    func run() async throws {
        let context = CommandContext.current
        let buddies = try await StoreAccess.with(context, what: "the buddy list") { store in
            do {
                return try await store.buddies.list()
            } catch let error as BuddyListError {
                throw BuddyCommand.failure(error)
            } catch {
                throw CommandFailure(.usageOrIO, "cannot read the buddy list: \(error)")
            }
        }
        if json { context.line(JSONText.pretty(buddies)); return }
        if buddies.isEmpty { context.line("no buddies"); return }
        var group: String?? = .none  // the header last written; .none before the first
        for buddy in buddies {
            if group != .some(buddy.group) {
                context.line(buddy.group ?? "(no group)")
                group = .some(buddy.group)
            }
            context.line("  " + BuddyCommand.label(buddy))
        }
    }
}
