import Config
import Control
import Foundation
import PhoneCore
import Synchronization

/// A running instance's control socket: every command line goes through the
/// one grammar on the instance's PhoneCore, the snapshot comes from
/// PhoneCore, and PhoneCore's events go to subscribed clients.
final class InstanceServer: Sendable {
    let server: ControlServer
    private let pump: Task<Void, Never>

    static func start(path: String, instance: RunningInstance,
                      environment: [String: String]) async throws -> InstanceServer {
        let handler: ControlRequestHandler = { request in
            switch request {
            case .snapshot:
                return .ok(JSONBridge.value(await instance.core.snapshot()))
            case .command(let line):
                return await Self.run(line, instance: instance, environment: environment)
            }
        }
        let server: ControlServer
        do {
            server = try await ControlServer.start(path: path, handler: handler)
        } catch {
            throw CommandFailure(.alreadyRunning, "\(error)")
        }
        let events = instance.core.events
        let pump = Task {
            for await event in events {
                server.publish(event: event.name, data: JSONBridge.value(event.record))
            }
        }
        return InstanceServer(server: server, pump: pump)
    }

    private init(server: ControlServer, pump: Task<Void, Never>) {
        self.server = server
        self.pump = pump
    }

    func shutdown() async {
        pump.cancel()
        await server.shutdown()
    }

    /// One command line through the grammar, output captured: JSON output
    /// becomes the reply's data as JSON, text stays text; a failure carries
    /// the exit status as its code, so scripts see the same numbers as argv.
    static func run(_ line: String, instance: RunningInstance, environment: [String: String]) async -> ControlReply {
        let words: [String]
        do {
            words = try CommandLineSplitter.split(line)
        } catch {
            return .error(.number(Int(SwitchboardExit.usageOrIO.rawValue)), "cannot split the command line: \(error)")
        }
        let output = Mutex("")
        let errors = Mutex("")
        let context = CommandContext(write: { text in output.withLock { $0 += text } },
                                     writeError: { text in errors.withLock { $0 += text } },
                                     environment: environment, instance: instance)
        let status = await CommandRunner.run(words, context: context)
        let text = output.withLock { $0 }
        if status == SwitchboardExit.success.rawValue {
            return .ok(JSONBridge.parseOutput(text))
        }
        var message = errors.withLock { $0 }.trimmingCharacters(in: .whitespacesAndNewlines)
        if message.hasPrefix("switchboard: ") { message.removeFirst("switchboard: ".count) }
        if message.isEmpty { message = text.trimmingCharacters(in: .whitespacesAndNewlines) }
        return .error(.number(Int(status)), message)
    }
}

/// Between Codable values, command output and the socket's JSON.
enum JSONBridge {
    static func value(_ encodable: some Encodable) -> JSONValue {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(encodable), let value = try? JSONValue(parsing: Array(data)) else {
            return .null
        }
        return value
    }

    /// A command's stdout as data: one JSON document, JSON lines (an array),
    /// or text without its final newline.
    static func parseOutput(_ text: String) -> JSONValue {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return .null }
        if let whole = try? JSONValue(parsing: trimmed) { return whole }
        let lines = trimmed.split(separator: "\n").map { try? JSONValue(parsing: String($0)) }
        if lines.count > 1, lines.allSatisfy({ $0 != nil }) { return .array(lines.compactMap { $0 }) }
        return .string(text.hasSuffix("\n") ? String(text.dropLast()) : text)
    }

    /// What a one-shot client prints for a reply's data.
    static func printable(_ value: JSONValue) -> String {
        switch value {
        case .null: return ""
        case .string(let text): return text
        default: return prettyJSON(value)
        }
    }

    static func prettyJSON(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? value.encodedString()
    }
}
