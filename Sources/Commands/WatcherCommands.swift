import ArgumentParser
import Config
import Foundation
import PhoneCore
import Presence
import Store
import XCAP

/// `switchboard watcher allow|block URI`: who may watch your presence,
/// written as presence rules (RFC 5025) on the account's XCAP server (RFC 4825).
struct WatcherCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watcher",
        abstract: "Allow or block a watcher of your presence (pres-rules on the XCAP server).",
        discussion: """
        Reads the account's pres-rules document, changes the one watcher, and writes it
        back only if nobody changed it meanwhile (If-Match). The XCAP root is the
        account's xcap_root (default http://REGISTRAR-HOST/xcap-root) or --xcap-root.
        """,
        subcommands: [WatcherAllowCommand.self, WatcherBlockCommand.self])
}

struct WatcherAllowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "allow", abstract: "Let a watcher see your presence.")
    @OptionGroup var options: WatcherOptions
    func run() async throws { try await WatcherRulesEdit.run(.allow, options) }
}

struct WatcherBlockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "block", abstract: "Refuse a watcher your presence.")
    @OptionGroup var options: WatcherOptions
    func run() async throws { try await WatcherRulesEdit.run(.block, options) }
}

struct WatcherOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("The watcher's sip: or sips: address.", valueName: "uri"))
    var uri: String

    @Option(help: ArgumentHelp("XCAP root to use instead of the account's xcap_root.", valueName: "uri"))
    var xcapRoot: String?

    @Flag(help: "Print the result as JSON.")
    var json = false

    @OptionGroup var account: AccountOptions
}

/// The result line of `watcher allow|block --json`.
struct WatcherReport: Encodable {
    var watcher: String
    var decision: String
    var document: String
    var changed: Bool
    var etag: String?
}

enum WatcherRulesEdit {
    static let contentType = "application/auth-policy+xml"
    /// Read-modify-write rounds before giving up when others keep changing the document.
    static let attempts = 3

    static func run(_ decision: WatcherDecision, _ options: WatcherOptions) async throws {
        let context = CommandContext.current
        guard let watcher = BuddyURI.normalize(options.uri), !watcher.hasPrefix("mailto:") else {
            throw CommandFailure(.usageOrIO, "\"\(options.uri)\" is not a sip: or sips: address")
        }
        // at the TUI's prompt or over a daemon's socket: the account that instance runs
        let account: ResolvedAccount
        if let running = context.instance, let resolved = await running.core.resolvedAccount(running.account) {
            account = resolved
        } else {
            account = try options.account.resolve(environment: context.environment).1
        }
        let access: XCAPAccess
        do {
            access = try XCAPAccess(account: account, root: options.xcapRoot)
        } catch {
            throw CommandFailure(.configError, error.description)
        }
        let client = access.client
        let path = access.root.presRulesPath(user: access.xui)
        let report: WatcherReport
        do {
            report = try await edit(client, path: path, decision: decision, watcher: watcher)
        } catch let error as XCAPError {
            throw failure(error)
        }
        if options.json {
            context.line(JSONText.line(report))
        } else {
            let verb = decision == .allow ? "allowed" : "blocked"
            context.line("\(verb) \(watcher)" + (report.changed ? "" : " (already so)"))
        }
    }

    /// Read, change, write with If-Match; a 412 means someone else wrote in
    /// between, so read again and redo the change on their version.
    static func edit(_ client: XCAPClient, path: String, decision: WatcherDecision,
                     watcher: String) async throws -> WatcherReport {
        let document = client.root.uri(of: path)
        for attempt in 1...attempts {
            let current = try await client.get(path)
            let ruleset = try rules(in: current)
            let updated = ruleset.setting(decision, for: watcher)
            if updated == ruleset {
                return WatcherReport(watcher: watcher, decision: decision.rawValue, document: document,
                                     changed: false, etag: current?.etag)
            }
            do {
                let etag = try await client.put(path, body: PresRulesWriter.bytes(updated), contentType: contentType,
                                                ifMatch: current?.etag, onlyIfAbsent: current == nil)
                return WatcherReport(watcher: watcher, decision: decision.rawValue, document: document,
                                     changed: true, etag: etag)
            } catch XCAPError.preconditionFailed where attempt < attempts {
                continue
            }
        }
        throw XCAPError.preconditionFailed
    }

    /// The rules in the fetched document; none yet is an empty ruleset. A
    /// document we cannot read is never overwritten: the user's rules would be lost.
    static func rules(in document: XCAPDocument?) throws -> PresRuleset {
        guard let document, !document.body.isEmpty else { return PresRuleset() }
        let reading: BodyReading<PresRuleset>
        do {
            reading = try PresRulesReader.read(document.body)
        } catch {
            throw CommandFailure(.refused, "the pres-rules on the XCAP server cannot be read (\(error)); left unchanged")
        }
        guard case .document(let ruleset) = reading else {
            throw CommandFailure(.refused, "the pres-rules on the XCAP server are not understood; left unchanged")
        }
        return ruleset
    }

    static func failure(_ error: XCAPError) -> CommandFailure {
        switch error {
        case .invalidRoot: return CommandFailure(.configError, error.description)
        case .authenticationFailed: return CommandFailure(.authFailed, error.description)
        case .unreachable, .timeout, .malformedResponse, .incompleteResponse, .responseTooLarge:
            return CommandFailure(.unreachable, error.description)
        case .unusableChallenge, .preconditionFailed, .conflict, .refused:
            return CommandFailure(.refused, error.description)
        }
    }
}
