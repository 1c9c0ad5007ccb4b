import ArgumentParser
import Foundation
import PhoneCore
#if canImport(Glibc)
import Glibc
#endif

/// When the process started (first touched at the top of `main`).
public enum ProcessStart {
    public static let instant = ContinuousClock.now
}

/// `switchboard bench register`: how fast we are registered, how much memory
/// that takes, and how much CPU an idle registered instance uses.
struct BenchRegisterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Start-to-registered time, resident memory and idle CPU against a real registrar.",
        discussion: """
        Round 1 is measured from the start of main, and with --from-exec also
        from the exec of a fresh process (loading the libraries included);
        every round creates a new SIP stack (socket bind, REGISTER, 401
        challenge, REGISTER with credentials, 200) and unregisters afterwards.
        Build with -c release.
        """)

    @OptionGroup var account: AccountOptions
    @OptionGroup var sip: SIPOptions

    @Option(help: "Registrations to time.")
    var rounds = 20

    @Option(help: ArgumentHelp("Seconds to stay registered and idle while measuring CPU (0: skip).", valueName: "seconds"))
    var idle: Double = 10

    @Flag(help: "Print the figures as JSON.")
    var json = false

    @Flag(help: "Also time round 1 from the exec of a fresh process (the bench starts itself again).")
    var fromExec = false

    func run() async throws {
        let context = CommandContext.current
        if fromExec {
            // inside the TUI or a daemon, CommandLine.arguments are theirs
            if context.instance != nil { throw CommandFailure(.usageOrIO, "--from-exec runs from a shell, not in a running instance") }
            let arguments = CommandLine.arguments.filter { $0 != "--from-exec" }
            let status = try BenchExecTiming.respawn(arguments: arguments, environment: context.environment)
            if status != 0 { throw ExitCode(status) }
            return
        }
        sip.bootstrapLogging()
        let (_, resolved) = try account.resolve(environment: context.environment)
        guard (1...10_000).contains(rounds), (0...3600).contains(idle) else {
            throw CommandFailure(.usageOrIO, "--rounds must be 1...10000 and --idle 0...3600")
        }
        var times: [Double] = []
        var sinceStart = 0.0
        var sinceExec: Double?
        var residentKB = 0
        var anonymousKB = 0
        var idleCPU: Double?
        for round in 1...rounds {
            let begin = ContinuousClock.now
            let core = PhoneCore(options: try sip.phoneOptions(environment: context.environment))
            await core.setPresenceFollowsRegistration(false)   // time the REGISTER alone
            let id = try await core.addAccount(resolved)
            try await core.register(id)
            let state = await core.waitForRegistration(id, timeout: .seconds(40)) { $0.status == .registered || $0.status == .failed }
            guard state.status == .registered else { throw RegisterCommand.failure(for: state) }
            let end = ContinuousClock.now
            times.append(milliseconds(end - begin))
            if round == 1 {
                sinceExec = BenchExecTiming.millisecondsSinceExec(environment: context.environment)
                sinceStart = milliseconds(end - ProcessStart.instant)
                residentKB = Self.residentKilobytes()
                anonymousKB = Self.residentKilobytes(field: "RssAnon:")
                if idle > 0 {
                    let before = Self.cpuSeconds()
                    try await Task.sleep(for: .seconds(idle))
                    idleCPU = Self.cpuSeconds() - before
                }
            }
            await core.shutdown()
        }
        let sorted = times.sorted()
        let median = sorted[sorted.count / 2]
        if json {
            var fields = ["\"since_main_ms\":\(fmt(sinceStart))", "\"median_ms\":\(fmt(median))",
                          "\"min_ms\":\(fmt(sorted[0]))", "\"max_ms\":\(fmt(sorted[sorted.count - 1]))",
                          "\"rounds\":\(rounds)", "\"rss_kb\":\(residentKB)",
                          "\"rss_anon_kb\":\(anonymousKB)"]
            if let sinceExec { fields.append("\"since_exec_ms\":\(fmt(sinceExec))") }
            if let idleCPU { fields.append("\"idle_cpu_seconds\":\(fmt(idleCPU, 4)),\"idle_seconds\":\(fmt(idle))") }
            context.line("{" + fields.joined(separator: ",") + "}")
        } else {
            if let sinceExec { context.line("registered after exec:          \(fmt(sinceExec)) ms") }
            context.line("registered after main started:  \(fmt(sinceStart)) ms")
            context.line("new stack to registered:        median \(fmt(median)) ms, min \(fmt(sorted[0])) ms, max \(fmt(sorted[sorted.count - 1])) ms over \(rounds)")
            context.line("resident memory when registered: \(Self.megabytes(residentKB)) MB, of which \(Self.megabytes(anonymousKB)) MB"
                         + " anonymous (heap, stacks); the rest is pages of the program and its libraries")
            if let idleCPU { context.line("CPU while idle and registered:   \(fmt(idleCPU, 4)) s in \(fmt(idle)) s") }
        }
    }

    private func milliseconds(_ duration: Duration) -> Double { BenchFigures.milliseconds(duration) }
    private func fmt(_ value: Double, _ digits: Int = 2) -> String { BenchFigures.fixed(value, digits) }

    static func megabytes(_ kilobytes: Int) -> String { "\(kilobytes / 1024).\(kilobytes % 1024 * 10 / 1024)" }

    /// A kilobyte figure from /proc/self/status: VmRSS (all resident pages,
    /// the figure other programs are compared by) or RssAnon (only the ones
    /// this process wrote: heap, stacks, relocated data).
    static func residentKilobytes(field: String = "VmRSS:") -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field) }) else { return 0 }
        return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
    }

    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
}
