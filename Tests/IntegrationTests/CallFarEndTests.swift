import Foundation
import PhoneCore
import SwitchboardTestKit
import Testing

/// `switchboard call` against sipp far ends owned by the project
/// (scripts/sipp/uas-*.xml): each way a call can go has its exit status.
@Suite("Calls against sipp far ends")
struct CallFarEndTests {
    let binary = BuiltProducts.executable("switchboard").path

    /// Calls sipp directly (it is the proxy too) and returns the exit status,
    /// the final call as JSON, and sipp's own verdict.
    func call(_ scenario: String, extra: [String] = []) async throws -> (status: Int32, call: CallSnapshot?, sipp: Int32, log: String) {
        let sipp = try SippServer(scenario)
        let password = try passwordFile("alicepw")
        defer { unlink(password) }
        let runtime = try RuntimeDirectory()
        defer { runtime.remove() }
        let result = try ExternalProcess.run(binary, [
            "call", "sip:far@127.0.0.1:\(sipp.port)", "--json", "--source", "tone:700", "--sink", "null",
            "--aor", "sip:alice@example.test", "--password-file", password,
            "--proxy", "sip:127.0.0.1:\(sipp.port)"] + extra,
            timeout: .seconds(60), environment: runtime.environment)
        let status = sipp.wait()
        let snapshot = try? JSONDecoder.iso.decode(CallSnapshot.self, from: Data(result.stdout.utf8))
        return (result.status, snapshot, status, result.stderr + "\n--- sipp\n" + sipp.output)
    }

    @Test("busy: 486 → exit 20")
    func busy() async throws {
        let outcome = try await call("uas-busy")
        #expect(outcome.status == 20, "\(outcome.log)")
        #expect(outcome.call?.statusCode == 486)
        #expect(outcome.sipp == 0, "sipp saw the ACK: \(outcome.log)")
    }

    @Test("declined: 603 → exit 21")
    func declined() async throws {
        let outcome = try await call("uas-decline")
        #expect(outcome.status == 21, "\(outcome.log)")
        #expect(outcome.call?.statusCode == 603)
        #expect(outcome.sipp == 0, "\(outcome.log)")
    }

    @Test("no answer: ring timeout → CANCEL, 487 → exit 22")
    func noAnswer() async throws {
        let outcome = try await call("uas-noanswer", extra: ["--ring-timeout", "2"])
        #expect(outcome.status == 22, "\(outcome.log)")
        #expect(outcome.call?.endReason == "no-answer")
        #expect(outcome.sipp == 0, "sipp got the CANCEL and the ACK for its 487: \(outcome.log)")
    }

    @Test("407 challenge: answered with credentials, the call goes up and ends with BYE")
    func proxyChallenge() async throws {
        let outcome = try await call("uas-auth", extra: ["--duration", "1"])
        #expect(outcome.status == 0, "\(outcome.log)")
        #expect(outcome.call?.answeredAt != nil && outcome.call?.endReason == "local-bye")
        #expect(outcome.sipp == 0, "sipp verified the digest and got the BYE: \(outcome.log)")
    }
}
