import ArgumentParser
import Control
import Foundation
import PhoneCore
import SIPCore

/// `switchboard watch URI… [--once] [--json]`: subscribe to each URI's
/// presence and dialogs and print its merged status as it changes.
struct WatchCommand: AsyncParsableCommand, InstanceCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch", abstract: "Watch buddies' presence: one line per update until Ctrl-C.",
        discussion: """
        Each URI is watched by presence (PIDF) and dialog (BLF) subscriptions;
        the shown status merges both (docs/presence-merge.md). With --once,
        one line per URI once it has its first full state, then exit (11 when
        some URI has none within --timeout). Sent to a running instance, the
        instance keeps watching: the reply is where each buddy stands, and
        `buddy` events bring the updates (`switchboard watch` prints them).
        """)

    @Argument(help: ArgumentHelp("The SIP URIs to watch.", valueName: "uri"))
    var uris: [String]

    @Flag(help: "Exit once every URI has its first full state.")
    var once = false

    @Flag(help: "One JSON object per line.")
    var json = false

    @Option(help: ArgumentHelp("With --once: how long to wait, in seconds.", valueName: "seconds"))
    var timeout: Double = 30

    @OptionGroup var account: AccountOptions
    @OptionGroup var sip: SIPOptions
    @OptionGroup var instance: InstanceOptions

    func validate() throws {
        guard !uris.isEmpty else { throw ValidationError("name at least one URI to watch") }
        guard timeout > 0, timeout <= 3600 else { throw ValidationError("--timeout must be in (0, 3600]") }
    }

    func run() async throws {
        let context = CommandContext.current
        let (uris, once, json, timeout) = (uris, once, json, timeout)
        if let running = context.instance, !once {
            // a reply is one answer: the instance watches from now on and says
            // where each buddy stands; `buddy` events carry the updates
            let now: [BuddySnapshot]
            do {
                now = try await running.core.watch(uris, account: running.account)
            } catch {
                throw MessageCommand.failure(error)   // one PresenceError → exit status table
            }
            var printer = WatchPrinter(watched: Set(now.map(\.uri)), once: false, json: json)
            for buddy in now { printer.show(buddy, context: context) }
            return
        }
        let missing = try await PhoneSession(account: account, sip: sip).run(wait: instance.wait) { core, id in
            let stream = core.events
            let initial: [BuddySnapshot]
            do {
                initial = try await core.watch(uris, account: id)
            } catch let error as PresenceError {
                throw MessageCommand.failure(error)
            }
            var printer = WatchPrinter(watched: Set(initial.map(\.uri)), once: once, json: json)
            for buddy in initial { printer.show(buddy, context: context) }
            if printer.isDone { return [String]() }
            let started = printer
            return await withTaskGroup(of: [String]?.self) { group in
                group.addTask {
                    var local = started
                    for await event in stream {
                        guard case .presence(.buddy(let buddy)) = event else { continue }
                        local.show(buddy, context: context)
                        if local.isDone { return [] }
                    }
                    return nil
                }
                group.addTask {
                    if once {
                        try? await Task.sleep(for: .seconds(timeout))
                    } else {
                        _ = await TerminationSignals.wait()
                    }
                    return nil
                }
                let first = await group.next() ?? nil
                group.cancelAll()
                if let first { return first }
                // timed out (or interrupted): who never got a full state
                let now = await core.buddies(account: id)
                return once ? now.filter { started.watched.contains($0.uri) && !$0.complete }.map(\.uri) : []
            }
        }
        if !missing.isEmpty {
            throw CommandFailure(.unreachable, "no full state within \(timeout) s for " + missing.joined(separator: ", "))
        }
    }
}

/// What `watch` prints: every update, or with --once each URI's first full state.
struct WatchPrinter: Sendable {
    let watched: Set<String>
    let once: Bool
    let json: Bool
    private(set) var shown: Set<String> = []

    init(watched: Set<String>, once: Bool, json: Bool) {
        self.watched = watched
        self.once = once
        self.json = json
    }

    var isDone: Bool { once && shown == watched }

    mutating func show(_ buddy: BuddySnapshot, context: CommandContext) {
        guard watched.contains(buddy.uri) else { return }
        if once {
            guard buddy.complete, shown.insert(buddy.uri).inserted else { return }
        }
        context.line(json ? JSONText.line(buddy) : Self.text(buddy))
    }

    static func text(_ buddy: BuddySnapshot) -> String {
        var line = "\(buddy.uri) \(buddy.status)"
        if let reason = buddy.reason { line += " (\(reason))" }
        if let note = buddy.note { line += ": \(note)" }
        if let lineState = buddy.line, lineState != "idle" { line += " [line \(lineState)]" }
        if buddy.stale { line += " [stale]" }
        return line
    }
}

/// `watch` without --once against a running instance: the instance adds the
/// buddies and answers with their state; this client then prints the
/// instance's `buddy` events for them until Ctrl-C.
enum WatchForwarding {
    static func stream(_ client: ControlClient, arguments: [String], watch: WatchCommand,
                       context: CommandContext) async throws -> Int32 {
        // subscribed first, so no update between the answer and the events is lost
        try await client.subscribe(.names(["buddy"]))
        let reply: ControlReply
        do {
            reply = try await client.send(InstanceForwarding.commandLine(arguments), timeout: .seconds(60))
        } catch {
            throw CommandFailure(.usageOrIO, "the running instance did not answer: \(error)")
        }
        switch reply {
        case .failure(let error):
            return InstanceForwarding.report(error, context: context)
        case .ok(let data):
            // the instance's lines, one per buddy, as a local run prints them
            switch data {
            case .null: break
            case .string(let text): context.line(text)
            case .array(let lines): for line in lines { context.line(line.encodedString()) }
            default: context.line(data.encodedString())
            }
        }
        let watched = Set(watch.uris.map { (try? SIPURI(parsing: $0))?.description ?? $0 })
        let printer = Task {
            var printer = WatchPrinter(watched: watched, once: false, json: watch.json)
            for await event in client.events {
                guard let buddy = Self.buddy(in: event.data) else { continue }
                printer.show(buddy, context: context)
            }
        }
        _ = await TerminationSignals.wait()
        printer.cancel()
        return SwitchboardExit.success.rawValue
    }

    /// The buddy of a `buddy` event's record, if it has one we can read.
    static func buddy(in record: JSONValue) -> BuddySnapshot? {
        guard let value = record["buddy"], let data = try? JSONEncoder().encode(value) else { return nil }
        return try? JSONDecoder().decode(BuddySnapshot.self, from: data)
    }
}
