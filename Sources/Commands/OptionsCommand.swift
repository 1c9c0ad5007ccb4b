import ArgumentParser
import Foundation
import PhoneCore

/// `switchboard options URI`: a SIP ping (OPTIONS) with its round-trip time.
struct OptionsCommand: AsyncParsableCommand, InstanceCommand {
    static let configuration = CommandConfiguration(
        commandName: "options",
        abstract: "Ping a SIP URI with OPTIONS and print the answer and the round-trip time.",
        discussion: """
        Goes through the account's outbound proxy when it has one and answers
        one digest challenge with its credentials. Without an account the
        request comes from sip:anonymous@anonymous.invalid.
        Exit status: 0 on a 2xx, 13 on another final response, 10 when the
        credentials were refused, 11 on no answer, 12 on a TLS failure.
        """)

    @OptionGroup var account: AccountOptions
    @OptionGroup var sip: SIPOptions
    @OptionGroup var instance: InstanceOptions

    @Flag(help: "Print the result as JSON.")
    var json = false

    @Argument(help: ArgumentHelp("The URI to ping, e.g. sip:127.0.0.1:5060 or sip:bob@example.test.", valueName: "uri"))
    var target: String

    func run() async throws {
        let context = CommandContext.current
        let hasAccount = account.aor != nil || account.account != nil || account.configPath != nil
            || context.instance != nil
        let result: PingResult
        do {
            if hasAccount {
                result = try await PhoneSession(account: account, sip: sip).run(registering: false, wait: instance.wait) { core, id in
                    try await core.ping(target, account: id)
                }
            } else {
                sip.bootstrapLogging()
                let core = PhoneCore(options: try sip.phoneOptions(environment: context.environment))
                defer { Task { await core.shutdown(grace: .zero) } }
                result = try await core.ping(target, account: nil)
            }
        } catch let error as PingError {
            switch error {
            case .invalidTarget: throw CommandFailure(.usageOrIO, error.description)
            case .timeout: throw CommandFailure(.unreachable, "\(target): no answer")
            case .transport(let transport):
                throw CommandFailure(transport.kind == .tls ? .tlsFailed : .unreachable, "\(target): \(error)")
            case .authenticationRejected: throw CommandFailure(.authFailed, "\(target): \(error)")
            }
        }
        if json {
            context.line(JSONText.line(result))
        } else {
            var line = "\(result.statusCode) \(result.reasonPhrase) from \(result.target) in "
                + String(format: "%.2f ms", result.roundTripMs)
            if let server = result.server { line += " (\(server))" }
            context.line(line)
        }
        if !(200..<300).contains(result.statusCode) {
            throw CommandFailure(.refused, "\(target) answered \(result.statusCode) \(result.reasonPhrase)")
        }
    }
}
