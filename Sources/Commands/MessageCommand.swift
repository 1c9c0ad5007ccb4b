import ArgumentParser
import Foundation
import PhoneCore

/// `switchboard message URI TEXT`: one instant message (RFC 3428 MESSAGE).
struct MessageCommand: AsyncParsableCommand, InstanceCommand {
    static let configuration = CommandConfiguration(
        commandName: "message", abstract: "Send an instant message (SIP MESSAGE).",
        discussion: "Exit status 13 when the server or the recipient refuses it (e.g. 404 not registered).")

    @Argument(help: ArgumentHelp("The recipient's SIP URI.", valueName: "uri"))
    var uri: String

    @Argument(help: ArgumentHelp("The text (UTF-8, at most 1300 octets).", valueName: "text"))
    var text: String

    @Flag(help: "Print the sent message as JSON.")
    var json = false

    @OptionGroup var account: AccountOptions
    @OptionGroup var sip: SIPOptions
    @OptionGroup var instance: InstanceOptions

    func validate() throws {
        guard !text.isEmpty else { throw ValidationError("the message is empty") }
    }

    func run() async throws {
        let context = CommandContext.current
        let (uri, text) = (uri, text)
        let record = try await PhoneSession(account: account, sip: sip).run(wait: instance.wait) { core, id in
            do {
                return try await core.sendMessage(text, to: uri, account: id)
            } catch {
                throw (error as? PresenceError).map(Self.failure) ?? CommandFailure(.unreachable, "\(error)")
            }
        }
        context.line(json ? JSONText.line(record) : "delivered to \(record.peer) (\(record.statusCode ?? 0))")
    }

    static func failure(_ error: PresenceError) -> CommandFailure {
        switch error {
        case .messageFailed(.authenticationFailed): return CommandFailure(.authFailed, error.description)
        case .messageFailed(.timeout), .messageFailed(.transportError): return CommandFailure(.unreachable, error.description)
        case .messageFailed: return CommandFailure(.refused, error.description)
        // an XCAP failure is the server refusing or unreachable, like a failed request
        case .listUploadFailed: return CommandFailure(.unreachable, error.description)
        case .unknownAccount: return CommandFailure(.configError, error.description)
        case .invalidURI, .invalidStatus, .textTooLong: return CommandFailure(.usageOrIO, error.description)
        }
    }
}
