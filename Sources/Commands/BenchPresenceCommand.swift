import ArgumentParser
import Config
import Control
import Foundation
import PhoneCore
import SIPUA
#if canImport(Glibc)
import Glibc
#endif

/// `switchboard bench presence --buddies N`: a buddy list of N presentities
/// against a real presence server; how long until every buddy has a 200
/// and a NOTIFY, memory, CPU, and how fast the control socket answers
/// meanwhile.
struct BenchPresenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "presence",
        abstract: "Time until N buddies all have a 200 and a NOTIFY; RSS, CPU, control-socket latency.",
        discussion: """
        Buddies are sip:bench-1@DOMAIN … sip:bench-N@DOMAIN (the account's
        domain). New subscriptions are paced at --rate per second; the first
        one goes alone so the rest reuse its digest nonce. While they start, a
        client asks the instance's control socket `status show --json` every
        --probe-ms and the answer times are reported. Build with -c release.
        """)

    @OptionGroup var account: AccountOptions
    @OptionGroup var sip: SIPOptions

    @Option(help: "Presentities to subscribe to.")
    var buddies = 1000

    @Option(help: "New subscriptions per second at most.")
    var rate: Double = 2000

    @Option(help: "New subscriptions awaiting their final response, at most.")
    var window = SubscriptionPacing().maximumOutstanding

    @Flag(help: "Also subscribe to each buddy's dialogs (BLF): two subscriptions per buddy.")
    var blf = false

    @Flag(help: "Watch the buddies through one resource-list subscription (RFC 4662) instead of one each.")
    var resourceList = false

    @Option(help: ArgumentHelp("Give up after this many seconds.", valueName: "seconds"))
    var timeout: Double = 120

    @Option(help: ArgumentHelp("Milliseconds between control-socket probes.", valueName: "ms"))
    var probeMs = 100

    @Flag(help: "Print the figures as JSON.")
    var json = false

    func run() async throws {
        let context = CommandContext.current
        guard (1...100_000).contains(buddies), rate > 0, rate <= 100_000, (1...10_000).contains(window),
              (1...3600).contains(timeout),
              (10...10_000).contains(probeMs) else {
            throw CommandFailure(.usageOrIO,
                                 "--buddies 1...100000, --rate (0, 100000], --window 1...10000, --timeout 1...3600, --probe-ms 10...10000")
        }
        sip.bootstrapLogging()
        let (_, resolved) = try account.resolve(environment: context.environment)
        var options = try sip.phoneOptions(environment: context.environment)
        options.subscriptionPacing = SubscriptionPacing(startsPerSecond: rate, maximumOutstanding: window)
        let core = PhoneCore(options: options)
        await core.setPresenceFollowsRegistration(false)   // measure the subscriptions alone
        let id: String
        do {
            id = try await core.addAccount(resolved)
            try await core.register(id)
            try await WaitCondition(seconds: 40).satisfy(on: core, account: id)
        } catch {
            await core.shutdown(grace: .seconds(2))
            throw (error as? CommandFailure) ?? RegisterCommand.failure(for: error)
        }
        // beside the instances' sockets: a directory only we can enter
        let runtime = try SwitchboardPaths(environment: context.environment).runtimeDirectory
        let socketPath = (runtime as NSString).appendingPathComponent("bench-presence-\(getpid()).sock")
        let server = try await InstanceServer.start(path: socketPath, instance: RunningInstance(core: core, account: id),
                                                    environment: context.environment)
        let probe = try await SocketProbe.start(path: socketPath, every: .milliseconds(probeMs))

        let uris = (1...buddies).map { "sip:bench-\($0)@\(resolved.aor.host)" }
        let cpuBefore = BenchRegisterCommand.cpuSeconds()
        let started = ContinuousClock.now
        if resourceList {
            try await watchList(core, uris: uris, account: id,
                                listURI: "sip:\(resolved.aor.user ?? "bench")-bench-list@\(resolved.aor.host)")
        } else {
            _ = try? await core.watch(uris, account: id, lineState: blf)
        }
        var counts = await countBuddies(core, account: id)
        let deadline = started + .seconds(timeout)
        while counts.complete < counts.total, ContinuousClock.now < deadline {
            // counting walks every buddy: often enough to time, not to load
            try await Task.sleep(for: .milliseconds(50))
            counts = await countBuddies(core, account: id)
        }
        let elapsed = ContinuousClock.now - started
        let cpu = BenchRegisterCommand.cpuSeconds() - cpuBefore
        let rss = BenchRegisterCommand.residentKilobytes()
        let latencies = await probe.stop()
        await server.shutdown()
        unlink(socketPath)
        await core.shutdown(grace: .seconds(10))

        let report = BenchPresenceReport(
            buddies: buddies, subscriptionsPerBuddy: blf ? 2 : 1, rate: rate, complete: counts.complete,
            failed: counts.failed, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            cpuSeconds: cpu, rssKB: rss, socketProbes: latencies.count,
            socketMedianMs: Self.percentile(latencies, 0.5), socketP99Ms: Self.percentile(latencies, 0.99),
            socketMaxMs: latencies.max() ?? 0)
        context.line(json ? JSONText.line(report) : report.text)
        if counts.complete < counts.total {
            throw CommandFailure(.unreachable, "\(counts.total - counts.complete) buddies without a full state after \(timeout) s")
        }
    }

    /// One list subscription for all buddies; its documents go to the
    /// account's XCAP root first.
    private func watchList(_ core: PhoneCore, uris: [String], account id: String, listURI: String) async throws {
        do {
            _ = try await core.watchList(listURI: listURI, members: uris, account: id)
        } catch {
            await core.shutdown(grace: .seconds(2))
            throw CommandFailure(.unreachable, "\(error)")
        }
    }

    /// With a list, a buddy counts once the RLS named it in an RLMI document
    /// (the bench's presentities never publish, so the RLS has no instance
    /// state for them: being listed is all it will say).
    private func countBuddies(_ core: PhoneCore, account id: String) async -> (total: Int, complete: Int, failed: Int) {
        guard resourceList else { return await core.buddyCounts(account: id) }
        let list = await core.listCounts(account: id)
        return (list.members, list.listed, await core.buddyCounts(account: id).failed)
    }

    static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * fraction + 0.5))]
    }
}

struct BenchPresenceReport: Codable, Sendable {
    var buddies: Int
    var subscriptionsPerBuddy: Int
    var rate: Double
    /// Buddies with a 200 and a NOTIFY (or a final failure) on each subscription.
    var complete: Int
    var failed: Int
    var seconds: Double
    var cpuSeconds: Double
    var rssKB: Int
    var socketProbes: Int
    var socketMedianMs: Double
    var socketP99Ms: Double
    var socketMaxMs: Double

    var text: String {
        let format = { (value: Double) in String(format: "%.1f", value) }
        return """
        buddies with a 200 and a NOTIFY: \(complete - failed) of \(buddies) (\(failed) failed), in \(format(seconds)) s \
        at up to \(Int(rate)) starts/s, \(subscriptionsPerBuddy) subscription(s) each
        CPU \(format(cpuSeconds)) s, resident memory \(rssKB / 1024) MB
        control socket during the storm: median \(format(socketMedianMs)) ms, p99 \(format(socketP99Ms)) ms, \
        max \(format(socketMaxMs)) ms over \(socketProbes) requests
        """
    }
}

/// A control-socket client that asks the same cheap command at a fixed pace
/// and keeps the answer times.
actor SocketProbe {
    private var latencies: [Double] = []
    private var task: Task<Void, Never>?

    static func start(path: String, every interval: Duration) async throws -> SocketProbe {
        let probe = SocketProbe()
        let client = try await ControlClient.connect(to: path)
        await probe.run(client, every: interval)
        return probe
    }

    private func run(_ client: ControlClient, every interval: Duration) {
        task = Task {
            while !Task.isCancelled {
                let begin = ContinuousClock.now
                if (try? await client.send("status show --json", timeout: .seconds(30))) != nil {
                    let spent = ContinuousClock.now - begin
                    record(Double(spent.components.seconds) * 1000 + Double(spent.components.attoseconds) / 1e15)
                }
                try? await Task.sleep(for: interval)
            }
            await client.close()
        }
    }

    private func record(_ milliseconds: Double) { latencies.append(milliseconds) }

    func stop() async -> [Double] {
        task?.cancel()
        await task?.value
        return latencies
    }
}
