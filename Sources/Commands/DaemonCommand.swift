import ArgumentParser
import Config
import Control
import Foundation
import PhoneCore
#if canImport(Glibc)
import Glibc
#endif

/// `switchboard daemon`: a headless instance that stays registered and serves
/// the control socket until SIGTERM or SIGINT, then unregisters and cleans up.
struct DaemonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daemon",
        abstract: "Run headless: stay registered and serve the control socket until SIGTERM.",
        discussion: """
        The socket is $XDG_RUNTIME_DIR/switchboard/<account>.sock (mode 0600,
        owner only), or --socket. One-shot commands such as `switchboard state`
        find it there and act on this instance. With --detach the daemon goes
        to the background once its socket answers and writes a PID file.
        Exit status: 0 after a clean stop, 4 when an instance already runs for
        the account, 10 on bad credentials, 12 on a TLS failure, 3 on bad settings.
        """)

    @OptionGroup var account: AccountOptions
    @OptionGroup var sip: SIPOptions

    @Option(help: ArgumentHelp("Control socket path.", valueName: "path"))
    var socket: String?

    @Flag(help: "Go to the background once the socket answers.")
    var detach = false

    @Option(help: ArgumentHelp("PID file (default: beside the socket).", valueName: "path"))
    var pidFile: String?

    @Option(help: ArgumentHelp("Answer incoming calls after this many seconds (bare flag: at once).", valueName: "seconds"))
    var autoAnswer: Double?

    @Option(help: ArgumentHelp("Play this WAV file (looped) into every call.", valueName: "wav"))
    var play: String?

    @Option(help: ArgumentHelp("Record what calls hear to this WAV file (the last call's).", valueName: "wav"))
    var record: String?

    @Option(help: ArgumentHelp("Audio source device (alsa[:NAME], file:PATH, loop:PATH, tone[:HZ], null).", valueName: "device"))
    var source: String?

    @Option(help: ArgumentHelp("Audio sink device.", valueName: "device"))
    var sink: String?

    @Flag(help: "Play the source to callers while it rings (183 with SDP: an announcement before the answer).")
    var earlyMedia = false

    func validate() throws {
        if let autoAnswer, !(autoAnswer >= 0 && autoAnswer <= 3600) {
            throw ValidationError("--auto-answer takes 0 to 3600 seconds")
        }
        if play != nil, source != nil { throw ValidationError("--play and --source name the same thing; give one") }
        if record != nil, sink != nil { throw ValidationError("--record and --sink name the same thing; give one") }
        // at start, not when the first call fails on it
        if let problem = callPolicy.audio.problem { throw ValidationError(problem) }
    }

    /// How the daemon meets incoming calls.
    var callPolicy: CallPolicy {
        CallPolicy(audio: CallAudio(source: play.map { "loop:" + CallCommand.absolute($0) } ?? source ?? "alsa",
                                    sink: record.map { "file:" + CallCommand.absolute($0) } ?? sink ?? "alsa"),
                   autoAnswer: autoAnswer.map { .milliseconds(Int64($0 * 1000)) }, earlyMedia: earlyMedia)
    }

    func run() async throws {
        let context = CommandContext.current
        if context.instance != nil { throw CommandFailure(.usageOrIO, "already running as an instance") }
        let (_, resolved) = try account.resolve(environment: context.environment)
        let socketPath = try socket ?? InstanceSocket.path(for: resolved, environment: context.environment)
        let pidPath = pidFile ?? (socketPath.hasSuffix(".sock") ? String(socketPath.dropLast(5)) : socketPath) + ".pid"
        if await ControlClient.isRunning(at: socketPath) {
            throw CommandFailure(.alreadyRunning, "another instance is running on \(socketPath)")
        }
        if detach {
            try await DaemonDetacher.detach(socketPath: socketPath, pidPath: pidPath, context: context)
            return
        }
        sip.bootstrapLogging()
        let core = PhoneCore(options: try sip.phoneOptions(environment: context.environment))
        let id: String
        do {
            id = try await core.addAccount(resolved)
        } catch {
            await core.shutdown(grace: .zero)
            throw RegisterCommand.failure(for: error)
        }
        await core.setCallPolicy(callPolicy)
        let running = RunningInstance(core: core, account: id)
        let server = try await InstanceServer.start(path: socketPath, instance: running, environment: context.environment)
        writePIDFile(pidPath)
        defer { unlink(pidPath) }
        let log = Task {
            for await event in core.events {
                context.errorLine(event.record.text)
                if case .registration(_, let snapshot) = event, snapshot.status == .failed,
                   snapshot.failureKind == .authentication || snapshot.failureKind == .tls {
                    kill(getpid(), SIGTERM)   // nothing will fix this without the user: stop cleanly
                }
            }
        }
        try await core.register(id)
        await core.syncStoredBuddies()
        context.errorLine("serving \(socketPath)")
        _ = await TerminationSignals.wait()
        let final = await core.registration(id)
        await server.shutdown()
        await core.shutdown()
        log.cancel()
        if final?.status == .failed, let final, final.failureKind == .authentication || final.failureKind == .tls {
            throw RegisterCommand.failure(for: final)
        }
    }

    private func writePIDFile(_ path: String) {
        let temporary = path + ".tmp"
        if FileManager.default.createFile(atPath: temporary, contents: Data("\(getpid())\n".utf8),
                                          attributes: [.posixPermissions: 0o600]) {
            rename(temporary, path)
        }
    }
}

/// `--detach`: start this program again in a new session without --detach,
/// wait until its socket answers, report and leave it running.
enum DaemonDetacher {
    static func detach(socketPath: String, pidPath: String, context: CommandContext) async throws {
        let arguments = CommandLine.arguments.filter { $0 != "--detach" }
        let logPath = (pidPath.hasSuffix(".pid") ? String(pidPath.dropLast(4)) : pidPath) + ".log"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // POSIX_SPAWN_SETSID (0x80 in glibc <spawn.h>) is hidden from Swift: it needs _GNU_SOURCE
        posix_spawnattr_setflags(&attributes, 0x80)
        let pid: pid_t
        switch SelfSpawn.start(arguments: arguments, environment: context.environment,
                               actions: &actions, attributes: &attributes) {
        case .success(let started): pid = started
        case .failure(let error):
            throw CommandFailure(.usageOrIO, "cannot start the daemon: \(String(cString: strerror(error.code)))")
        }
        let deadline = ContinuousClock.now + .seconds(15)
        while ContinuousClock.now < deadline {
            if await ControlClient.isRunning(at: socketPath) {
                context.line("switchboard daemon \(pid) serving \(socketPath) (log \(logPath))")
                return
            }
            var exitStatus: Int32 = 0
            if waitpid(pid, &exitStatus, WNOHANG) == pid {
                let code = (exitStatus >> 8) & 0xff
                throw CommandFailure(SwitchboardExit(rawValue: code) ?? .usageOrIO,
                                     "the daemon stopped during start (status \(code)); see \(logPath)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        kill(pid, SIGTERM)
        throw CommandFailure(.unreachable, "the daemon's socket did not answer within 15 s; see \(logPath)")
    }
}
