import ArgumentParser
import Foundation
import PhoneCore

/// `switchboard watchers`: who watches our presence, from the server's
/// watcherinfo (RFC 3857 presence.winfo, RFC 3858 documents).
struct WatchersCommand: AsyncParsableCommand, InstanceCommand {
    static let configuration = CommandConfiguration(
        commandName: "watchers", abstract: "List who watches your presence (and who waits for your approval).")

    @Flag(help: "Print the list as JSON.")
    var json = false

    @OptionGroup var account: AccountOptions
    @OptionGroup var sip: SIPOptions
    @OptionGroup var instance: InstanceOptions

    func run() async throws {
        let context = CommandContext.current
        let list = try await PhoneSession(account: account, sip: sip).run(wait: instance.wait) { core, id in
            await core.watchers(account: id, timeout: .seconds(20))
        }
        guard let list else { throw CommandFailure(.unreachable, "the server sent no watcher list") }
        if json {
            context.line(JSONText.line(list))
            return
        }
        if list.isEmpty { context.line("nobody watches") }
        for watcher in list {
            context.line("\(watcher.uri) \(watcher.status)" + (watcher.displayName.map { " (\($0))" } ?? ""))
        }
    }
}
