import ArgumentParser
import Foundation
import Logging
import PhoneCore
import SIPTransport
import Synchronization

/// Flags of every command that talks SIP: logging, the SIP trace, and
/// (hidden) timer scaling for tests.
public struct SIPOptions: ParsableArguments, Sendable {
    @Option(help: ArgumentHelp("trace, debug, info, notice, warning, error or critical.", valueName: "level"))
    public var logLevel: String = "warning"

    @Option(help: ArgumentHelp("Append every SIP message sent and received to FILE (credentials redacted).", valueName: "file"))
    public var sipTrace: String?

    @Option(help: .hidden)
    public var timerT1Ms: Int?

    @Option(help: .hidden)
    public var retryBaseMs: Int?

    public init() {}

    public func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let timerT1Ms, !(1...5000).contains(timerT1Ms) { throw ValidationError("--timer-t1-ms must be 1...5000") }
    }

    /// Logging set up once per process, to stderr.
    func bootstrapLogging() {
        LoggingBootstrap.once(level: Logger.Level(rawValue: logLevel) ?? .warning)
    }

    func phoneOptions(environment: [String: String]) throws -> PhoneOptions {
        var options = PhoneOptions()
        if let sipTrace {
            let writer = try SIPTraceFile(path: sipTrace)
            options.traceHook = { record in writer.write(record) }
        }
        if let timerT1Ms {
            let t1 = Duration.milliseconds(timerT1Ms)
            options.timers = .init(t1: t1, t2: t1 * 8, t4: t1 * 10, timerD: t1 * 64)
        }
        if let retryBaseMs {
            options.retryBase = .milliseconds(retryBaseMs)
            options.retryMaximum = .milliseconds(retryBaseMs * 8)
        }
        if let paths = try? Config.SwitchboardPaths(environment: environment) {
            options.stateDirectory = paths.stateDirectory
            options.historyPath = paths.databasePath
        }
        return options
    }
}

import Config

enum LoggingBootstrap {
    private static let done = Mutex(false)

    static func once(level: Logger.Level) {
        let first = done.withLock { done -> Bool in
            defer { done = true }
            return !done
        }
        guard first else { return }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}

/// The `--sip-trace` file: every message with time, direction, transport and
/// addresses. Records arrive redacted from the transport; writes are serialised.
final class SIPTraceFile: Sendable {
    private let handle: Mutex<FileHandle>

    init(path: String) throws {
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw CommandFailure(.usageOrIO, "cannot create the SIP trace file \(path)")
            }
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw CommandFailure(.usageOrIO, "cannot write the SIP trace file \(path)")
        }
        handle.seekToEndOfFile()
        self.handle = Mutex(handle)
    }

    func write(_ record: SIPTraceRecord) {
        let arrow = record.direction == .sent ? "->" : "<-"
        let local = record.local?.description ?? "?"
        var text = "--- \(ISO8601DateFormatter.traceFormat.string(from: record.time)) \(record.direction.rawValue) "
        text += "\(record.transport.rawValue) \(local) \(arrow) \(record.remote)\n"
        text += String(decoding: record.octets, as: UTF8.self)
        if !text.hasSuffix("\n") { text += "\n" }
        handle.withLock { $0.write(Data(text.utf8)) }
    }
}

extension ISO8601DateFormatter {
    static var traceFormat: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
