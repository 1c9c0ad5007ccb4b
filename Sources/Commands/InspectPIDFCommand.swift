import ArgumentParser
import Foundation
import Presence

/// `switchboard inspect pidf FILE…`: what Switchboard understands of a
/// presence document (PIDF with RPID, data model, timed-status, location;
/// dialog-info; watcherinfo; pres-rules).
struct InspectPIDFCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pidf",
        abstract: "Read presence documents and print what was understood.",
        discussion: """
        The verdict is valid, no-document (an empty body), not-understood (an
        element marked mustUnderstand that Switchboard does not know: such a
        document is never shown as a normal status) or malformed.
        Exit status: 0 when every document is valid or empty, 1 otherwise,
        2 when a file cannot be read.
        """)

    @Flag(help: "Print the inspection as JSON.")
    var json = false

    @Option(help: ArgumentHelp("Preferred note languages, comma-separated (e.g. de,en).", valueName: "languages"))
    var language: String?

    @Argument(help: "Files holding one document each.")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one FILE") }
    }

    func run() throws {
        let context = CommandContext.current
        let languages = language.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } } ?? []
        var anyBad = false
        var unreadable = false
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                context.errorLine("cannot read \(file)")
                unreadable = true
                continue
            }
            let inspection = PresenceInspector.inspect(Array(data), preferredLanguages: languages)
            anyBad = anyBad || !(inspection.verdict == .valid || inspection.verdict == .noDocument)
            context.line(json ? inspection.json() : "\(file): " + inspection.text)
        }
        if unreadable { throw SwitchboardExit.usageOrIO.exitCode }
        if anyBad { throw SwitchboardExit.invalidInput.exitCode }
    }
}
