import Foundation
import Media
import PhoneCore
import SwitchboardTestKit

/// A temporary directory for a test's audio files, removed by the caller.
struct AudioScratch {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "sb-audio-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    /// A WAV file of a sine at `frequency`, 8 kHz mono, `seconds` long.
    func tone(_ frequency: Double, seconds: Double = 4, name: String) throws -> String {
        let count = Int(seconds * 8000)
        var bytes = WAVFile.header(sampleRate: 8000, dataBytes: UInt32(count * 2))
        for index in 0..<count {
            let sample = Int16(12_000 * sin(2 * Double.pi * frequency * Double(index) / 8000))
            bytes.append(UInt8(truncatingIfNeeded: sample))
            bytes.append(UInt8(truncatingIfNeeded: sample >> 8))
        }
        let target = file(name)
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        return target
    }

    /// The samples of a recording, once it is complete (its header written
    /// at close); nil if it is not within `timeout`.
    func recording(_ name: String, timeout: Duration = .seconds(10)) async -> [Int16]? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let data = FileManager.default.contents(atPath: file(name)),
               let audio = try? WAVFile.parse(Array(data)), !audio.samples.isEmpty {
                return audio.samples
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// An in-process phone for `user` on the test server, registered.
func registeredPhone(_ user: String, _ server: KamailioServer, policy: CallPolicy? = nil) async throws -> (PhoneCore, String) {
    let core = PhoneCore(options: fastOptions())
    let id = try await core.addAccount(try testAccount(user, password: server.account(user)?.password ?? "",
                                                       proxy: "sip:127.0.0.1:\(server.udpPort)"))
    if let policy { await core.setCallPolicy(policy) }
    try await core.register(id)
    let state = await core.waitForRegistration(id, timeout: .seconds(15)) { $0.status == .registered }
    guard state.status == .registered else { throw HarnessError("\(user) not registered: \(state)") }
    return (core, id)
}
