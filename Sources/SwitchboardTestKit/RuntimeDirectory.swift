import Foundation

/// A private (0700) directory standing in for one instance's
/// `XDG_RUNTIME_DIR`, with its state and data directories inside, so that
/// instances started by one test share nothing with another test or the user.
public struct RuntimeDirectory: Sendable {
    public let path: String

    public init() throws {
        path = NSTemporaryDirectory() + "sb-rt-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
    }

    /// The environment a `switchboard` process gets to live in this directory.
    public var environment: [String: String] { DaemonProcess.environment(runtime: path) }

    /// The same environment as an `env K=V …` prefix for a shell command
    /// line (tmux starts the TUI through a shell).
    public var shellPrefix: String {
        "env " + environment.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " ")
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
