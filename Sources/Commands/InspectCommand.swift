import ArgumentParser
import Foundation
import SIPCore

/// `switchboard inspect …`: offline checks of files, no network.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Check files the way Switchboard reads them from the network.",
        subcommands: [InspectSIPCommand.self, InspectPIDFCommand.self])
}

struct InspectSIPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sip",
        abstract: "Parse SIP messages and print the verdict for each file.",
        discussion: """
        Each FILE holds one message as it would arrive in a UDP datagram (octets
        after the Content-Length body are ignored). The verdict is `valid`, or
        `invalid: <status> <reason>` for a request Switchboard would answer
        with that status, or `invalid: dropped (<why>)` for a message it would
        discard without answer.

        Exit status: 0 when every message is valid, 1 when any is invalid,
        2 when a file cannot be read.
        """)

    @Flag(name: .long, help: "Print the verdict and the parsed fields as JSON.")
    var json = false

    @Argument(help: "Files holding one SIP message each.")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one FILE") }
    }

    func run() throws {
        let context = CommandContext.current
        var reports: [MessageReport] = []
        var anyInvalid = false
        var unreadable = false
        for file in files {
            guard let data = FileManager.default.contents(atPath: file), !isDirectory(file) else {
                context.errorLine("cannot read \(file)")
                unreadable = true
                continue
            }
            let result = SIPParser.parse(datagram: Array(data))
            anyInvalid = anyInvalid || result.verdict != .accept
            if json {
                reports.append(MessageReport(file: file, result: result))
            } else {
                var line = "\(file): \(result.verdict)"
                if let detail = result.detail, result.verdict != .accept, case .reject = result.verdict {
                    line += " (\(detail))"
                }
                context.line(line)
            }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = (try? encoder.encode(reports)) ?? Data("[]".utf8)
            context.line(String(decoding: data, as: UTF8.self))
        }
        if unreadable { throw SwitchboardExit.usageOrIO.exitCode }
        if anyInvalid { throw SwitchboardExit.invalidInput.exitCode }
    }

    private func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }
}
