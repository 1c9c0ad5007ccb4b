import ArgumentParser
import Foundation
import PhoneCore

/// `switchboard bench call URI`: call setup time through the server and the
/// CPU an active call costs.
struct BenchCallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "call",
        abstract: "Call setup time (INVITE to 200) and CPU per active call, against an answering far end.",
        discussion: """
        The far end must answer at once, e.g. `switchboard daemon --auto-answer
        --source tone:440 --sink null` for another account. Each round places a
        call (INVITE, 407 challenge, INVITE with credentials, 100, 180, 200,
        ACK), times it until the 200 is in and the media set up, and hangs up.
        Then one call is kept up for --hold seconds with audio both ways
        (50 packets/s each way, G.711) and the process's CPU time is measured,
        against the same time idle. Build with -c release.
        """)

    @OptionGroup var account: AccountOptions
    @OptionGroup var sip: SIPOptions

    @Argument(help: ArgumentHelp("The answering far end.", valueName: "uri"))
    var target: String

    @Option(help: "Calls to time.")
    var rounds = 20

    @Option(help: ArgumentHelp("Seconds to keep one call up while measuring CPU (0: skip).", valueName: "seconds"))
    var hold: Double = 10

    @Flag(help: "Print the figures as JSON.")
    var json = false

    func run() async throws {
        let context = CommandContext.current
        guard (1...10_000).contains(rounds), (0...3600).contains(hold) else {
            throw CommandFailure(.usageOrIO, "--rounds must be 1...10000 and --hold 0...3600")
        }
        let audio = CallAudio(source: "tone:440", sink: "null")
        let session = PhoneSession(account: account, sip: sip, keepsHistory: false)
        let figures = try await session.run(registering: false) { core, id in
            /// A call to the target, answered (or the bench stops: no figure without a call).
            func answeredCall() async throws -> CallSnapshot {
                let call = try await core.placeCall(to: target, account: id, audio: audio)
                let up = await core.waitForCall(call.id, timeout: .seconds(30)) { $0.state == .connected || $0.isEnded }
                guard up?.state == .connected else {
                    throw CommandFailure(.unreachable, "call \(call.id) not answered: \(up.map(CallReport.text) ?? "timeout")")
                }
                return call
            }
            var times: [Double] = []
            for _ in 1...rounds {
                let begin = ContinuousClock.now
                let call = try await answeredCall()
                times.append(Self.milliseconds(ContinuousClock.now - begin))
                try await core.hangUp(call.id)
                _ = await core.waitForCall(call.id, timeout: .seconds(10)) { $0.isEnded }
            }
            var cpu: (idle: Double, call: Double)?
            if hold > 0 {
                let idleStart = BenchRegisterCommand.cpuSeconds()
                try await Task.sleep(for: .seconds(hold))
                let idle = BenchRegisterCommand.cpuSeconds() - idleStart
                let call = try await answeredCall()
                let callStart = BenchRegisterCommand.cpuSeconds()
                try await Task.sleep(for: .seconds(hold))
                let active = BenchRegisterCommand.cpuSeconds() - callStart
                try await core.hangUp(call.id)
                _ = await core.waitForCall(call.id, timeout: .seconds(10)) { $0.isEnded }
                cpu = (idle, active)
            }
            return (times.sorted(), cpu, BenchRegisterCommand.residentKilobytes())
        }
        let (sorted, cpu, residentKB) = figures
        let median = sorted[sorted.count / 2]
        let percent = { (seconds: Double) in seconds / hold * 100 }
        if json {
            var fields = ["\"setup_median_ms\":\(fmt(median))", "\"setup_min_ms\":\(fmt(sorted[0]))",
                          "\"setup_max_ms\":\(fmt(sorted[sorted.count - 1]))", "\"rounds\":\(rounds)",
                          "\"rss_kb\":\(residentKB)"]
            if let cpu {
                fields.append("\"cpu_percent_idle\":\(fmt(percent(cpu.idle), 3)),\"cpu_percent_one_call\":\(fmt(percent(cpu.call), 3))")
            }
            context.line("{" + fields.joined(separator: ",") + "}")
        } else {
            context.line("call setup (INVITE to 200, 407 round included): median \(fmt(median)) ms, min \(fmt(sorted[0])) ms, max \(fmt(sorted[sorted.count - 1])) ms over \(rounds)")
            if let cpu {
                context.line("CPU: \(fmt(percent(cpu.call), 3)) % of one core with one call up, \(fmt(percent(cpu.idle), 3)) % idle (\(fmt(hold)) s each)")
            }
            context.line("resident memory after the calls: \(BenchRegisterCommand.megabytes(residentKB)) MB")
        }
    }

    static func milliseconds(_ duration: Duration) -> Double { BenchFigures.milliseconds(duration) }
    private func fmt(_ value: Double, _ digits: Int = 2) -> String { BenchFigures.fixed(value, digits) }
}
