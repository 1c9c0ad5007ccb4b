import ArgumentParser
import Config
import Control
import Foundation

/// Commands that act on the running instance when its socket answers and run
/// headless otherwise.
protocol InstanceCommand {
    var account: AccountOptions { get }
    var instance: InstanceOptions { get }
    /// The command line as the running instance is to run it: what depends
    /// on this process (relative file paths) made independent of it.
    func argumentsForInstance(_ arguments: [String]) -> [String]
    /// How long the running instance may take to answer.
    var replyTimeout: Duration { get }
}

extension InstanceCommand {
    func argumentsForInstance(_ arguments: [String]) -> [String] { arguments }
    var replyTimeout: Duration { .seconds(600) }
}

enum InstanceSocket {
    /// `--socket`, else `$XDG_RUNTIME_DIR/switchboard/<account>.sock`.
    static func path(account: AccountOptions, instance: InstanceOptions, environment: [String: String]) throws -> String {
        if let socket = instance.socket { return socket }
        let (_, resolved) = try account.resolve(environment: environment)
        return try path(for: resolved, environment: environment)
    }

    static func path(for account: ResolvedAccount, environment: [String: String]) throws -> String {
        do {
            let runtime = try SwitchboardPaths(environment: environment).runtimeDirectory
            return (runtime as NSString).appendingPathComponent(name(for: account) + ".sock")
        } catch let error as ConfigError {
            throw CommandFailure(.configError, error.description)
        }
    }

    /// The account's name, or `user@host` of its AOR, as a file name.
    static func name(for account: ResolvedAccount) -> String {
        let raw = account.name ?? "\(account.aor.user ?? "anonymous")@\(account.aor.host)"
        return String(raw.map { $0.isLetter || $0.isNumber || "@._-".contains($0) ? $0 : "_" })
    }
}

/// Sends a one-shot command line to the running instance and prints its reply.
enum InstanceForwarding {
    /// The exit status when the command ran on a running instance, nil when
    /// none answers (the caller then runs it headless).
    static func forward(_ arguments: [String], command: InstanceCommand, context: CommandContext) async throws -> Int32? {
        guard !command.instance.standalone, context.instance == nil else { return nil }
        // no socket named and no account to name one: nothing to forward to
        // (a command that needs an account reports that itself when it runs)
        guard let path = try? InstanceSocket.path(account: command.account, instance: command.instance,
                                                  environment: context.environment) else { return nil }
        guard await ControlClient.isRunning(at: path) else {
            if command.instance.socket != nil { throw CommandFailure(.usageOrIO, "not running: nothing answers on \(path)") }
            return nil
        }
        let client: ControlClient
        do {
            client = try await ControlClient.connect(to: path)
        } catch {
            throw CommandFailure(.usageOrIO, "cannot reach the running instance: \(error)")
        }
        defer { Task { await client.close() } }
        if command is EventsCommand {
            return try await streamEvents(client, json: (command as? EventsCommand)?.json ?? false, context: context)
        }
        if let watch = command as? WatchCommand, !watch.once {
            return try await WatchForwarding.stream(client, arguments: withoutInstanceFlags(arguments), watch: watch,
                                                    context: context)
        }
        let reply: ControlReply
        do {
            reply = try await client.send(commandLine(withoutInstanceFlags(command.argumentsForInstance(arguments))),
                                          timeout: command.replyTimeout)
        } catch {
            throw CommandFailure(.usageOrIO, "the running instance did not answer: \(error)")
        }
        switch reply {
        case .ok(let data):
            let text = JSONBridge.printable(data)
            if !text.isEmpty { context.line(text) }
            return SwitchboardExit.success.rawValue
        case .failure(let error):
            return report(error, context: context)
        }
    }

    /// Prints the instance's error and returns its exit status; a code that
    /// is no exit status (whatever answers on --socket may send any number)
    /// is a usage/IO failure, not a trap in Int32().
    static func report(_ error: ControlError, context: CommandContext) -> Int32 {
        context.errorLine(error.message)
        if case .number(let code) = error.code, let status = Int32(exactly: code), (0...255).contains(status) { return status }
        return SwitchboardExit.usageOrIO.rawValue
    }

    private static func streamEvents(_ client: ControlClient, json: Bool, context: CommandContext) async throws -> Int32 {
        try await client.subscribe(.all)
        let printer = Task {
            for await event in client.events {
                if json {
                    context.line(JSONValue.object(JSONObject([("event", .string(event.name)), ("data", event.data)])).encodedString())
                } else {
                    context.line("\(event.name): \(event.data.encodedString())")
                }
            }
        }
        _ = await TerminationSignals.wait()
        printer.cancel()
        return SwitchboardExit.success.rawValue
    }

    /// The instance already has its socket; standalone runs never get here.
    static func withoutInstanceFlags(_ arguments: [String]) -> [String] {
        var out: [String] = []
        var skipNext = false
        for word in arguments {
            if skipNext { skipNext = false; continue }
            if word == "--socket" { skipNext = true; continue }
            if word.hasPrefix("--socket=") || word == "--standalone" { continue }
            out.append(word)
        }
        return out
    }

    /// Words joined so that `CommandLineSplitter.split` gives them back.
    static func commandLine(_ words: [String]) -> String {
        words.map { word in
            let safe = !word.isEmpty && word.allSatisfy { $0.isLetter || $0.isNumber || "@%+=:,./_-".contains($0) }
            if safe { return word }
            return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }.joined(separator: " ")
    }
}
